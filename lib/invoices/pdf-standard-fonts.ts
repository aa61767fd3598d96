import 'server-only';
import PDFDocument from 'pdfkit';

/**
 * One parsed copy of pdfkit's standard-font metrics for every PDF this process draws.
 *
 * Why: pdfkit (0.20) turns a standard font's metrics (widths and some 2,700 kerning pairs) into fresh
 * lookup tables (its AFMFont) for every document that uses the font. For the 1,000 invoices of a data
 * export that was about 40 % of the renderer's time and much of its garbage, although the metrics
 * never change. pdfkit has no option to share them, so this reaches into its internals: a document
 * is created without a default font, and each font it needs is a StandardFont of its own (own id,
 * own PDF object, so the output is byte for byte what pdfkit writes) around the metric tables parsed
 * the first time, whose kerning lookup is also made cheaper (fasterKerning).
 * tests/unit/invoices/pdf-standard-fonts.test.ts fails if pdfkit's StandardFont, AFMFont or font
 * table change shape; dropping this file (and `font: NO_DEFAULT_FONT`) returns to pdfkit's own behaviour.
 */

/** What a document keeps of a font: pdfkit's StandardFont, per document. */
type TStandardFont = {
  document: PDFKit.PDFDocument;
  id: string;
  name: string;
  /** pdfkit's AFMFont: the parsed metrics, read-only once built. */
  font: object;
  ascender: number;
  descender: number;
  bbox: number[];
  lineGap: number;
  xHeight: number;
  capHeight: number;
};

/** pdfkit's font table and counter on a document, which `doc.font(name)` consults and fills. */
type TFontTable = { _fontFamilies: Record<string, TStandardFont | undefined>; _fontCount: number; _font: TStandardFont | null };

/** Everything of a StandardFont except its document and id: shared by every document. */
export const SHARED_FONT_FIELDS = ['name', 'font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'] as const;
/** A StandardFont's own fields as pdfkit builds them; the test compares. */
export const STANDARD_FONT_FIELDS = ['document', 'name', 'id', 'font', 'ascender', 'descender', 'bbox', 'lineGap', 'xHeight', 'capHeight'] as const;

type TShared = { prototype: object; fields: Pick<TStandardFont, (typeof SHARED_FONT_FIELDS)[number]> };

const shared = new Map<string, TShared>();

/**
 * The `font` option that keeps pdfkit from opening Helvetica (and parsing it) in the constructor;
 * openStandardFonts then opens the fonts, the first one current as pdfkit's default would be.
 */
export const NO_DEFAULT_FONT = '';

/** What fasterKerning uses of pdfkit's AFMFont. */
export type TAfmFont = { kernPairs: Record<string, number>; getKernPair: (left: string, right: string | undefined) => number };

/**
 * pdfkit looks a kerning pair up as one string key (`left + '\0' + right`) in an object of some
 * 2,700 keys, building and hashing a new string for every pair of letters it measures or writes:
 * the renderer's largest single cost. The same table as a map of maps answers the same amounts.
 */
function fasterKerning(font: TAfmFont) {
  const byLeft = new Map<string, Map<string, number>>();
  for (const [key, amount] of Object.entries(font.kernPairs)) {
    const [left, right] = key.split('\0') as [string, string];
    let rights = byLeft.get(left);
    if (!rights) byLeft.set(left, (rights = new Map()));
    rights.set(right, amount);
  }
  font.getKernPair = (left, right) => (right === undefined ? 0 : byLeft.get(left)?.get(right) || 0);
}

const table = (doc: PDFKit.PDFDocument) => doc as unknown as TFontTable;

/**
 * Opens the standard fonts `names` in a document created with `font: NO_DEFAULT_FONT`, in that
 * order (so their ids F1, F2, ... are the ones pdfkit would give), and makes the first current.
 * A font is parsed by pdfkit the first time only; later documents share its metrics.
 */
export function openStandardFonts(doc: PDFKit.PDFDocument, names: readonly string[]): void {
  const fonts = table(doc);
  for (const name of names) {
    if (fonts._fontFamilies[name]) continue;
    const known = shared.get(name);
    if (!known) {
      // The first document: pdfkit opens and parses the font; its metrics are kept for the next ones.
      doc.font(name);
      const opened = fonts._font!;
      const fields = Object.fromEntries(SHARED_FONT_FIELDS.map((field) => [field, opened[field]])) as TShared['fields'];
      fasterKerning(fields.font as TAfmFont);
      shared.set(name, { prototype: Object.getPrototypeOf(opened) as object, fields });
      continue;
    }
    // Fields in the order pdfkit's constructor sets them, so the objects keep one shape for V8.
    const { fields } = known;
    const font = Object.assign(Object.create(known.prototype) as TStandardFont, {
      document: doc,
      name: fields.name,
      id: `F${++fonts._fontCount}`,
      font: fields.font,
      ascender: fields.ascender,
      descender: fields.descender,
      bbox: fields.bbox,
      lineGap: fields.lineGap,
      xHeight: fields.xHeight,
      capHeight: fields.capHeight,
    });
    fonts._fontFamilies[name] = font;
  }
  if (names[0]) doc.font(names[0]);
}

/** A PDFDocument whose standard fonts `names` share their parsed metrics with every other such document. */
export function documentWithStandardFonts(options: PDFKit.PDFDocumentOptions, names: readonly string[]): PDFKit.PDFDocument {
  const doc = new PDFDocument({ ...options, font: NO_DEFAULT_FONT });
  openStandardFonts(doc, names);
  return doc;
}
