import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decryptingStream, encryptingStream, type TFileSealing } from '@/lib/crypto/file-cipher';

const keyA = randomBytes(32).toString('base64');

beforeEach(() => {
  vi.stubEnv('AUTH_SECRET', randomBytes(32).toString('base64url'));
  vi.stubEnv('DATA_ENCRYPTION_KEY', keyA);
  vi.stubEnv('DATA_ENCRYPTION_KEYS_RETIRED', '');
});
afterEach(() => vi.unstubAllEnvs());

/** Many chunks of odd sizes, so the held-back tag straddles chunk borders. */
const chunked = (bytes: Buffer, size: number) => Readable.from(Array.from({ length: Math.ceil(bytes.length / size) }, (_, index) => bytes.subarray(index * size, (index + 1) * size)));

async function encrypt(plaintext: Buffer, context: string): Promise<{ sealing: TFileSealing; sealed: Buffer }> {
  const { sealing, stream } = encryptingStream(context);
  const [sealed] = await Promise.all([buffer(stream), pipeline(chunked(plaintext, 1000), stream)]);
  return { sealing, sealed };
}

async function decrypt(sealed: Buffer, sealing: TFileSealing, context: string, chunkSize = 7): Promise<Buffer> {
  const stream = decryptingStream(sealing, context);
  const [plaintext] = await Promise.all([buffer(stream), pipeline(chunked(sealed, chunkSize), stream)]);
  return plaintext;
}

describe('file cipher', () => {
  it('round-trips a stream of any size, in any chunking, with the tag at the end', async () => {
    for (const length of [0, 1, 15, 16, 17, 100_003]) {
      const plaintext = randomBytes(length);
      const { sealing, sealed } = await encrypt(plaintext, 'export-1');
      expect(sealed.length).toBe(length + 16);
      expect(Buffer.from(sealing.iv, 'base64')).toHaveLength(12);
      expect(await decrypt(sealed, sealing, 'export-1')).toEqual(plaintext);
      expect(await decrypt(sealed, sealing, 'export-1', 65_536)).toEqual(plaintext);
    }
  });

  it('uses a new IV for every file, so the same bytes never encrypt alike', async () => {
    const plaintext = Buffer.from('PK\u0003\u0004 same bytes');
    const first = await encrypt(plaintext, 'x');
    const second = await encrypt(plaintext, 'x');
    expect(first.sealing.iv).not.toBe(second.sealing.iv);
    expect(first.sealed.equals(second.sealed)).toBe(false);
    expect(first.sealed.subarray(0, 4).toString('latin1')).not.toBe('PK\u0003\u0004');
  });

  it('refuses a tampered byte, a truncated file and another context', async () => {
    const plaintext = randomBytes(5000);
    const { sealing, sealed } = await encrypt(plaintext, 'export-1');
    for (const position of [0, 2500, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[position]! ^= 1;
      await expect(decrypt(tampered, sealing, 'export-1'), String(position)).rejects.toThrow();
    }
    await expect(decrypt(sealed.subarray(0, sealed.length - 1), sealing, 'export-1')).rejects.toThrow();
    await expect(decrypt(sealed.subarray(0, 10), sealing, 'export-1')).rejects.toThrow(/truncated/);
    await expect(decrypt(sealed, sealing, 'export-2')).rejects.toThrow();
  });

  it('refuses a wrong key, and opens under a retired key after a rotation', async () => {
    const plaintext = randomBytes(300);
    const { sealing, sealed } = await encrypt(plaintext, 'export-1');
    vi.stubEnv('DATA_ENCRYPTION_KEY', randomBytes(32).toString('base64'));
    expect(() => decryptingStream(sealing, 'export-1')).toThrow(/neither DATA_ENCRYPTION_KEY nor in DATA_ENCRYPTION_KEYS_RETIRED/);
    // Another key passed off under the file's key id still fails the tag.
    const { sealing: other } = encryptingStream('export-1');
    await expect(decrypt(sealed, { ...sealing, keyId: other.keyId }, 'export-1')).rejects.toThrow();
    vi.stubEnv('DATA_ENCRYPTION_KEYS_RETIRED', keyA);
    expect(await decrypt(sealed, sealing, 'export-1')).toEqual(plaintext);
  });
});
