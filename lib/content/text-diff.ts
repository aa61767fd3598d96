import { diffLines } from 'diff';

export type TDiffLine = { kind: 'added' | 'removed' | 'same'; text: string };

/** Line by line, what changed from `before` to `after`; every line of both appears once. */
export function lineDiff(before: string, after: string): TDiffLine[] {
  const lines: TDiffLine[] = [];
  // Every line ends with a newline, so a last line is compared like any other.
  const endLines = (text: string) => {
    const normal = text.replace(/\r\n?/g, '\n');
    return normal.endsWith('\n') ? normal : `${normal}\n`;
  };
  for (const part of diffLines(endLines(before), endLines(after))) {
    const kind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const texts = part.value.endsWith('\n') ? part.value.slice(0, -1).split('\n') : part.value.split('\n');
    for (const text of texts) lines.push({ kind, text });
  }
  return lines;
}
