import { describe, expect, it } from 'vitest';
import { detectImageFormat } from '@/lib/media/detect-image-format';
import { makeImage } from './image-fixtures';

describe('detectImageFormat', () => {
  it.each(['jpeg', 'png', 'tiff', 'webp'] as const)('recognises %s by its content', async (format) => {
    expect(detectImageFormat(await makeImage(format, { width: 20, height: 10 }))).toBe(format);
  });

  it('recognises big-endian TIFF', () => {
    expect(detectImageFormat(Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]))).toBe('tiff');
  });

  it.each([
    ['text', Buffer.from('just some text, not a picture')],
    ['empty', Buffer.alloc(0)],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['RIFF that is not WebP', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')],
    ['two bytes of JPEG', Buffer.from([0xff, 0xd8])],
    ['PDF', Buffer.from('%PDF-1.7\n')],
  ])('rejects %s', (_, bytes) => {
    expect(detectImageFormat(bytes)).toBeNull();
  });
});
