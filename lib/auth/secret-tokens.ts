import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes for the link or cookie; only the SHA-256 is ever stored. */
export function createSecretToken(): { token: string; sha256: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: sha256Hex(token) };
}

export const sha256Hex = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');

/** Tokens as they appear in links: 43 base64url characters. Anything else is not looked up. */
export const isWellFormedToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
