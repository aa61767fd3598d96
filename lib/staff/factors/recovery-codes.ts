import 'server-only';
import { createHmac, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { staffRecoveryCodes } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { secretsEnv } from '@/lib/env';

export const RECOVERY_CODE_COUNT = 10;
/** Lowercase RFC 4648 base32: no 0/1/8/9 to confuse with o/l/b/g, and easy to read out. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** 10 characters of 5 bits: 50 bits each, far beyond guessing under the sign-in throttle. */
const CODE_CHARACTERS = 10;

const ZUserId = z.uuid();

/**
 * Ten new one-time codes for when the authenticator is lost, replacing any earlier ones (used or
 * not). They are returned once to be shown; only a keyed hash is stored, so the table alone does
 * not give a usable code.
 */
export async function regenerateRecoveryCodes(executor: TExecutor, userId: string): Promise<string[]> {
  const id = ZUserId.parse(userId);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  // Nested in the caller's transaction (a savepoint) or its own: old codes never outlive new ones.
  await executor.transaction(async (tx) => {
    await tx.delete(staffRecoveryCodes).where(eq(staffRecoveryCodes.userId, id));
    await tx.insert(staffRecoveryCodes).values(codes.map((code) => ({ userId: id, codeHash: recoveryCodeHash(id, normalise(code)) })));
  });
  return codes;
}

/**
 * Uses up a recovery code. Case, spaces and dashes do not matter. Marking it used is one
 * conditional UPDATE, so of requests racing with the same code exactly one gets true.
 */
export async function redeemRecoveryCode(userId: string, code: string): Promise<boolean> {
  const normalised = normalise(code);
  if (!ZUserId.safeParse(userId).success || !new RegExp(`^[${ALPHABET}]{${CODE_CHARACTERS}}$`).test(normalised)) return false;
  const used = await db
    .update(staffRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(staffRecoveryCodes.userId, userId),
        eq(staffRecoveryCodes.codeHash, recoveryCodeHash(userId, normalised)),
        isNull(staffRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: staffRecoveryCodes.id });
  return used.length === 1;
}

/**
 * The name the brief gave redeemRecoveryCode. Prefer redeemRecoveryCode: ESLint's rules-of-hooks
 * takes any use* function for a React hook and refuses it inside an `if` or a loop.
 */
export const useRecoveryCode = redeemRecoveryCode;

export async function remainingRecoveryCodes(userId: string): Promise<number> {
  if (!ZUserId.safeParse(userId).success) return 0;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(staffRecoveryCodes)
    .where(and(eq(staffRecoveryCodes.userId, userId), isNull(staffRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

function newCode(): string {
  const characters = Array.from({ length: CODE_CHARACTERS }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${characters.slice(0, 5)}-${characters.slice(5)}`;
}

const normalise = (code: string) => code.toLowerCase().replace(/[\s-]+/g, '');

/**
 * HMAC-SHA256 under AUTH_SECRET with its own domain prefix (no other HMAC of that secret can
 * equal one of these) and the owner's id (a code is only ever a code for that account).
 */
const recoveryCodeHash = (userId: string, normalised: string) =>
  createHmac('sha256', secretsEnv().AUTH_SECRET).update(`staff-recovery-code:v1\0${userId}\0${normalised}`).digest('hex');
