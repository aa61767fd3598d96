import 'server-only';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { secretsEnv } from '@/lib/env';

const VERSION = 1;

export type TDataKey = { id: string; bytes: Buffer };

/** AES-256-GCM with the site's data key: version byte, 12-byte IV, 16-byte tag, ciphertext. */
export function encryptWithDataKey(plaintext: string): Buffer {
  return seal(currentDataKey().bytes, plaintext);
}

/**
 * Opens a value sealed with the current data key or, after a rotation, with a retired one: GCM's
 * tag authenticates, so a wrong key fails instead of yielding garbage, and trying each is safe.
 */
export function decryptWithDataKey(sealed: Buffer): string {
  const [current, ...retired] = dataKeys();
  try {
    return open(current!.bytes, sealed);
  } catch (error) {
    for (const key of retired) {
      try {
        return open(key.bytes, sealed);
      } catch {
        // Not this one either; the current key's error is the one reported.
      }
    }
    throw error;
  }
}

/**
 * Seals with the current data key and names it, for values kept long (TOTP secrets): the stored
 * key id tells which rows still need resealing after a rotation. `context` (e.g. the row's owner)
 * is authenticated but not stored in the value, so a sealed value copied to another row won't open.
 */
export function sealWithDataKey(plaintext: string, context = ''): { sealed: Buffer; keyId: string } {
  const key = currentDataKey();
  return { sealed: seal(key.bytes, plaintext, context), keyId: key.id };
}

/** Opens a value sealed by sealWithDataKey under the key it names (current or retired). */
export function openWithDataKey(sealed: Buffer, keyId: string, context = ''): string {
  const key = dataKeys().find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`Data key ${keyId} is neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_KEYS_RETIRED`);
  return open(key.bytes, sealed, context);
}

export const currentDataKeyId = () => currentDataKey().id;

/** The current key with its id, for the file cipher (lib/crypto/file-cipher.ts), which streams and so cannot use seal(). */
export const currentDataKeyForFiles = (): TDataKey => currentDataKey();

/** A current or retired key by its id, for the file cipher; an unknown id throws as openWithDataKey does. */
export function dataKeyForFiles(keyId: string): TDataKey {
  const key = dataKeys().find((candidate) => candidate.id === keyId);
  if (!key) throw new Error(`Data key ${keyId} is neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_KEYS_RETIRED`);
  return key;
}

/** The key ids that can be opened now: the current key's first. */
export const knownDataKeyIds = () => dataKeys().map((key) => key.id);

/**
 * A short public name for a key: the first 16 hex characters of SHA-256 over a domain prefix and
 * the key bytes. The prefix keeps it from equalling any other hash of the key; 64 bits tell keys
 * apart without helping anyone guess one (the key has 256).
 */
export const dataKeyId = (bytes: Buffer) => createHash('sha256').update('stockroom:data-key-id:v1\0').update(bytes).digest('hex').slice(0, 16);

function seal(key: Buffer, plaintext: string, context = ''): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (context) cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer, context = ''): string {
  if (sealed[0] !== VERSION) throw new Error('Unknown encryption version');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  if (context) decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(sealed.subarray(13, 29));
  return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
}

const toKey = (base64: string): TDataKey => {
  const bytes = Buffer.from(base64, 'base64');
  return { id: dataKeyId(bytes), bytes };
};

// Read from the environment on every use, as the rest of lib/env's readers are.
const currentDataKey = () => toKey(secretsEnv().DATA_ENCRYPTION_KEY);

function dataKeys(): TDataKey[] {
  const { DATA_ENCRYPTION_KEY, DATA_ENCRYPTION_KEYS_RETIRED } = secretsEnv();
  return [DATA_ENCRYPTION_KEY, ...DATA_ENCRYPTION_KEYS_RETIRED].map(toKey);
}
