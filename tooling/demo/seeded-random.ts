export type TRandom = () => number;

/** mulberry32 with the seed spread first: small, fast, and the same numbers for the same seed everywhere. */
export function seededRandom(seed: number): TRandom {
  let state = Math.imul(Math.floor(seed) | 0, 0x9e3779b1) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(random: TRandom, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export const between = (random: TRandom, low: number, high: number) => low + random() * (high - low);

export function pickWeighted<T>(random: TRandom, options: ReadonlyArray<readonly [T, number]>): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** `count` different items in random order. */
export function pickSome<T>(random: TRandom, items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let index = pool.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [pool[index], pool[other]] = [pool[other]!, pool[index]!];
  }
  return pool.slice(0, count);
}
