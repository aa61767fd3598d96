import 'server-only';
import PDFDocument from 'pdfkit';

/**
 * One parsed copy of pdfkit's standard-font metrics for every PDF this process draws.
 *
 * Why: pdfkit (0.20) turns a standard font's metrics (widths and some 2,700 kerning pairs) into fresh
 * lookup tables (its AFMFont) for every document that uses the font. For the 1,000 invoices of a data
 * export that was about a quarter of the renderer's CPU and most of its garbage (the first export in
 * a fresh process grew RSS by over 150 MB), although the metrics never change. pdfkit has no option
 * to share them, so this reaches into its internals: a document is created without a default font,
 * and each font it needs is a StandardFont of its own (own id, own PDF object, so the output is
 * byte for byte what pdfkit writes) whose metric tables are the ones parsed the first time.
 * tests/unit/invoices/pdf-standard-fonts.test.ts fails if pdfkit's StandardFont or font table
 * change shape; dropping this file (and `font: NO_DEFAULT_FONT`) returns to pdfkit's own behaviour.
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

/** The fields pdfkit's font table and counter, which `doc.font(name)` consults and fills. */
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
