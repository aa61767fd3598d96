import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { linkClass } from '@/app/_components/link-class';
import { PageHeader } from '@/app/account/_components/page-header';
import { Timestamp } from '@/app/account/_components/timestamp';
import { listAccessLog, ZAccessLogFilters, type TAccessLogRow } from '@/lib/security/access-log-query';
import { listActiveBlocks } from '@/lib/security/ip-blocks';
import { roleHasPermission } from '@/lib/staff/permissions';
import { requireStaff } from '@/lib/staff/require-staff';
import { listOpenStaffSessions } from '@/lib/staff/staff-sessions';
import { accountIdByEmail } from '@/lib/staff/account-id-by-email';
import { blockAddressAction, endStaffSessionsAction, liftBlockAction } from './actions';
import { BlockAddressForm, RowActionButton } from './security-forms';

export const metadata: Metadata = { title: 'Access log' };

const OUTCOMES: Record<TAccessLogRow['outcome'], string> = {
  success: 'Success',
  invalid: 'Wrong password, PIN or code',
  throttled: 'Throttled',
  blocked: 'Address blocked',
  address_not_allowed: 'Address not allowed',
  not_activated: 'Not activated',
  disabled: 'Account locked',
  wrong_kind: 'Wrong kind of account',
  factor_expired: 'Sign-in expired or forged',
  forbidden: 'Refused',
  unavailable: 'Store unavailable',
  parental_pending: "Awaiting a parent's confirmation",
};

const KINDS: Record<TAccessLogRow['kind'], string> = {
  customer_sign_in: 'Customer sign-in',
  staff_sign_in: 'Staff sign-in',
  staff_request: 'Staff request',
};

