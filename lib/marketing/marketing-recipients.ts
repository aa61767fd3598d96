import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { db, type TExecutor } from '@/lib/db/client';

/**
 * Customers who may get marketing mail: active, not erased, and whose latest marketing_email entry
 * in the consent ledger is 'given'. A withdrawal, from My Account or a one-click link, is a later
 * 'withdrawn' row and takes them out.
 */
const consentingCustomers = (columns: SQL) => sql`
  select ${columns}
  from users u
  cross join lateral (
    select c.action from consent_ledger c
    where c.subject_user_id = u.id and c.purpose = 'marketing_email'
    order by c.created_at desc, c.id desc
    limit 1
  ) latest
  where u.kind = 'customer' and u.status = 'active' and u.erased_at is null and latest.action = 'given'`;

export async function countMarketingRecipients(executor: TExecutor = db): Promise<number> {
  const result = await executor.execute<{ n: number }>(consentingCustomers(sql`count(*)::int as n`));
  return result.rows[0]?.n ?? 0;
}

export async function listMarketingRecipients(executor: TExecutor): Promise<Array<{ id: string; email: string; fullName: string }>> {
  const result = await executor.execute<{ id: string; email: string; full_name: string }>(
    sql`${consentingCustomers(sql`u.id, u.email, u.full_name`)} order by u.id`,
  );
  return result.rows.map((row) => ({ id: row.id, email: row.email, fullName: row.full_name }));
}
