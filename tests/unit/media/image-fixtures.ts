import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/**
 * Test pictures made with sharp, and readers for what the pipeline writes. Shared by the media unit
 * and integration tests (not a test file itself).
 */

export type TFixtureFormat = 'jpeg' | 'png' | 'tiff' | 'webp';

/** A noisy picture (so a truncated JPEG really is missing pixel data), encoded in the given format. */
export async function makeImage(format: TFixtureFormat, size: { width: number; height: number } = { width: 1200, height: 800 }) {
  const image = sharp({
    create: { ...size, channels: 3, background: '#3a7bd5', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  });
  return image[format]().toBuffer();
}

/** A left half red and right half blue picture: orientation tests can see which way it was turned. */
export async function makeTwoToneJpeg(width: number, height: number, orientation?: number) {
  const half = Math.floor(width / 2);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${half}" height="${height}" fill="#ff0000"/><rect x="${half}" width="${width - half}" height="${height}" fill="#0000ff"/></svg>`;
  const pipeline = sharp(Buffer.from(svg)).jpeg({ quality: 95 });
  return (orientation ? pipeline.withMetadata({ orientation }) : pipeline).toBuffer();
}

export const PERSONAL_METADATA = {
  title: 'Harbour at dawn & calm water',
  description: 'Fishing boats wait in a quiet harbour.',
  keywords: ['Harbour', ' boats ', 'harbour', 'Dawn'],
  creator: 'Ada Example',
  credit: 'Example Agency',
  artist: 'Ada Example EXIF', // libvips reads "(...)" in an EXIF string as its own annotation
  latitude: '48/1 51/1 2958/100',
  longitude: '2/1 17/1 4000/100',
} as const;

export function xmpPacket(fields: { title: string; description: string; keywords: readonly string[]; creator: string; credit: string }) {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escape(fields.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escape(fields.description)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:subject><rdf:Bag>${fields.keywords.map((keyword) => `<rdf:li>${escape(keyword)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `<dc:creator><rdf:Seq><rdf:li>${escape(fields.creator)}</rdf:li></rdf:Seq></dc:creator>`,
    `<photoshop:Credit>${escape(fields.credit)}</photoshop:Credit>`,
    '</rdf:Description></rdf:RDF></x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** A JPEG carrying what a camera and a photo editor leave behind: EXIF with GPS and artist, XMP, and IPTC. */
export async function makeJpegWithPersonalMetadata(options: { orientation?: number } = {}) {
  const base = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: '#88aa44', noise: { type: 'gaussian', mean: 120, sigma: 30 } },
  })
    .withExif({
      IFD0: { Artist: PERSONAL_METADATA.artist, Copyright: 'Ada Example 2021' },
      IFD2: { DateTimeOriginal: '2021:06:05 10:11:12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: PERSONAL_METADATA.latitude,
        GPSLongitudeRef: 'E',
        GPSLongitude: PERSONAL_METADATA.longitude,
      },
    })
    .withXmp(xmpPacket(PERSONAL_METADATA))
    .jpeg()
    .toBuffer();
  const withOrientation = options.orientation ? await sharp(base).keepMetadata().withMetadata({ orientation: options.orientation }).jpeg().toBuffer() : base;
  return insertIptc(withOrientation, [
    [5, 'IPTC title'],
    [25, 'iptc-keyword'],
    [80, 'IPTC By-line'],
    [110, 'IPTC Credit'],
  ]);
}

/** Inserts an APP13 (Photoshop IRB) segment with IPTC-IIM records 2:<dataset> right after the JPEG's SOI marker. */
export function insertIptc(jpeg: Buffer, fields: ReadonlyArray<readonly [number, string]>): Buffer {
  const records = fields.map(([dataset, value]) => {
    const data = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from([0x1c, 0x02, dataset, data.length >> 8, data.length & 0xff]), data]);
  });
  const iptc = Buffer.concat(records);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(iptc.length);
  const resource = Buffer.concat([
    Buffer.from('8BIM', 'latin1'),
    Buffer.from([0x04, 0x04, 0x00, 0x00]),
    size,
    iptc,
    iptc.length % 2 ? Buffer.from([0]) : Buffer.alloc(0),
  ]);
  const payload = Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(payload.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xed]), length, payload, jpeg.subarray(2)]);
}

/** The chunks of a WebP (RIFF) file: VP8/VP8L/VP8X/ALPH carry pixels; EXIF, XMP and ICCP carry metadata. */
export function webpChunks(webp: Buffer): Array<{ id: string; data: Buffer }> {
  if (webp.toString('latin1', 0, 4) !== 'RIFF' || webp.toString('latin1', 8, 12) !== 'WEBP') throw new Error('not a WebP file');
  const chunks: Array<{ id: string; data: Buffer }> = [];
  for (let offset = 12; offset + 8 <= webp.length; ) {
    const id = webp.toString('latin1', offset, offset + 4);
    const size = webp.readUInt32LE(offset + 4);
    chunks.push({ id, data: webp.subarray(offset + 8, offset + 8 + size) });
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

/** The TIFF structure inside a WebP's EXIF chunk, which is what exifr can parse; undefined when there is none. */
export function webpExifBlock(webp: Buffer): Buffer | undefined {
  const chunk = webpChunks(webp).find((candidate) => candidate.id === 'EXIF');
  if (!chunk) return undefined;
  return chunk.data.toString('latin1', 0, 6) === 'Exif\0\0' ? chunk.data.subarray(6) : chunk.data;
}

/** Every regular file under a folder, relative paths, sorted; [] when the folder does not exist. */
export async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Mean absolute difference per channel value between two pictures of the same size (0..255). */
export async function pixelDifference(a: Buffer, b: Buffer): Promise<number> {
  const [first, second] = await Promise.all([a, b].map((input) => sharp(input).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  if (first!.info.width !== second!.info.width || first!.info.height !== second!.info.height) {
    throw new Error('pictures differ in size');
  }
  let total = 0;
  for (let index = 0; index < first!.data.length; index += 1) total += Math.abs(first!.data[index]! - second!.data[index]!);
  return total / first!.data.length;
}

/** The average colour of a region, for checking which way a picture was turned. */
export async function averageColour(image: Buffer, region: { left: number; top: number; width: number; height: number }) {
  // stats() describes its input, not the pipeline's output: extract first, then measure.
  const { channels } = await sharp(await sharp(image).extract(region).png().toBuffer()).stats();
  return channels.slice(0, 3).map((channel) => Math.round(channel.mean));
}
