import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { currentDataKeyForFiles, dataKeyForFiles } from './data-key';

const IV_BYTES = 12;
/** What encryption adds to a file: the tag at its end. */
export const FILE_CIPHER_OVERHEAD_BYTES = 16;
const TAG_BYTES = FILE_CIPHER_OVERHEAD_BYTES;

/** What a stored file needs besides its bytes to be opened: the data key's id and the file's IV (base64). */
export type TFileSealing = { keyId: string; iv: string };

/**
 * Encrypts a stream of any length with AES-256-GCM under the current data key and a random IV,
 * chunk by chunk, and appends the 16-byte authentication tag after the last chunk. `context` (the
 * row the file belongs to) is authenticated but not stored, so a file moved to another row won't open.
 */
export function encryptingStream(context: string): { sealing: TFileSealing; stream: Transform } {
  const key = currentDataKeyForFiles();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, cipher.update(chunk));
    },
    flush(callback) {
      this.push(cipher.final());
      this.push(cipher.getAuthTag());
      callback();
    },
  });
  return { sealing: { keyId: key.id, iv: iv.toString('base64') }, stream };
}

/**
 * The reverse of encryptingStream: holds back the last 16 bytes (the tag) and checks it at the end.
 * Plaintext flows out before the check, so a tampered, truncated or wrongly keyed file ends the
 * stream with an error rather than a clean end: a download of it breaks off instead of completing.
 */
export function decryptingStream(sealing: TFileSealing, context: string): Transform {
  const key = dataKeyForFiles(sealing.keyId);
  const iv = Buffer.from(sealing.iv, 'base64');
  if (iv.length !== IV_BYTES) throw new Error('The IV of an encrypted file must be 12 bytes');
  const decipher = createDecipheriv('aes-256-gcm', key.bytes, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  let held = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const joined = Buffer.concat([held, chunk]);
      const cut = Math.max(0, joined.length - TAG_BYTES);
      held = joined.subarray(cut);
      callback(null, cut > 0 ? decipher.update(joined.subarray(0, cut)) : undefined);
    },
    flush(callback) {
      if (held.length !== TAG_BYTES) return callback(new Error('The encrypted file is truncated'));
      try {
        decipher.setAuthTag(held);
        this.push(decipher.final());
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
