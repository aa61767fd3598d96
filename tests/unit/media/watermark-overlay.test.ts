import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { watermarkOverlaySvg, type TWatermark } from '@/lib/media/watermark-overlay';

const POSITIONS = ['center', 'tiled', 'bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;

/** Renders the overlay and returns where its opaque pixels are. */
async function coverage(svg: string, width: number, height: number) {
  const { data } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const quadrants = { 'top-left': 0, 'top-right': 0, 'bottom-left': 0, 'bottom-right': 0, center: 0 };
  let total = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (data[(y * width + x) * 4 + 3]! === 0) continue;
      total += 1;
      const key = `${y < height / 2 ? 'top' : 'bottom'}-${x < width / 2 ? 'left' : 'right'}` as keyof typeof quadrants;
      quadrants[key] += 1;
      if (Math.abs(x - width / 2) < width / 6 && Math.abs(y - height / 2) < height / 6) quadrants.center += 1;
    }
  }
  return { total, ...quadrants };
}

describe('watermark overlay', () => {
  it.each(POSITIONS)('renders %s at exactly the preview size', async (position) => {
    const svg = watermarkOverlaySvg(1000, 667, { text: 'STOCKROOM', position, opacity: 0.4 });
    const metadata = await sharp(Buffer.from(svg)).metadata();
    expect([metadata.width, metadata.height]).toEqual([1000, 667]);
    expect((await coverage(svg, 1000, 667)).total).toBeGreaterThan(500);
  });

  it('puts a corner mark in its corner and nowhere else', async () => {
    for (const corner of ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const) {
      const result = await coverage(watermarkOverlaySvg(600, 400, { text: 'MARK', position: corner, opacity: 0.5 }), 600, 400);
      expect(result[corner], corner).toBe(result.total);
    }
  });

  it('covers every quadrant when tiled and the middle when centred', async () => {
    const tiled = await coverage(watermarkOverlaySvg(600, 400, { text: 'MARK', position: 'tiled', opacity: 0.5 }), 600, 400);
    for (const quadrant of ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const) expect(tiled[quadrant]).toBeGreaterThan(tiled.total / 10);
    const centred = await coverage(watermarkOverlaySvg(600, 400, { text: 'MARK', position: 'center', opacity: 0.5 }), 600, 400);
    expect(centred.center).toBeGreaterThan(centred.total / 2);
  });

  it('applies the opacity to the whole mark', () => {
    expect(watermarkOverlaySvg(100, 100, { text: 'A', position: 'center', opacity: 0.25 })).toContain('<g opacity="0.25"');
  });

  it('escapes the text, so a setting cannot inject markup', async () => {
    const watermark: TWatermark = { text: '<script>&"\'</script><image href="file:///etc/passwd"/>', position: 'center', opacity: 0.5 };
    const svg = watermarkOverlaySvg(400, 200, watermark);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<image');
    expect(svg).toContain('&lt;script&gt;&amp;&quot;&apos;&lt;/script&gt;');
    await expect(sharp(Buffer.from(svg)).png().toBuffer()).resolves.toBeInstanceOf(Buffer);
  });
});
