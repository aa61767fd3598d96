import 'server-only';
import sharp from 'sharp';
import { CATALOG_THEMES, TIMES_OF_DAY, type TCatalogTheme, type TTimeOfDay } from '@/db/seed/catalog-words';
import { between, pick, seededRandom, type TRandom } from './seeded-random';

export type TPictureOrientation = 'landscape' | 'portrait' | 'square';

/**
 * Originals large enough that every royalty-free tier of the default price list (800, 1,600 and
 * 3,000 px, and 6,000 px capped at the original) is a different file: the long edge is at least 4,000 px.
 */
export const PICTURE_SIZES: Record<TPictureOrientation, { width: number; height: number }> = {
  landscape: { width: 4800, height: 3200 },
  portrait: { width: 3200, height: 4800 },
  square: { width: 4000, height: 4000 },
};

/**
 * The SVG is rendered with its long edge at most this many pixels and then scaled up by sharp.
 * librsvg gives every translucent shape an offscreen surface the size of the canvas: a 4,800 px
 * rendering took 45 to 140 s per picture here, a 1,600 px one a few hundred milliseconds, and the
 * scaled-up picture of flat shapes and gradients looks the same.
 */
const RENDER_LONG_EDGE = 1600;

export type TDrawPictureOptions = {
  seed: number;
  orientation?: TPictureOrientation;
  theme?: TCatalogTheme;
  timeOfDay?: TTimeOfDay;
  /** Scales the standard size so its long edge is this many pixels. */
  longEdge?: number;
};

/**
 * Draws a demo photograph-like picture from shapes and gradients (an SVG rendered by sharp) and
 * returns it as a JPEG. The same options always give the same picture; nothing is downloaded.
 */
export async function drawPicture(options: TDrawPictureOptions): Promise<Buffer> {
  const { width, height } = pictureSize(options);
  const longEdge = Math.max(width, height);
  if (longEdge <= RENDER_LONG_EDGE) {
    return sharp(Buffer.from(pictureSvg(options))).flatten({ background: '#ffffff' }).jpeg({ quality: 86 }).toBuffer();
  }
  // Same seed, so the same shapes, drawn smaller; then scaled to exactly the size asked for.
  const small = await sharp(Buffer.from(pictureSvg({ ...options, longEdge: RENDER_LONG_EDGE })))
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
    .resize(width, height, { fit: 'fill' })
    .jpeg({ quality: 86 })
    .toBuffer();
}

/** The pixel size drawPicture gives for these options. */
export function pictureSize(options: TDrawPictureOptions): { width: number; height: number } {
  return canvasSize(options, orientationOf(options, seededRandom(options.seed)));
}

function orientationOf(options: TDrawPictureOptions, random: TRandom): TPictureOrientation {
  return options.orientation ?? pick(random, ['landscape', 'portrait', 'square'] as const);
}

function canvasSize(options: TDrawPictureOptions, orientation: TPictureOrientation) {
  const base = PICTURE_SIZES[orientation];
  const scale = options.longEdge ? options.longEdge / Math.max(base.width, base.height) : 1;
  return { width: Math.max(16, Math.round(base.width * scale)), height: Math.max(16, Math.round(base.height * scale)) };
}

