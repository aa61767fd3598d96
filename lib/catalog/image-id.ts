import 'server-only';

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

/** An image id from a URL segment: a positive decimal integer JavaScript holds exactly, else null ('abc', '-1', '1.5', '1e3', '007'). */
export function parseImageId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !DECIMAL_ID.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

export const isImageId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
