/**
 * lib/invoices/pdf-standard-fonts.ts reaches into pdfkit: these fail when pdfkit's StandardFont or
 * font table change shape (update the file or drop it), and prove the shared fonts change no byte.
 */
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { documentWithStandardFonts, STANDARD_FONT_FIELDS, type TAfmFont } from '@/lib/invoices/pdf-standard-fonts';

// A fixed date: the file id is derived from the info dictionary, so two documents can be compared byte for byte.
const options: PDFKit.PDFDocumentOptions = { size: 'A4', margin: 50, info: { Title: 'Invoice INV-1', CreationDate: new Date(Date.UTC(2026, 2, 5)) } };
const FONTS = ['Helvetica', 'Helvetica-Bold'] as const;

/** Text in both fonts, kerned pairs ("AV", "To") and accented Latin-1 among it, over two pages. */
function draw(doc: PDFKit.PDFDocument) {
  doc.font('Helvetica-Bold').fontSize(18).text('AVAST Tower: invoice', 50, 50, { width: 200, align: 'right' });
  doc.font('Helvetica').fontSize(10).text('Ærø Café – “Wave” to Yvonne, 12 × 3,50 €', 50, 90, { width: 180 });
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(9).text('Total credited', 50, 50);
  doc.end();
  return buffer(doc);
}

type TInternals = { _font: Record<string, unknown> & { font: unknown }; _fontFamilies: Record<string, { id: string; font: unknown }>; _fontCount: number };
const internals = (doc: PDFKit.PDFDocument) => doc as unknown as TInternals;

describe('pdfkit internals the shared standard fonts rely on', () => {
  it("are a StandardFont with exactly the fields copied, in a font table keyed by name, counted in _fontCount", () => {
    const doc = new PDFDocument(options);
    doc.font('Helvetica-Bold');
    const font = internals(doc)._font;
    expect(Object.keys(font).sort()).toEqual([...STANDARD_FONT_FIELDS].sort());
    expect(font.document).toBe(doc);
    expect(font.constructor.name).toBe('StandardFont');
    // The metrics: kerning pairs keyed 'left\0right' (fasterKerning reads them), looked up through getKernPair.
    const metrics = font.font as Partial<TAfmFont> & { widthOfGlyph?: unknown };
    expect(typeof metrics.widthOfGlyph).toBe('function');
    expect(typeof metrics.getKernPair).toBe('function');
    expect(metrics.kernPairs?.['A\0V']).toBeLessThan(0);
    expect(metrics.getKernPair!('A', 'V')).toBe(metrics.kernPairs!['A\0V']);
    expect(internals(doc)._fontFamilies['Helvetica-Bold']).toBe(font);
    expect(internals(doc)._fontFamilies.Helvetica?.id).toBe('F1');
    expect(internals(doc)._fontCount).toBe(2);
    doc.end();
  });

  it('open no font when the document is made with the empty font name', () => {
    const doc = new PDFDocument({ ...options, font: '' });
    expect(internals(doc)._fontCount).toBe(0);
    expect(internals(doc)._font).toBeNull();
    doc.end();
  });
});

describe('documentWithStandardFonts', () => {
  it('writes the same bytes as pdfkit with its own fonts, in the first document and the later ones', async () => {
    const plain = await draw(new PDFDocument(options));
    for (let round = 0; round < 3; round++) {
      expect((await draw(documentWithStandardFonts(options, FONTS))).equals(plain)).toBe(true);
    }
  });

  it('parses each font once: every document gets its own font objects around the same metrics', () => {
    const first = documentWithStandardFonts(options, FONTS);
    const second = documentWithStandardFonts(options, FONTS);
    for (const name of FONTS) {
      const [a, b] = [internals(first)._fontFamilies[name]!, internals(second)._fontFamilies[name]!];
      expect(a).not.toBe(b);
      expect(b.font).toBe(a.font);
    }
    // The faster kerning answers what pdfkit's own table holds, for every pair in it.
    const metrics = internals(second)._fontFamilies.Helvetica!.font as TAfmFont;
    const pairs = Object.entries(metrics.kernPairs);
    expect(pairs.length).toBeGreaterThan(1000);
    for (const [key, amount] of pairs) expect(metrics.getKernPair(...(key.split('\0') as [string, string]))).toBe(amount);
    expect(metrics.getKernPair('A', 'A')).toBe(0);
    expect(metrics.getKernPair('A', undefined)).toBe(0);
    expect(internals(second)._fontFamilies.Helvetica!.id).toBe('F1');
    expect(internals(second)._fontFamilies['Helvetica-Bold']!.id).toBe('F2');
    expect(internals(second)._font).toBe(internals(second)._fontFamilies.Helvetica);
    first.end();
    second.end();
  });
});