/** The picture as SVG; exported for tests and for anyone who wants another format. */
export function pictureSvg(options: TDrawPictureOptions): string {
  const random = seededRandom(options.seed);
  const orientation = orientationOf(options, random);
  const theme = options.theme ?? pick(random, CATALOG_THEMES);
  const timeOfDay = options.timeOfDay ?? pick(random, TIMES_OF_DAY);
  const { width, height } = canvasSize(options, orientation);
  const canvas: TCanvas = { width, height, random, sky: skyPalette(timeOfDay, random), timeOfDay, defs: [] };
  const body = DRAWERS[theme](canvas);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs>${canvas.defs.join('')}</defs>`,
    body,
    '</svg>',
  ].join('');
}

// ---- drawing primitives -------------------------------------------------------------------------

type TSky = { top: string; middle: string; horizon: string; sun: string; light: number };
type TCanvas = { width: number; height: number; random: TRandom; sky: TSky; timeOfDay: TTimeOfDay; defs: string[] };

const n = (value: number) => Math.round(value * 10) / 10;

function hexToRgb(hex: string): [number, number, number] {
  const value = parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

const rgbToHex = (rgb: readonly number[]) =>
  `#${rgb.map((channel) => Math.max(0, Math.min(255, Math.round(channel))).toString(16).padStart(2, '0')).join('')}`;

/** Linear mix of two colours; amount 0 gives a, 1 gives b. */
function mix(a: string, b: string, amount: number): string {
  const from = hexToRgb(a);
  const to = hexToRgb(b);
  return rgbToHex(from.map((channel, index) => channel + (to[index]! - channel) * amount));
}

function hsl(hue: number, saturation: number, lightness: number): string {
  const s = saturation / 100;
  const l = lightness / 100;
  const k = (step: number) => (step + hue / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const channel = (step: number) => 255 * (l - a * Math.max(-1, Math.min(k(step) - 3, 9 - k(step), 1)));
  return rgbToHex([channel(0), channel(8), channel(4)]);
}

/** Adds a vertical linear gradient to the defs and returns a fill reference to it. */
function verticalGradient(canvas: TCanvas, stops: ReadonlyArray<readonly [number, string]>): string {
  const id = `paint${canvas.defs.length}`;
  canvas.defs.push(
    `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${stops
      .map(([offset, colour]) => `<stop offset="${offset}" stop-color="${colour}"/>`)
      .join('')}</linearGradient>`,
  );
  return `url(#${id})`;
}

function radialGlow(canvas: TCanvas, colour: string): string {
  const id = `paint${canvas.defs.length}`;
  canvas.defs.push(
    `<radialGradient id="${id}"><stop offset="0" stop-color="${colour}" stop-opacity="0.75"/><stop offset="1" stop-color="${colour}" stop-opacity="0"/></radialGradient>`,
  );
  return `url(#${id})`;
}

function skyPalette(timeOfDay: TTimeOfDay, random: TRandom): TSky {
  const shift = between(random, -12, 12);
  switch (timeOfDay) {
    case 'dawn':
      return { top: hsl(225 + shift, 45, 32), middle: hsl(15 + shift, 75, 70), horizon: hsl(40 + shift, 90, 84), sun: '#fff1c9', light: 0.75 };
    case 'dusk':
      return { top: hsl(250 + shift, 45, 20), middle: hsl(330 + shift, 50, 48), horizon: hsl(28 + shift, 90, 66), sun: '#ffd27a', light: 0.55 };
    case 'overcast':
      return { top: hsl(215 + shift, 14, 55), middle: hsl(210 + shift, 12, 72), horizon: hsl(210 + shift, 10, 86), sun: '#f4f4f0', light: 0.7 };
    default:
      return { top: hsl(212 + shift, 70, 42), middle: hsl(200 + shift, 65, 66), horizon: hsl(195 + shift, 55, 86), sun: '#fffbe8', light: 1 };
  }
}

function skyRect(canvas: TCanvas): string {
  const { sky } = canvas;
  const fill = verticalGradient(canvas, [
    [0, sky.top],
    [0.55, sky.middle],
    [1, sky.horizon],
  ]);
  return `<rect width="${canvas.width}" height="${canvas.height}" fill="${fill}"/>`;
}

function sun(canvas: TCanvas, x: number, y: number, radius: number): string {
  if (canvas.timeOfDay === 'overcast') {
    return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(radius * 2.2)}" fill="${radialGlow(canvas, '#ffffff')}" opacity="0.5"/>`;
  }
  return [
    `<circle cx="${n(x)}" cy="${n(y)}" r="${n(radius * 3)}" fill="${radialGlow(canvas, canvas.sky.sun)}"/>`,
    `<circle cx="${n(x)}" cy="${n(y)}" r="${n(radius)}" fill="${canvas.sky.sun}"/>`,
  ].join('');
}

/** A smooth ridge across the picture: quadratic curves through jittered points, closed at the bottom. */
function ridge(canvas: TCanvas, baseY: number, amplitude: number, segments: number, colour: string, opacity = 1): string {
  const { width, height, random } = canvas;
  const points = Array.from({ length: segments + 1 }, (_, index) => ({
    x: (index / segments) * width,
    y: baseY + between(random, -amplitude, amplitude),
  }));
  let d = `M0 ${height} L0 ${n(points[0]!.y)}`;
  for (let index = 0; index < points.length - 1; index += 1) {
    const current = points[index]!;
    const next = points[index + 1]!;
    d += ` Q${n(current.x)} ${n(current.y)} ${n((current.x + next.x) / 2)} ${n((current.y + next.y) / 2)}`;
  }
  const last = points[points.length - 1]!;
  d += ` L${n(last.x)} ${n(last.y)} L${width} ${height} Z`;
  return `<path d="${d}" fill="${colour}"${opacity < 1 ? ` opacity="${opacity}"` : ''}/>`;
}

/** A jagged range of peaks with snow on the highest. */
function peaks(canvas: TCanvas, baseY: number, peakHeight: number, count: number, colour: string, snow: boolean): string {
  const { width, height, random } = canvas;
  const step = width / count;
  const points: Array<{ x: number; y: number; peak: boolean }> = [{ x: -step / 2, y: baseY, peak: false }];
  for (let index = 0; index <= count; index += 1) {
    const x = index * step + between(random, -step * 0.2, step * 0.2);
    points.push({ x, y: baseY - between(random, peakHeight * 0.55, peakHeight), peak: true });
    points.push({ x: x + step / 2, y: baseY - between(random, peakHeight * 0.05, peakHeight * 0.35), peak: false });
  }
  const outline = points.map((point) => `${n(point.x)},${n(point.y)}`).join(' ');
  const parts = [`<polygon points="${-step},${height} ${outline} ${width + step},${height}" fill="${colour}"/>`];
  if (snow) {
    for (let index = 1; index < points.length - 1; index += 1) {
      const point = points[index]!;
      if (!point.peak || baseY - point.y < peakHeight * 0.7) continue;
      const left = points[index - 1]!;
      const right = points[index + 1]!;
      const depth = between(random, 0.25, 0.4);
      const at = (other: { x: number; y: number }, share: number) => ({
        x: point.x + (other.x - point.x) * share,
        y: point.y + (other.y - point.y) * share,
      });
      const a = at(left, depth);
      const b = at(right, depth);
      const middle = { x: (a.x + b.x) / 2 + between(random, -8, 8), y: Math.max(a.y, b.y) - (b.y - point.y) * 0.25 };
      parts.push(
        `<polygon points="${n(point.x)},${n(point.y)} ${n(a.x)},${n(a.y)} ${n((a.x + middle.x) / 2)},${n(middle.y + 10)} ${n(middle.x)},${n(middle.y)} ${n(b.x)},${n(b.y)}" fill="#f4f7fb" opacity="0.92"/>`,
      );
    }
  }
  return parts.join('');
}

function pine(x: number, baseY: number, size: number, colour: string): string {
  const trunk = `<rect x="${n(x - size * 0.05)}" y="${n(baseY - size * 0.15)}" width="${n(size * 0.1)}" height="${n(size * 0.15)}" fill="#3b2a1e"/>`;
  const tiers = [0, 1, 2]
    .map((tier) => {
      const top = baseY - size * (1 - tier * 0.22);
      const bottom = baseY - size * (0.12 + (2 - tier) * 0.22);
      const half = size * (0.2 + tier * 0.09);
      return `<polygon points="${n(x)},${n(top)} ${n(x - half)},${n(bottom + size * 0.25)} ${n(x + half)},${n(bottom + size * 0.25)}" fill="${colour}"/>`;
    })
    .join('');
  return trunk + tiers;
}

// ---- scenes -------------------------------------------------------------------------------------

function drawHills(canvas: TCanvas): string {
  const { width, height, random, sky } = canvas;
  const hue = between(random, 75, 130);
  const parts = [skyRect(canvas), sun(canvas, between(random, 0.15, 0.85) * width, between(random, 0.15, 0.35) * height, Math.min(width, height) * 0.05)];
  const layers = 4;
  for (let layer = 0; layer < layers; layer += 1) {
    const depth = layer / (layers - 1);
    const ground = hsl(hue + layer * 6, 35 + depth * 20, 52 - depth * 24);
    const colour = mix(sky.horizon, ground, 0.35 + depth * 0.65);
    parts.push(ridge(canvas, height * (0.5 + depth * 0.3), height * (0.06 - depth * 0.02), 5 + layer, mix(colour, '#000000', (1 - sky.light) * 0.3)));
  }
  if (random() < 0.6) {
    const count = 3 + Math.floor(random() * 5);
    for (let index = 0; index < count; index += 1) {
      parts.push(pine(between(random, 0.05, 0.95) * width, height * between(random, 0.9, 0.98), height * between(random, 0.08, 0.16), hsl(hue + 20, 40, 18)));
    }
  }
  return parts.join('');
}

function drawCity(canvas: TCanvas): string {
  const { width, height, random, sky } = canvas;
  const parts = [skyRect(canvas), sun(canvas, between(random, 0.2, 0.8) * width, height * between(random, 0.35, 0.55), Math.min(width, height) * 0.06)];
  const lit = canvas.timeOfDay === 'dusk' || canvas.timeOfDay === 'dawn';
  for (const [layer, shade] of [
    [0, 0.45],
    [1, 0.8],
  ] as const) {
    let x = -between(random, 0, width * 0.05);
    const colour = mix(sky.horizon, hsl(230, 20, 14), shade);
    while (x < width) {
      const buildingWidth = width * between(random, 0.05, 0.11) * (layer ? 1 : 0.8);
      const buildingHeight = height * between(random, 0.15, layer ? 0.48 : 0.6);
      const top = height * (layer ? 1 : 0.94) - buildingHeight;
      parts.push(`<rect x="${n(x)}" y="${n(top)}" width="${n(buildingWidth)}" height="${n(buildingHeight + 2)}" fill="${colour}"/>`);
      if (random() < 0.3) {
        parts.push(`<rect x="${n(x + buildingWidth * 0.45)}" y="${n(top - height * 0.04)}" width="${n(Math.max(2, buildingWidth * 0.06))}" height="${n(height * 0.04)}" fill="${colour}"/>`);
      }
      if (layer === 1) {
        const windowSize = Math.max(3, buildingWidth * 0.1);
        const columns = Math.floor((buildingWidth - windowSize) / (windowSize * 2));
        for (let row = top + windowSize * 1.5; row < height - windowSize * 2; row += windowSize * 2.2) {
          for (let column = 0; column < columns; column += 1) {
            if (random() > (lit ? 0.45 : 0.25)) continue;
            const windowColour = lit ? pick(random, ['#ffd98a', '#ffe9b8', '#f7c56b']) : mix(sky.middle, '#ffffff', 0.3);
            parts.push(`<rect x="${n(x + windowSize + column * windowSize * 2)}" y="${n(row)}" width="${n(windowSize)}" height="${n(windowSize * 1.2)}" fill="${windowColour}" opacity="0.85"/>`);
          }
        }
      }
      x += buildingWidth + width * between(random, 0, 0.015);
    }
  }
  return parts.join('');
}

function drawSea(canvas: TCanvas): string {
  const { width, height, random, sky } = canvas;
  const horizon = height * between(random, 0.5, 0.66);
  const sunX = between(random, 0.25, 0.75) * width;
  const sunRadius = Math.min(width, height) * 0.055;
  const water = verticalGradient(canvas, [
    [0, mix(sky.horizon, hsl(205, 60, 40), 0.35)],
    [1, mix(sky.top, hsl(215, 70, 18), 0.6)],
  ]);
  const parts = [
    skyRect(canvas),
    sun(canvas, sunX, horizon - sunRadius * between(random, 0.6, 3), sunRadius),
    `<rect y="${n(horizon)}" width="${width}" height="${n(height - horizon)}" fill="${water}"/>`,
  ];
  if (canvas.timeOfDay !== 'overcast') {
    for (let y = horizon + 4; y < height; y += between(random, 6, 14)) {
      const spread = (y - horizon) / (height - horizon);
      const length = sunRadius * (0.4 + spread * 2.5) * between(random, 0.4, 1.2);
      parts.push(`<rect x="${n(sunX - length / 2 + between(random, -10, 10) * spread)}" y="${n(y)}" width="${n(length)}" height="${n(2 + spread * 3)}" fill="${sky.sun}" opacity="${n(0.55 - spread * 0.35)}"/>`);
    }
  }
  for (let index = 0; index < 14; index += 1) {
    const y = between(random, horizon + 10, height);
    const x = between(random, 0, width);
    const length = between(random, 30, 140) * ((y - horizon) / (height - horizon) + 0.3);
    parts.push(`<path d="M${n(x)} ${n(y)} q${n(length / 2)} ${n(-length * 0.06)} ${n(length)} 0" stroke="#ffffff" stroke-opacity="0.35" stroke-width="2" fill="none"/>`);
  }
  if (random() < 0.6) {
    const boatX = between(random, 0.15, 0.85) * width;
    const boatY = horizon + (height - horizon) * between(random, 0.05, 0.25);
    const size = Math.min(width, height) * between(random, 0.04, 0.07);
    parts.push(
      `<polygon points="${n(boatX)},${n(boatY - size * 1.6)} ${n(boatX)},${n(boatY - size * 0.15)} ${n(boatX + size * 0.9)},${n(boatY - size * 0.15)}" fill="#fbfaf5"/>`,
      `<polygon points="${n(boatX - size * 0.05)},${n(boatY - size * 1.3)} ${n(boatX - size * 0.7)},${n(boatY - size * 0.15)} ${n(boatX - size * 0.05)},${n(boatY - size * 0.15)}" fill="#e9e4d6"/>`,
      `<path d="M${n(boatX - size * 0.8)} ${n(boatY - size * 0.1)} L${n(boatX + size)} ${n(boatY - size * 0.1)} L${n(boatX + size * 0.7)} ${n(boatY + size * 0.2)} L${n(boatX - size * 0.6)} ${n(boatY + size * 0.2)} Z" fill="#3d2b20"/>`,
    );
  }
  return parts.join('');
}

function drawMountains(canvas: TCanvas): string {
  const { width, height, random, sky } = canvas;
  const parts = [skyRect(canvas), sun(canvas, between(random, 0.1, 0.9) * width, height * between(random, 0.1, 0.25), Math.min(width, height) * 0.045)];
  parts.push(peaks(canvas, height * 0.62, height * 0.42, 3 + Math.floor(random() * 3), mix(sky.horizon, hsl(220, 20, 45), 0.6), true));
  parts.push(peaks(canvas, height * 0.78, height * 0.3, 4 + Math.floor(random() * 3), mix(sky.horizon, hsl(215, 25, 28), 0.8), random() < 0.5));
  parts.push(ridge(canvas, height * 0.88, height * 0.03, 6, hsl(between(random, 100, 150), 30, 18)));
  for (let index = 0; index < 9; index += 1) {
    parts.push(pine(between(random, 0, 1) * width, height * between(random, 0.93, 1.02), height * between(random, 0.1, 0.2), hsl(140, 35, 12)));
  }
  return parts.join('');
}

function drawForest(canvas: TCanvas): string {
  const { width, height, random, sky } = canvas;
  const hue = between(random, 100, 160);
  const parts = [skyRect(canvas), sun(canvas, between(random, 0.15, 0.85) * width, height * between(random, 0.12, 0.3), Math.min(width, height) * 0.045)];
  parts.push(ridge(canvas, height * 0.55, height * 0.05, 5, mix(sky.horizon, hsl(hue, 25, 40), 0.45)));
  const rows = 4;
  for (let row = 0; row < rows; row += 1) {
    const depth = row / (rows - 1);
    const colour = mix(sky.horizon, hsl(hue + row * 5, 40, 30 - depth * 16), 0.45 + depth * 0.55);
    const size = height * (0.12 + depth * 0.22);
    const baseY = height * (0.6 + depth * 0.38);
    for (let x = -size * 0.3; x < width + size * 0.3; x += size * between(random, 0.22, 0.4)) {
      parts.push(pine(x, baseY + between(random, -size * 0.08, size * 0.08), size * between(random, 0.8, 1.15), colour));
    }
  }
  return parts.join('');
}

function drawDesert(canvas: TCanvas): string {
  const { width, height, random, sky } = canvas;
  const hue = between(random, 25, 40);
  const parts = [skyRect(canvas), sun(canvas, between(random, 0.2, 0.8) * width, height * between(random, 0.2, 0.4), Math.min(width, height) * 0.08)];
  for (let layer = 0; layer < 4; layer += 1) {
    const depth = layer / 3;
    const sand = hsl(hue + layer * 3, 60 + depth * 10, 70 - depth * 22);
    parts.push(ridge(canvas, height * (0.58 + depth * 0.28), height * (0.05 + depth * 0.03), 3 + layer, mix(sky.horizon, sand, 0.5 + depth * 0.5)));
    parts.push(ridge(canvas, height * (0.62 + depth * 0.28), height * 0.04, 3 + layer, '#000000', 0.08));
  }
  return parts.join('');
}

function drawNight(canvas: TCanvas): string {
  const { width, height, random } = canvas;
  const fill = verticalGradient(canvas, [
    [0, hsl(230, 50, 6)],
    [0.6, hsl(225, 45, 16)],
    [1, hsl(215, 40, 30)],
  ]);
  const parts = [`<rect width="${width}" height="${height}" fill="${fill}"/>`];
  const stars = 120 + Math.floor(random() * 120);
  for (let index = 0; index < stars; index += 1) {
    parts.push(`<circle cx="${n(random() * width)}" cy="${n(random() * height * 0.7)}" r="${n(between(random, 0.6, 2.2))}" fill="#ffffff" opacity="${n(between(random, 0.4, 1))}"/>`);
  }
  const moonX = between(random, 0.2, 0.8) * width;
  const moonY = height * between(random, 0.15, 0.35);
  const moonRadius = Math.min(width, height) * between(random, 0.04, 0.07);
  parts.push(
    `<circle cx="${n(moonX)}" cy="${n(moonY)}" r="${n(moonRadius * 4)}" fill="${radialGlow(canvas, '#dfe8ff')}" opacity="0.6"/>`,
    `<circle cx="${n(moonX)}" cy="${n(moonY)}" r="${n(moonRadius)}" fill="#f3f1e6"/>`,
    `<circle cx="${n(moonX - moonRadius * 0.3)}" cy="${n(moonY - moonRadius * 0.2)}" r="${n(moonRadius * 0.18)}" fill="#dcd8c8"/>`,
    `<circle cx="${n(moonX + moonRadius * 0.35)}" cy="${n(moonY + moonRadius * 0.3)}" r="${n(moonRadius * 0.12)}" fill="#dcd8c8"/>`,
  );
  parts.push(ridge(canvas, height * 0.72, height * 0.06, 5, hsl(225, 30, 14)));
  parts.push(ridge(canvas, height * 0.85, height * 0.04, 6, hsl(225, 30, 8)));
  if (random() < 0.5) {
    const x = between(random, 0.2, 0.8) * width;
    const y = height * 0.86;
    const size = Math.min(width, height) * 0.03;
    parts.push(`<rect x="${n(x)}" y="${n(y - size)}" width="${n(size * 1.6)}" height="${n(size)}" fill="${hsl(225, 30, 8)}"/>`);
    parts.push(`<rect x="${n(x + size * 0.3)}" y="${n(y - size * 0.7)}" width="${n(size * 0.35)}" height="${n(size * 0.35)}" fill="#ffd77a"/>`);
  }
  return parts.join('');
}

function drawAbstract(canvas: TCanvas): string {
  const { width, height, random } = canvas;
  const hue = between(random, 0, 360);
  const harmony = pick(random, [30, 150, 180, 210] as const);
  const background = verticalGradient(canvas, [
    [0, hsl(hue, 55, 88)],
    [1, hsl(hue + harmony, 45, 70)],
  ]);
  const parts = [`<rect width="${width}" height="${height}" fill="${background}"/>`];
  const style = pick(random, ['circles', 'stripes', 'rings'] as const);
  const shortEdge = Math.min(width, height);
  if (style === 'circles') {
    const count = 7 + Math.floor(random() * 9);
    for (let index = 0; index < count; index += 1) {
      const colour = hsl(hue + pick(random, [0, harmony, harmony / 2, -30]) + between(random, -10, 10), between(random, 50, 80), between(random, 40, 70));
      parts.push(`<circle cx="${n(random() * width)}" cy="${n(random() * height)}" r="${n(shortEdge * between(random, 0.06, 0.3))}" fill="${colour}" opacity="${n(between(random, 0.45, 0.85))}"/>`);
    }
  } else if (style === 'stripes') {
    const count = 6 + Math.floor(random() * 8);
    const angle = between(random, -40, 40);
    const diagonal = Math.hypot(width, height);
    const parts2: string[] = [];
    let offset = -diagonal;
    for (let index = 0; index < count * 3 && offset < diagonal; index += 1) {
      const stripeWidth = diagonal * between(random, 0.02, 0.09);
      const colour = hsl(hue + (index % 2 ? harmony : 0) + between(random, -15, 15), between(random, 45, 75), between(random, 45, 75));
      parts2.push(`<rect x="${n(offset)}" y="${n(-diagonal)}" width="${n(stripeWidth)}" height="${n(diagonal * 3)}" fill="${colour}" opacity="${n(between(random, 0.55, 0.9))}"/>`);
      offset += stripeWidth + diagonal * between(random, 0, 0.06);
    }
    parts.push(`<g transform="rotate(${n(angle)} ${n(width / 2)} ${n(height / 2)})">${parts2.join('')}</g>`);
  } else {
    const cx = between(random, 0.3, 0.7) * width;
    const cy = between(random, 0.3, 0.7) * height;
    const rings = 8 + Math.floor(random() * 6);
    for (let ring = rings; ring > 0; ring -= 1) {
      const colour = hsl(hue + (ring % 2 ? harmony : 0) + ring * 4, between(random, 45, 75), 35 + ring * 3);
      parts.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n((ring / rings) * shortEdge * 0.7)}" fill="${colour}" opacity="0.85"/>`);
    }
  }
  return parts.join('');
}

const DRAWERS: Record<TCatalogTheme, (canvas: TCanvas) => string> = {
  hills: drawHills,
  city: drawCity,
  sea: drawSea,
  mountains: drawMountains,
  forest: drawForest,
  desert: drawDesert,
  night: drawNight,
  abstract: drawAbstract,
};
