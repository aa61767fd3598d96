import type { TMediaExtension } from './storage';

export type TImageFormat = 'jpeg' | 'png' | 'tiff' | 'webp';

export const IMAGE_FORMATS: Record<TImageFormat, { mime: string; extension: TMediaExtension }> = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  tiff: { mime: 'image/tiff', extension: 'tif' },
  webp: { mime: 'image/webp', extension: 'webp' },
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/**
 * The format named by the file's first bytes, or null. Only the four formats the catalog accepts are
 * recognised; the file name and any claimed content type play no part.
 */
export function detectImageFormat(bytes: Uint8Array): TImageFormat | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, ascii('II*\0')) || startsWith(bytes, ascii('MM\0*'))) return 'tiff';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  return null;
}