const STEPS: Record<TAccessLogRow['step'], string> = {
  password: 'password',
  pin: 'PIN',
  pin_setup: 'PIN set-up',
  totp: 'code',
  totp_enrolment: 'authenticator set-up',
  recovery_code: 'recovery code',
  request: 'request',
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

const ZDay = z.union([z.literal(''), z.iso.date('Enter a date as YYYY-MM-DD.')]);
const ZQuery = z.object({
  email: z.union([z.literal(''), z.email('Enter an e-mail address.').max(320)]),
  ip: z.string().trim().max(100),
  outcome: z.union([z.literal(''), z.enum(Object.keys(OUTCOMES) as [TAccessLogRow['outcome']])]),
  kind: z.union([z.literal(''), z.enum(Object.keys(KINDS) as [TAccessLogRow['kind']])]),
  from: ZDay,
  to: ZDay,
  before: z.union([z.literal(''), z.coerce.number().int().positive()]),
});

type TProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccessLogPage({ searchParams }: TProps) {
  const actor = await requireStaff('security.read', '/staff/access-log');
  const params = await searchParams;
  const raw = Object.fromEntries(Object.keys(ZQuery.shape).map((key) => [key, first(params[key]).trim()]));
  const query = ZQuery.safeParse(raw);
  const errors: Record<string, string> = {};
  if (!query.success) for (const issue of query.error.issues) errors[String(issue.path[0])] ??= issue.message;

  let rows: TAccessLogRow[] = [];
  let nextBefore: number | null = null;
  if (query.success) {
    const q = query.data;
    const userId = q.email ? await accountIdByEmail(actor, q.email) : undefined;
    const input = {
      ...(q.email ? { userId: userId ?? '00000000-0000-4000-8000-000000000000' } : {}),
      ...(q.ip ? { ip: q.ip } : {}),
      ...(q.outcome ? { outcome: q.outcome } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.from ? { from: new Date(`${q.from}T00:00:00Z`) } : {}),
      ...(q.to ? { to: new Date(`${q.to}T23:59:59.999Z`) } : {}),
    };
    const filters = ZAccessLogFilters.safeParse(input);
    if (filters.success) {
      ({ rows, nextBefore } = await listAccessLog(input, { limit: 50, ...(q.before ? { before: q.before } : {}) }));
    } else {
      for (const issue of filters.error.issues) errors[String(issue.path[0])] ??= issue.message;
    }
  }
  const [blocks, staffSessions] = await Promise.all([listActiveBlocks(), listOpenStaffSessions(actor)]);
  const canManage = roleHasPermission(actor.role, 'security.manage');
  const nextHref = nextBefore ? `/staff/access-log?${new URLSearchParams({ ...raw, before: String(nextBefore) })}` : null;

  return (
    <div className="space-y-10">
      <PageHeader title="Access log">Every sign-in attempt, customer and staff, and every refused staff request. Kept 6 months.</PageHeader>

      <section aria-labelledby="log" className="space-y-4">
        <h2 id="log" className="text-lg font-semibold text-ink">
          Attempts
        </h2>
        <form method="get" className="grid gap-4 rounded-lg border border-neutral-200 p-4 sm:grid-cols-3 lg:grid-cols-6" noValidate>
          <Filter name="email" label="Account e-mail" value={raw.email!} error={errors.email ?? errors.userId} type="email" />
          <Filter name="ip" label="Address or range" value={raw.ip!} error={errors.ip} />
          <Choice name="outcome" label="Outcome" value={raw.outcome!} options={OUTCOMES} error={errors.outcome} />
          <Choice name="kind" label="Kind" value={raw.kind!} options={KINDS} error={errors.kind} />
          <Filter name="from" label="From (date)" value={raw.from!} error={errors.from} type="date" />
          <Filter name="to" label="To (date)" value={raw.to!} error={errors.to} type="date" />
          <div className="flex items-end gap-4 sm:col-span-3 lg:col-span-6">
            <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
              Filter
            </button>
            <Link href="/staff/access-log" className={`${linkClass} text-sm`}>
              Clear filters
            </Link>
          </div>
        </form>
        {rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">{Object.keys(errors).length > 0 ? 'Correct the marked filters to see attempts.' : 'No attempts match these filters.'}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <caption className="sr-only">Access log, newest first</caption>
              <thead className="border-b border-neutral-300 text-neutral-700">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Time (UTC)</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Kind</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Outcome</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Account</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Address</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Browser</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-200">
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td className="py-2 pr-4 whitespace-nowrap"><Timestamp value={row.occurredAt} /></td>
                    <td className="py-2 pr-4">{KINDS[row.kind]}{row.kind === 'staff_request' ? (row.target ? `: ${row.target}` : '') : ` (${STEPS[row.step]})`}</td>
                    <td className="py-2 pr-4">{OUTCOMES[row.outcome]}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{row.userId ?? '—'}</td>
                    <td className="py-2 pr-4 font-mono">{row.ip ?? 'unknown'}</td>
                    <td className="py-2 pr-4">{[row.browser, row.os].filter(Boolean).join(' on ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextHref ? (
          <p>
            <Link href={nextHref} className={linkClass}>Older attempts</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="blocks-heading" id="blocks" className="space-y-4">
        <h2 id="blocks-heading" className="text-lg font-semibold text-ink">
          Blocked addresses
        </h2>
        {blocks.length === 0 ? (
          <p className="rounded-lg border border-dashed border-neutral-300 p-5 text-sm text-neutral-700">No address is blocked.</p>
        ) : (
          <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200">
            {blocks.map((block) => (
              <li key={block.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm">
                <div id={`block-${block.id}`}>
                  <p className="font-mono text-ink">{block.network}</p>
                  <p className="text-neutral-700">
                    {block.source === 'automatic' ? 'Automatic' : 'Deny list'}
                    {block.reason ? ` · ${block.reason}` : ''} · {block.blockedUntil ? <>until <Timestamp value={block.blockedUntil} /></> : 'for good'}
                  </p>
                </div>
                {canManage ? <RowActionButton action={liftBlockAction} name="blockId" value={block.id} label="Unblock" describedBy={`block-${block.id}`} /> : null}
              </li>
            ))}
          </ul>
        )}
        {canManage ? (
          <div className="rounded-lg border border-neutral-200 p-4">
            <h3 className="mb-3 font-medium text-ink">Block an address</h3>
            <BlockAddressForm action={blockAddressAction} />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="staff-sessions" className="space-y-4">
        <h2 id="staff-sessions" className="text-lg font-semibold text-ink">
          Staff signed in now
        </h2>
        <ul className="divide-y divide-neutral-200 rounded-lg border border-neutral-200">
          {staffSessions.map((session) => (
            <li key={session.sessionId} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm">
              <div id={`session-${session.sessionId}`}>
                <p className="font-medium text-ink">
                  {session.fullName} <span className="font-normal text-neutral-700">({session.email})</span>
                </p>
                <p className="text-neutral-700">
                  Since <Timestamp value={session.createdAt} /> · last seen <Timestamp value={session.lastSeenAt} /> · {session.ip ?? 'unknown address'} · {[session.browser, session.os].filter(Boolean).join(' on ')}
                </p>
              </div>
              {canManage && session.userId !== actor.userId ? (
                <RowActionButton action={endStaffSessionsAction} name="userId" value={session.userId} label="End sessions" describedBy={`session-${session.sessionId}`} />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Filter({ name, label, value, error, type = 'text' }: { name: string; label: string; value: string; error?: string; type?: 'text' | 'email' | 'date' }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-ink">{label}</label>
      <input id={`filter-${name}`} name={name} type={type} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `filter-${name}-error` : undefined} className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm text-ink ${error ? 'border-red-700' : 'border-neutral-500'}`} />
      {error ? <p id={`filter-${name}-error`} className="mt-1 text-sm font-medium text-red-700">{error}</p> : null}
    </div>
  );
}

function Choice({ name, label, value, options, error }: { name: string; label: string; value: string; options: Record<string, string>; error?: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium text-ink">{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `filter-${name}-error` : undefined} className="mt-1 block w-full rounded-md border border-neutral-500 bg-white px-3 py-2 text-sm text-ink">
        <option value="">Any</option>
        {Object.entries(options).map(([key, text]) => (
          <option key={key} value={key}>{text}</option>
        ))}
      </select>
      {error ? <p id={`filter-${name}-error`} className="mt-1 text-sm font-medium text-red-700">{error}</p> : null}
    </div>
  );
}
