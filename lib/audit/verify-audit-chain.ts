import 'server-only';
import { sql } from 'drizzle-orm';
import type { TExecutor } from '@/lib/db/client';
import { auditEntryHash, clientIpDigest, GENESIS_HASH } from './audit-hash';

export type TChainReport =
  | {
      intact: true;
      entries: number;
      firstId: number | null;
      anchored: boolean;
      /** Format-1 entries whose address erasure removed: linked into the chain, but their own hash cannot be recomputed. */
      unverifiableErased: number;
    }
  | { intact: false; entries: number; brokenId: number; problem: string };

type TAuditRow = {
  id: string;
  occurred_at: string;
  sub_millisecond: boolean;
  actor_user_id: string | null;
  actor_kind: string;
  action: string;
  subject_user_id: string | null;
  object_type: string | null;
  object_id: string | null;
  client_ip: string | null;
  client_ip_salt: string | null;
  client_ip_digest: string | null;
  hash_version: number;
  deidentified: boolean;
  purpose: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
};

/**
 * Walks the trail in id order, a batch at a time (memory stays flat however long it is), and
 * recomputes every hash. The first broken link is reported with its id. When the retention job has
 * removed the oldest entries, the first remaining entry's prev_hash is the anchor (anchored: true).
 */
export async function verifyAuditChain(executor: TExecutor, { batchSize = 1_000 } = {}): Promise<TChainReport> {
  let expectedPrev: string | null = null;
  let firstId: number | null = null;
  let anchored = false;
  let entries = 0;
  let unverifiableErased = 0;
  let afterId = 0;
  for (;;) {
    const { rows } = await executor.execute<TAuditRow>(sql`
      select id::text, to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at,
             occurred_at <> date_trunc('milliseconds', occurred_at) as sub_millisecond,
             actor_user_id, actor_kind, action, subject_user_id, object_type, object_id, client_ip, client_ip_salt, client_ip_digest, hash_version, deidentified_at is not null as deidentified, purpose,
             details, prev_hash, hash
      from audit_trail where audit_trail.id > ${afterId} order by audit_trail.id limit ${batchSize}`);
    for (const row of rows) {
      const id = Number(row.id);
      const broken = (problem: string): TChainReport => ({ intact: false, entries, brokenId: id, problem });
      if (firstId === null) {
        firstId = id;
        anchored = row.prev_hash !== GENESIS_HASH;
      }
      if (expectedPrev !== null && row.prev_hash !== expectedPrev) return broken('prev_hash does not match the previous entry (an entry was removed or rewritten)');
      // Entries are written with millisecond times; finer digits can only come from an edit.
      if (row.sub_millisecond) return broken('occurred_at was changed');
      if (row.hash_version === 2 && row.client_ip !== null && (row.client_ip_salt === null || clientIpDigest(row.client_ip_salt, row.client_ip) !== row.client_ip_digest)) {
        return broken('client_ip does not match its digest (the address was changed)');
      }
      const recomputed = auditEntryHash({
        occurredAt: row.occurred_at,
        actorUserId: row.actor_user_id,
        actorKind: row.actor_kind,
        action: row.action,
        subjectUserId: row.subject_user_id,
        objectType: row.object_type,
        objectId: row.object_id,
        clientIp: row.client_ip,
        clientIpDigest: row.client_ip_digest,
        hashVersion: row.hash_version,
        purpose: row.purpose,
        details: row.details,
        prevHash: row.prev_hash,
      });
      // A format-1 entry hashed its address; once erasure removed it, only the links around it can be checked.
      const legacyErased = row.hash_version === 1 && row.deidentified;
      if (legacyErased) unverifiableErased += 1;
      else if (recomputed !== row.hash) return broken('its contents do not match its hash (the entry was changed)');
      expectedPrev = row.hash;
      entries += 1;
      afterId = id;
    }
    if (rows.length < batchSize) break;
  }
  return { intact: true, entries, firstId, anchored, unverifiableErased };
}
