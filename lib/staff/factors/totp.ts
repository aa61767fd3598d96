import 'server-only';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';
import { z } from 'zod';
import { staffFactors } from '@/db/schema';
import { db, type TExecutor } from '@/lib/db/client';
import { getSetting } from '@/lib/settings/get-setting';
import { openTotpSecret, sealTotpSecret } from './totp-secret-box';

/** RFC 6238 as authenticator apps default to it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;

const ZUserId = z.uuid();
/** otplib's base32 secrets: 20 random bytes make 32 characters. */
const ZSecret = z.string().regex(/^[A-Z2-7]{16,128}$/, 'Not a base32 TOTP secret');

export type TTotpVerification = 'ok' | 'invalid' | 'replayed' | 'not_enrolled';

/** The 30-second time step that `nowMs` falls in. */
export const totpStepAt = (nowMs: number) => Math.floor(nowMs / 1000 / PERIOD_SECONDS);

/**
 * A new secret for an authenticator app, as an otpauth:// URI and that URI as a QR code (SVG,
 * rendered here so the secret never goes to a third-party QR service). Nothing is stored: the
 * secret is stored by enrolTotp once the staff member proves their app has it.
 */
export async function startTotpEnrolment(accountLabel: string): Promise<{ secret: string; otpauthUri: string; qrSvg: string }> {
  const label = z.string().trim().min(1).max(254).parse(accountLabel);
  const secret = generateSecret();
  const otpauthUri = generateURI({ issuer: await getSetting('site.name'), label, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

/**
 * The time step whose code `code` is: the current step or the one before it (a code typed just as
 * it changed), never a later one. Null when it is neither. otplib's verify answers an object, and
 * `{ valid: false }` is truthy (checklist 19): only its `valid` flag is read here.
 */
export function matchingTotpStep(secret: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token) || !ZSecret.safeParse(secret).success) return null;
  const current = totpStepAt(nowMs);
  // Both steps are always computed, so the time taken does not say which one matched.
  const matches = [current, current - 1].map((step) => verifySync({ secret, token, epoch: step * PERIOD_SECONDS }).valid === true);
  if (matches[0]) return current;
  if (matches[1]) return current - 1;
  return null;
}

/** Whether `code` is the secret's code now or one step ago. Always a boolean. */
export function totpCodeMatches(secret: string, code: string, nowMs: number): boolean {
  return matchingTotpStep(secret, code, nowMs) !== null;
}

/**
 * Stores `secret` once `code` shows the staff member's app produces it; the step of that code
 * counts as used, so it cannot sign in a second time. False (nothing stored) for a wrong code.
 */
export async function enrolTotp(executor: TExecutor, userId: string, secret: string, code: string, nowMs = Date.now()): Promise<boolean> {
  const id = ZUserId.parse(userId);
  const step = matchingTotpStep(ZSecret.parse(secret), code, nowMs);
  if (step === null) return false;
  await storeTotpSecret(executor, id, secret, step);
  return true;
}

/**
 * Stores a TOTP secret without a code from the app: for tooling that hands the secret over itself
 * (demo accounts print their otpauth:// URI). The sign-in flow enrols through enrolTotp.
 */
export async function storeTotpSecret(executor: TExecutor, userId: string, secret: string, lastUsedStep: number | null = null): Promise<void> {
  const id = ZUserId.parse(userId);
  const { sealed, keyId } = sealTotpSecret(id, ZSecret.parse(secret));
  const now = new Date();
  const values = { totpSecretSealed: sealed, totpKeyId: keyId, totpEnrolledAt: now, totpLastUsedStep: lastUsedStep, updatedAt: now };
  await executor
    .insert(staffFactors)
    .values({ userId: id, ...values })
    .onConflictDoUpdate({ target: staffFactors.userId, set: values });
}

/**
 * Checks a code and uses it up. Only the current and the previous step are accepted. The step is
 * claimed by one conditional UPDATE (only when it is later than the last one used), so of two
 * requests racing with the same code exactly one gets 'ok'; the other, and any later reuse of that
 * code or of an older one, gets 'replayed'. Counting failures is the sign-in flow's job.
 */
export async function verifyTotp(userId: string, code: string, nowMs = Date.now()): Promise<TTotpVerification> {
  if (!ZUserId.safeParse(userId).success) return 'not_enrolled';
  const [row] = await db
    .select({ sealed: staffFactors.totpSecretSealed, keyId: staffFactors.totpKeyId })
    .from(staffFactors)
    .where(eq(staffFactors.userId, userId));
  if (!row?.sealed || !row.keyId) return 'not_enrolled';

  const step = matchingTotpStep(openTotpSecret(userId, row.sealed, row.keyId), code, nowMs);
  if (step === null) return 'invalid';

  const claimed = await db
    .update(staffFactors)
    .set({ totpLastUsedStep: step })
    .where(
      and(
        eq(staffFactors.userId, userId),
        isNotNull(staffFactors.totpSecretSealed),
        or(isNull(staffFactors.totpLastUsedStep), lt(staffFactors.totpLastUsedStep, step)),
      ),
    )
    .returning({ userId: staffFactors.userId });
  return claimed.length === 1 ? 'ok' : 'replayed';
}

export async function hasTotp(userId: string): Promise<boolean> {
  if (!ZUserId.safeParse(userId).success) return false;
  const [row] = await db
    .select({ userId: staffFactors.userId })
    .from(staffFactors)
    .where(and(eq(staffFactors.userId, userId), isNotNull(staffFactors.totpSecretSealed)));
  return row !== undefined;
}

/** Forgets the authenticator (a reset by an admin, or before enrolling a new one); the PIN stays. */
export async function removeTotp(executor: TExecutor, userId: string): Promise<void> {
  await executor
    .update(staffFactors)
    .set({ totpSecretSealed: null, totpKeyId: null, totpEnrolledAt: null, totpLastUsedStep: null, updatedAt: new Date() })
    .where(eq(staffFactors.userId, ZUserId.parse(userId)));
}
