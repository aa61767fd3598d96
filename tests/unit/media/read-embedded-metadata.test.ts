import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readEmbeddedMetadata } from '@/lib/media/read-embedded-metadata';
import { insertIptc, makeImage, makeJpegWithPersonalMetadata, PERSONAL_METADATA, xmpPacket } from './image-fixtures';

describe('readEmbeddedMetadata', () => {
  it('reads title, description, keywords, creator and credit from XMP, preferring it to IPTC and EXIF', async () => {
    const metadata = await readEmbeddedMetadata(await makeJpegWithPersonalMetadata(), 'jpeg');
    expect(metadata).toEqual({
      title: PERSONAL_METADATA.title,
      description: PERSONAL_METADATA.description,
      keywords: ['Harbour', 'boats', 'harbour', 'Dawn'],
      creatorName: PERSONAL_METADATA.creator,
      creditLine: PERSONAL_METADATA.credit,
      capturedOn: '2021-06-05',
    });
  });

  it('reads IPTC when there is no XMP, repairing UTF-8 text', async () => {
    const jpeg = insertIptc(await makeImage('jpeg', { width: 40, height: 30 }), [
      [5, 'Café terrace'],
      [25, 'Café'],
      [25, 'street; summer'],
      [120, 'Tables in the sun.'],
      [80, 'Zoë Müller'],
      [110, 'Müller Photo'],
      [55, '20190704'],
    ]);
    expect(await readEmbeddedMetadata(jpeg, 'jpeg')).toEqual({
      title: 'Café terrace',
      description: 'Tables in the sun.',
      keywords: ['Café', 'street', 'summer'],
      creatorName: 'Zoë Müller',
      creditLine: 'Müller Photo',
      capturedOn: '2019-07-04',
    });
  });

  it('falls back to EXIF description, artist and date', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } })
      .withExif({ IFD0: { ImageDescription: 'A blue square', Artist: 'Exif Artist' }, IFD2: { DateTimeOriginal: '2020:02:29 23:59:59' } })
      .jpeg()
      .toBuffer();
    expect(await readEmbeddedMetadata(jpeg, 'jpeg')).toEqual({ description: 'A blue square', creatorName: 'Exif Artist', capturedOn: '2020-02-29' });
  });

  it.each(['png', 'tiff', 'webp'] as const)('reads XMP from %s', async (format) => {
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } })
      .withXmp(xmpPacket({ title: 'Fjord & boat', description: 'd', keywords: ['a', 'b'], creator: 'C', credit: 'D' }))
      [format]()
      .toBuffer();
    expect(await readEmbeddedMetadata(image, format)).toMatchObject({ title: 'Fjord & boat', keywords: ['a', 'b'], creatorName: 'C', creditLine: 'D' });
  });

  it('returns nothing for a picture without metadata, and ignores impossible dates', async () => {
    expect(await readEmbeddedMetadata(await makeImage('png', { width: 20, height: 20 }), 'png')).toEqual({});
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
      .withExif({ IFD2: { DateTimeOriginal: '0000:00:00 00:00:00' } })
      .jpeg()
      .toBuffer();
    expect(await readEmbeddedMetadata(jpeg, 'jpeg')).toEqual({});
  });
});
