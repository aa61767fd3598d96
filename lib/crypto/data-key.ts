import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { secretsEnv } from '@/lib/env';

const VERSION = 1;

/** AES-256-GCM with the site's data key: version byte, 12-byte IV, 16-byte tag, ciphertext. */
export function encryptWithDataKey(plaintext: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey(), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

export function decryptWithDataKey(sealed: Buffer): string {
  if (sealed[0] !== VERSION) throw new Error('Unknown encryption version');
  const decipher = createDecipheriv('aes-256-gcm', dataKey(), sealed.subarray(1, 13));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}

function dataKey() {
  return Buffer.from(secretsEnv().DATA_ENCRYPTION_KEY, 'base64');
}
