import 'server-only';
import { and, eq, isNotNull, ne, or, isNull } from 'drizzle-orm';
import { staffFactors } from '@/db/schema';
import { currentDataKeyId, knownDataKeyIds, openWithDataKey, sealWithDataKey } from '@/lib/crypto/data-key';
import { db } from '@/lib/db/client';

/** Binds a sealed secret to its owner: copied into another staff member's row it does not open. */
const contextFor = (userId: string) => `staff_factors.totp_secret\0${userId}`;

export function sealTotpSecret(userId: string, secret: string): { sealed: Buffer; keyId: string } {
  return sealWithDataKey(secret, contextFor(userId));
}

export function openTotpSecret(userId: string, sealed: Buffer, keyId: string): string {
  return openWithDataKey(sealed, keyId, contextFor(userId));
}

/**
 * After a key rotation (the old key moved to DATA_ENCRYPTION_KEYS_RETIRED): re-encrypts every TOTP
 * secret not sealed under the current key, in one transaction, and returns how many. Refuses
 * before changing anything when a row names a key that is not configured, as that row could not
 * be opened: the old key is missing from DATA_ENCRYPTION_KEYS_RETIRED.
 */
export async function resealTotpSecrets(): Promise<number> {
  const currentKeyId = currentDataKeyId();
  const known = new Set(knownDataKeyIds());
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ userId: staffFactors.userId, sealed: staffFactors.totpSecretSealed, keyId: staffFactors.totpKeyId })
      .from(staffFactors)
      .where(and(isNotNull(staffFactors.totpSecretSealed), or(isNull(staffFactors.totpKeyId), ne(staffFactors.totpKeyId, currentKeyId))))
      .for('update');
    const unknown = [...new Set(rows.map((row) => row.keyId ?? '(none)').filter((keyId) => !known.has(keyId)))];
    if (unknown.length > 0) {
      const count = rows.filter((row) => !known.has(row.keyId ?? '(none)')).length;
      throw new Error(
        `${count} TOTP secrets are sealed under key ids ${unknown.join(', ')}, which are neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_KEYS_RETIRED; nothing was changed`,
      );
    }
    for (const row of rows) {
      const secret = openTotpSecret(row.userId, row.sealed!, row.keyId!);
      const resealed = sealTotpSecret(row.userId, secret);
      await tx
        .update(staffFactors)
        .set({ totpSecretSealed: resealed.sealed, totpKeyId: resealed.keyId, updatedAt: new Date() })
        .where(eq(staffFactors.userId, row.userId));
    }
    return rows.length;
  });
}
