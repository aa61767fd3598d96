import 'server-only';
import { createHash } from 'node:crypto';

/** The prev_hash of the very first entry: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers (everything but its id, which the chain order already fixes). */
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
  const serialised = canonicalJson([
    'audit-v1',
    fields.occurredAt,
    fields.actorUserId,
    fields.actorKind,
    fields.action,
    fields.subjectUserId,
    fields.objectType,
    fields.objectId,
    fields.clientIp,
    fields.purpose,
    fields.details,
    fields.prevHash,
  ]);
  return createHash('sha256').update(serialised, 'utf8').digest('hex');
}
