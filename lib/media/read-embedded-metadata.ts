import 'server-only';
import * as exifrModule from 'exifr';
import sharp from 'sharp';
import type { TImageFormat } from './detect-image-format';

// exifr's ESM build (bundlers, vitest) exports sidecar() only by name; its UMD build reached through
// CommonJS interop only on the default export. Take whichever has it.
const exifr: typeof exifrModule =
  typeof exifrModule.sidecar === 'function' ? exifrModule : (exifrModule as unknown as { default: typeof exifrModule }).default;

/** Catalog fields found in the file itself (XMP, IPTC, EXIF); each is a suggestion an explicit value overrides. */
export type TEmbeddedMetadata = {
  title?: string;
  description?: string;
  keywords?: string[];
  creatorName?: string;
  creditLine?: string;
  capturedOn?: string;
};

type TRecord = Record<string, unknown>;

/**
 * Reads title, description, keywords, creator, credit and capture date. Sources by preference: XMP
 * (dc:title, dc:description, dc:subject, dc:creator, photoshop:Credit, photoshop:DateCreated), then IPTC
 * (ObjectName, Caption, Keywords, By-line, Credit, DateCreated), then EXIF (ImageDescription, Artist,
 * DateTimeOriginal). The blocks are taken from sharp, which finds them in all four formats, and parsed
 * with exifr. Unreadable metadata is not an error: the image simply brings none.
 */
export async function readEmbeddedMetadata(bytes: Buffer, format: TImageFormat): Promise<TEmbeddedMetadata> {
  const blocks = await sharp(bytes).metadata();
  const [xmp, iptc, exif] = await Promise.all([
    blocks.xmp ? quietly(() => exifr.sidecar(blocks.xmp!, { mergeOutput: false }, 'xmp')) : undefined,
    blocks.iptc ? quietly(() => exifr.sidecar(blocks.iptc!, {}, 'iptc')) : undefined,
    readExif(format === 'tiff' ? bytes : stripExifHeader(blocks.exif)),
  ]);
  const dc = record(mapStrings(record(xmp).dc, decodeXmlEntities));
  const photoshop = record(mapStrings(record(xmp).photoshop, decodeXmlEntities));
  const iptcFields = record(mapStrings(iptc, repairUtf8));
  const ifd0 = record(record(exif).ifd0);
  const exifFields = record(record(exif).exif);

  const metadata: TEmbeddedMetadata = {
    title: firstText(dc.title, iptcFields.ObjectName, iptcFields.Headline),
    description: firstText(dc.description, iptcFields.Caption, ifd0.ImageDescription),
    keywords: firstList(dc.subject, iptcFields.Keywords),
    creatorName: firstText(dc.creator, iptcFields.Byline, ifd0.Artist),
    creditLine: firstText(photoshop.Credit, iptcFields.Credit),
    capturedOn: firstDate(exifFields.DateTimeOriginal, photoshop.DateCreated, iptcFields.DateCreated, exifFields.CreateDate),
  };
  return Object.fromEntries(Object.entries(metadata).filter(([, value]) => value !== undefined)) as TEmbeddedMetadata;
}

async function readExif(block: Buffer | undefined): Promise<unknown> {
  if (!block) return undefined;
  return quietly(() =>
    exifr.parse(block, {
      tiff: true,
      ifd0: { pick: ['ImageDescription', 'Artist'] },
      exif: { pick: ['DateTimeOriginal', 'CreateDate'] },
      gps: false,
      ifd1: false,
      interop: false,
      xmp: false,
      iptc: false,
      icc: false,
      mergeOutput: false,
      reviveValues: false,
    }),
  );
}

/** JPEG and WebP EXIF blocks start with "Exif\0\0" before the TIFF structure exifr reads. */
function stripExifHeader(block: Buffer | undefined): Buffer | undefined {
  if (!block) return undefined;
  return block.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? block.subarray(6) : block;
}

async function quietly<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined; // damaged or unusual metadata: the image is still fine, it just brings no metadata
  }
}

const record = (value: unknown): TRecord => (value && typeof value === 'object' && !Array.isArray(value) ? (value as TRecord) : {});

/** A text value from XMP (plain, language alternatives, sequences) or IPTC/EXIF, cleaned; undefined when empty. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const cleaned = value.replace(/\0/g, '').trim();
    return cleaned || undefined;
  }
  if (Array.isArray(value)) {
    const alternatives = value.filter((item) => record(item).value !== undefined);
    const preferred = alternatives.find((item) => record(item).lang === 'x-default') ?? alternatives[0];
    if (preferred) return text(record(preferred).value);
    const parts = value.map(text).filter((part) => part !== undefined);
    return parts.length ? parts.join(', ') : undefined;
  }
  if (value && typeof value === 'object' && 'value' in value) return text((value as TRecord).value);
  return undefined;
}

const firstText = (...values: unknown[]) => values.map(text).find((value) => value !== undefined);

function list(value: unknown): string[] | undefined {
  const items = (Array.isArray(value) ? value : [value]).map(text).filter((item) => item !== undefined);
  // One IPTC or XMP entry sometimes holds several keywords: "harbour; boats, dawn".
  const keywords = items.flatMap((item) => item.split(/[,;]/)).map((item) => item.trim()).filter(Boolean);
  return keywords.length ? keywords : undefined;
}

const firstList = (...values: unknown[]) => values.map(list).find((value) => value !== undefined);

/** EXIF "2021:06:05 10:11:12", XMP "2021-06-05T10:11", IPTC "20210605" -> "2021-06-05"; impossible dates are dropped. */
function date(value: unknown): string | undefined {
  const raw = text(value);
  const match = raw?.match(/^(\d{4})[-:]?(\d{2})[-:]?(\d{2})/);
  if (!match) return undefined;
  const [, year, month, day] = match;
  const iso = `${year}-${month}-${day}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso || Number(year) < 1826) return undefined;
  return iso;
}

const firstDate = (...values: unknown[]) => values.map(date).find((value) => value !== undefined);

/** IPTC text is UTF-8 in practice but exifr decodes it as Latin-1; undo that when the bytes are valid UTF-8. */
function repairUtf8(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value) || /[^\u0000-\u00ff]/.test(value)) return value;
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? value : decoded;
}

/** Applies a string repair to every string in a parsed block. */
function mapStrings(value: unknown, repair: (text: string) => string): unknown {
  if (typeof value === 'string') return repair(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, repair));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, repair)]));
  }
  return value;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** exifr leaves XML character references in XMP text as they are. */
function decodeXmlEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, name: string) => {
    if (name[0] !== '#') return XML_ENTITIES[name.toLowerCase()] ?? entity;
    const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}
