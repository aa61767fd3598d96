/** Basis points as a percentage for people: 2550 → "25.5", 2100 → "21", 1234 → "12.34". */
export function percentFromBasisPoints(basisPoints: number): string {
  return (basisPoints / 100).toFixed(2).replace(/\.?0+$/, '');
}

/** A percentage as typed ("25.5", "25,5", "21", "12.34 %") in basis points, or null when it is not one between 0 and 100. */
export function basisPointsFromPercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints <= 10_000 ? basisPoints : null;
}
