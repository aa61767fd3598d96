import 'server-only';
import { eq } from 'drizzle-orm';
import { customerTerms } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';

/** Whether staff let this customer download without approval: their orders are approved (and invoiced) when placed. */
export async function mayDownloadWithoutApproval(userId: string, executor: TExecutor = db): Promise<boolean> {
  const [terms] = await executor.select({ withoutApproval: customerTerms.downloadWithoutApproval }).from(customerTerms).where(eq(customerTerms.userId, userId));
  return terms?.withoutApproval === true;
}
