import 'server-only';
import bcrypt from 'bcrypt';
import { PASSWORD_MAX_BYTES, passwordByteLength } from './password-policy';

export const BCRYPT_COST = 12;

let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  if (passwordByteLength(password) > PASSWORD_MAX_BYTES) throw new Error('Password longer than 72 bytes reached hashPassword');
  return bcrypt.hash(password, BCRYPT_COST);
}

/**
 * Compares with bcrypt. With no hash (unknown e-mail) it compares against a dummy hash of the same
 * cost, so both answers take as long and timing tells nothing about which addresses exist.
 */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  dummyHash ??= bcrypt.hash('not-a-real-password-just-for-timing', BCRYPT_COST);
  const candidate = passwordByteLength(password) > PASSWORD_MAX_BYTES ? '' : password;
  const matches = await bcrypt.compare(candidate, hash ?? (await dummyHash));
  return hash !== null && candidate !== '' && matches;
}
