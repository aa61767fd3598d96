import 'server-only';
import { createHash } from 'node:crypto';

/** The prev_hash of the very first entry: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The fields an entry's hash covers (everything but its id, which the chain order already fixes).
 * Format 1 covers the client address itself; format 2 covers clientIpDigest in its place, so that
 * erasure can remove the address and the salt and the entry still verifies.
 */
export type THashedFields = {
  /** ISO 8601 in UTC with milliseconds, as Date.prototype.toISOString writes it. */
  occurredAt: string;
  actorUserId: string | null;
  actorKind: string;
  action: string;
  subjectUserId: string | null;
  objectType: string | null;
  objectId: string | null;
  clientIp: string | null;
  clientIpDigest?: string | null;
  hashVersion?: number;
  purpose: string | null;
  details: unknown;
  prevHash: string;
};

/** JSON with object keys sorted at every level: jsonb does not keep key order, the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 (hex) over a fixed-order serialisation of the entry and the previous entry's hash. A
 * version tag comes first so a later change of the format can be told apart from tampering.
 */
export function auditEntryHash(fields: THashedFields): string {
  const v2 = fields.hashVersion === 2;
  const serialised = canonicalJson([
    v2 ? 'audit-v2' : 'audit-v1',
    fields.occurredAt,
    fields.actorUserId,
    fields.actorKind,
    fields.action,
    fields.subjectUserId,
    fields.objectType,
    fields.objectId,
    v2 ? (fields.clientIpDigest ?? null) : fields.clientIp,
    fields.purpose,
    fields.details,
    fields.prevHash,
  ]);
  return createHash('sha256').update(serialised, 'utf8').digest('hex');
}

/** SHA-256 of a random salt and the address: reveals nothing of the address once the salt is gone. */
export function clientIpDigest(salt: string, clientIp: string): string {
  return createHash('sha256').update(`${salt}\u0000${clientIp}`, 'utf8').digest('hex');
}
