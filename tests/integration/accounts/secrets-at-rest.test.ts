import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mailOutbox } from '@/db/schema';
import { activateAccount } from '@/lib/accounts/activate-account';
import { registerAccount } from '@/lib/accounts/register-account';
import { resetPassword } from '@/lib/accounts/reset-password';
import { sha256Hex } from '@/lib/auth/secret-tokens';
import { sessionCookieFor } from '@/lib/auth/sessions/session-cookie-for';
import { signInWithPassword } from '@/lib/auth/sign-in-with-password';
import { closeDatabase, db } from '@/lib/db/client';
import { toActionFailure } from '@/lib/errors';
import {
  clientAt,
  linkFrom,
  registerAndReceiveActivation,
  registrationForm,
  RESET_SUBJECT,
  startMailDelivery,
  userByEmail,
  waitForMail,
  type TMailDelivery,
  sendAccountLinkAndFinish,
} from '../../helpers/accounts-factory';

let mail: TMailDelivery;
const printed: string[] = [];

beforeAll(async () => {
  mail = await startMailDelivery();
  // Everything the code under test prints, through console or straight to the streams.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map((arg) => (arg instanceof Error ? `${arg.message} ${arg.stack ?? ''}` : String(arg))).join(' '));
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});

afterAll(async () => {
  vi.restoreAllMocks();
  await mail?.stop();
  await closeDatabase();
});

type TColumn = { table_schema: string; table_name: string; column_name: string; data_type: string };

/** Every column (application and pg-boss schemas) of a text, JSON or binary type whose value contains `needle`. */
async function columnsContaining(needle: string): Promise<string[]> {
  const columns = await db.execute<TColumn>(sql`
    select c.table_schema, c.table_name, c.column_name, c.data_type
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where t.table_type = 'BASE TABLE'
      and c.table_schema not in ('pg_catalog', 'information_schema')
      and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY', 'USER-DEFINED')`);
  const found: string[] = [];
  for (const column of columns.rows) {
    const table = sql`${sql.identifier(column.table_schema)}.${sql.identifier(column.table_name)}`;
    const value = sql.identifier(column.column_name);
    const condition =
      column.data_type === 'bytea'
        ? sql`position(convert_to(${needle}, 'UTF8') in ${value}) > 0`
        : sql`position(${needle} in ${value}::text) > 0`;
    const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${table} where ${condition}`);
    if ((result.rows[0]?.n ?? 0) > 0) found.push(`${column.table_schema}.${column.table_name}.${column.column_name}`);
  }
  return found;
}

async function allMailDelivered(userId: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const rows = await db.select({ status: mailOutbox.status }).from(mailOutbox).where(eq(mailOutbox.subjectUserId, userId));
    if (rows.length > 0 && rows.every((row) => row.status === 'sent')) return rows.length;
    if (Date.now() > deadline) throw new Error('mail not delivered in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('no password, token or link at rest or in the output', () => {
  it('the column scan finds what is there (text and bytea)', async () => {
    const marker = `probe-${randomBytes(6).toString('hex')}`;
    await db.execute(sql`create table scan_probe (label text, payload bytea)`);
    try {
      await db.execute(sql`insert into scan_probe values (${`a ${marker} b`}, convert_to(${`x${marker}y`}, 'UTF8'))`);
      expect(await columnsContaining(marker)).toEqual(['public.scan_probe.label', 'public.scan_probe.payload']);
    } finally {
      await db.execute(sql`drop table scan_probe`);
    }
  });

  it('after registration, activation, sign-in, reset and a failed registration', async () => {
    const password = `Vault-${randomBytes(6).toString('hex')}-Pass`;
    const newPassword = `Fresh-${randomBytes(6).toString('hex')}-Pass`;
    const rejectedPassword = `Refused-${randomBytes(6).toString('hex')}-Pass`;

    const registered = await registerAndReceiveActivation(mail.sink, { password, marketing: true });
    await activateAccount(registered.token);
    expect(await signInWithPassword({ email: registered.email, password: `${password}-wrong` }, clientAt())).toMatchObject({ ok: false });
    const first = await signInWithPassword({ email: registered.email, password }, clientAt());
    if (!first.ok) throw new Error('sign-in failed');

    await sendAccountLinkAndFinish('password_reset', { email: registered.email }, clientAt());
    const reset = linkFrom(await waitForMail(mail.sink, registered.email, RESET_SUBJECT), 'reset-password');
    await resetPassword(reset.token, { password: newPassword, confirmPassword: newPassword });
    const second = await signInWithPassword({ email: registered.email, password: newPassword }, clientAt());
    if (!second.ok) throw new Error('sign-in with the new password failed');

    // A registration refused for its texts, and an action failure mapped for the form.
    const refused = await registrationForm({ password: rejectedPassword, shownNotice: 'stale' });
    const failure = toActionFailure(await registerAccount(refused, clientAt()).catch((error: unknown) => error));
    expect(JSON.stringify(failure)).not.toContain(rejectedPassword);

    const user = await userByEmail(registered.email);
    // activation, reset, password-changed: all sent, so their envelopes are wiped.
    expect(await allMailDelivered(user!.id)).toBe(3);

    const secrets: Record<string, string> = {
      password,
      newPassword,
      rejectedPassword,
      activationToken: registered.token,
      activationLink: registered.url,
      resetToken: reset.token,
      resetLink: reset.url,
      firstSessionId: first.sessionToken,
      secondSessionId: second.sessionToken,
      sessionCookie: (await sessionCookieFor(second.sessionToken))!.value,
      // The sign-in device cookie is checked by its keyed hash alone: nothing of it is stored.
      deviceCookie: second.deviceCookie,
    };
    for (const [name, secret] of Object.entries(secrets)) {
      expect(await columnsContaining(secret), name).toEqual([]);
    }
    // What is stored instead: the hashes.
    expect(await columnsContaining(sha256Hex(registered.token))).toEqual(['public.account_tokens.token_sha256']);
    expect(await columnsContaining(sha256Hex(second.sessionToken))).toEqual(['public.sessions.token_sha256']);

    const output = printed.join('\n');
    for (const [name, secret] of Object.entries(secrets)) {
      expect(output.includes(secret), `${name} printed`).toBe(false);
    }
    expect(output.includes(registered.email), 'e-mail address printed').toBe(false);
  });
});
