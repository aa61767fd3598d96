import type { TSettingValue } from '@/lib/settings/definitions';

export type TWatermark = TSettingValue<'media.watermark'>;

const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
/** Width of one character of the bold sans-serif above, as a share of the font size (generous, so text never overflows). */
const CHARACTER_WIDTH = 0.68;

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character]!);

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * An SVG of exactly width x height carrying the watermark text, for sharp to composite over a preview.
 * White text with a thin dark outline reads on light and dark pictures alike; the opacity applies to
 * the whole mark so outline and fill do not add up.
 */
export function watermarkOverlaySvg(width: number, height: number, watermark: TWatermark): string {
  const text = escapeXml(watermark.text);
  const length = Math.max(watermark.text.length, 1);
  const shortEdge = Math.min(width, height);
  const fitToWidth = (share: number) => (width * share) / (length * CHARACTER_WIDTH);

  let body: string;
  if (watermark.position === 'center') {
    const size = Math.max(10, Math.min(shortEdge * 0.14, fitToWidth(0.85)));
    body = mark(width / 2, height / 2, size, 'middle', text);
  } else if (watermark.position === 'tiled') {
    body = tiledMarks(width, height, Math.max(10, Math.min(shortEdge * 0.06, fitToWidth(0.6))), length, text);
  } else {
    const size = Math.max(9, Math.min(shortEdge * 0.05, fitToWidth(0.55)));
    const margin = Math.max(6, shortEdge * 0.03);
    const [vertical, horizontal] = watermark.position.split('-') as ['top' | 'bottom', 'left' | 'right'];
    const x = horizontal === 'left' ? margin : width - margin;
    const y = vertical === 'top' ? margin + size / 2 : height - margin - size / 2;
    body = mark(x, y, size, horizontal === 'left' ? 'start' : 'end', text);
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<g opacity="${watermark.opacity}" font-family="${FONT}" font-weight="bold" fill="#ffffff" stroke="#000000" stroke-linejoin="round" paint-order="stroke">`,
    body,
    '</g></svg>',
  ].join('');
}

function mark(x: number, y: number, size: number, anchor: 'start' | 'middle' | 'end', text: string) {
  return `<text x="${round(x)}" y="${round(y)}" font-size="${round(size)}" stroke-width="${round(Math.max(1, size * 0.06))}" text-anchor="${anchor}" dominant-baseline="central">${text}</text>`;
}

/** Rows of the text across the whole picture, every other row shifted, turned 30 degrees. */
function tiledMarks(width: number, height: number, size: number, length: number, text: string) {
  const step = { x: length * CHARACTER_WIDTH * size + size * 3, y: size * 4 };
  const reach = Math.hypot(width, height) / 2 + step.x; // covers the corners after rotation
  const centre = { x: width / 2, y: height / 2 };
  const marks: string[] = [];
  for (let row = 0, y = -reach; y <= reach; row += 1, y += step.y) {
    for (let x = -reach + (row % 2 ? step.x / 2 : 0); x <= reach; x += step.x) {
      marks.push(mark(centre.x + x, centre.y + y, size, 'middle', text));
    }
  }
  return `<g transform="rotate(-30 ${round(centre.x)} ${round(centre.y)})">${marks.join('')}</g>`;
}
