import 'server-only';
import { isIPv4, isIPv6 } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { mailOutbox } from '@/db/schema';
import { db } from '@/lib/db/client';
import { mailEnv, runtimeEnv } from '@/lib/env';
import { openEnvelope, type TMailEnvelope } from './envelope';

/**
 * /dev/mail shows the outbox (recipients, subjects, bodies with their links) to whoever may open
 * it, so it exists only where mail cannot leave the machine anyway: in development or the demo,
 * with no SMTP server configured. Even then it answers only requests from this machine, judged by
 * the socket peer the web server stamps on every request (SOCKET_PEER_HEADER), never by a header the
 * client controls; and never a request that came through a proxy (`proxied`), whose peer is the
 * proxy, not the visitor.
 */
export function isDevMailboxOpen(peer: string | null, options: { proxied: boolean } = { proxied: false }): boolean {
  return isDevMailboxEnabled() && !options.proxied && isLoopbackAddress(peer);
}

function isDevMailboxEnabled(): boolean {
  try {
    const { NODE_ENV, STOCKROOM_DEMO } = runtimeEnv();
    const { SMTP_URL } = mailEnv();
    return (NODE_ENV === 'development' || STOCKROOM_DEMO) && !SMTP_URL;
  } catch {
    // Configuration that does not parse opens nothing.
    return false;
  }
}

/** 127.0.0.0/8, ::1, and IPv4-mapped loopback (::ffff:127.x.x.x, also written in hex). Anything else is not. */
export function isLoopbackAddress(peer: string | null | undefined): boolean {
  if (!peer) return false;
  const address = peer.trim().toLowerCase();
  if (isIPv4(address)) return address.split('.')[0] === '127';
  const groups = ipv6Groups(address);
  if (!groups) return false;
  const leadingZeros = groups.slice(0, 5).every((group) => group === 0);
  if (leadingZeros && groups[5] === 0 && groups[6] === 0 && groups[7] === 1) return true;
  return leadingZeros && groups[5] === 0xffff && (groups[6] ?? 0) >> 8 === 127;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(address: string): number[] | null {
  if (!isIPv6(address) || address.includes('%')) return null;
  let text = address;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIPv4(tail)) return null;
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((group) => Number.parseInt(group, 16));
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

export type TDevMailSummary = {
  id: string;
  template: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Null once delivered or given up: the envelope is wiped then. */
  to: string | null;
  subject: string | null;
};

export type TDevMail = TDevMailSummary & { envelope: TMailEnvelope | null };

const DEV_MAILBOX_LIMIT = 100;

/** The newest messages in the outbox. Empty unless the dev mailbox is enabled (see isDevMailboxOpen). */
export async function listDevMailbox(): Promise<TDevMailSummary[]> {
  if (!isDevMailboxEnabled()) return [];
  const rows = await db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(DEV_MAILBOX_LIMIT);
  return rows.map((row) => summarize(row, readEnvelope(row.envelope)));
}

/** One message with its bodies, or null when there is no such message or the dev mailbox is disabled. */
export async function readDevMail(id: string): Promise<TDevMail | null> {
  if (!isDevMailboxEnabled() || !z.uuid().safeParse(id).success) return null;
  const [row] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!row) return null;
  const envelope = readEnvelope(row.envelope);
  return { ...summarize(row, envelope), envelope };
}

function readEnvelope(sealed: Buffer | null): TMailEnvelope | null {
  if (!sealed) return null;
  try {
    return openEnvelope(sealed);
  } catch {
    return null;
  }
}

function summarize(row: typeof mailOutbox.$inferSelect, envelope: TMailEnvelope | null): TDevMailSummary {
  return {
    id: row.id,
    template: row.template,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    to: envelope ? (envelope.toName ? `${envelope.toName} <${envelope.to}>` : envelope.to) : null,
    subject: envelope?.subject ?? null,
  };
}
