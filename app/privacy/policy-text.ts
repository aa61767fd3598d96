/**
 * The site owner's privacy policy is plain text: lines starting with "- " are bullets, a short line
 * without closing punctuation that introduces other text is a heading (or any line starting with
 * "#"), everything else is paragraphs. The result is data for React to render as text: no HTML
 * from the policy ever reaches the page, so a <script>, an on* handler or a javascript: link in it
 * stays visible, inert text.
 */
export type TPolicyBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'list'; items: string[] };

const BULLET = /^- +(.*)$/;
const MARKED_HEADING = /^#{1,6} +(.*)$/;
const HEADING_MAX_LENGTH = 80;

function isHeadingCandidate(line: string): boolean {
  return line.length <= HEADING_MAX_LENGTH && !BULLET.test(line) && !/[.,;:!?…)\]"”'’]$/.test(line);
}

export function parsePolicy(text: string): TPolicyBlock[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim());
  const blocks: TPolicyBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list.length > 0) blocks.push({ kind: 'list', items: list });
    paragraph = [];
    list = [];
  };
  const nextNonEmpty = (from: number) => lines.slice(from + 1).find((line) => line !== '');

  lines.forEach((line, index) => {
    if (line === '') return flush();
    const bullet = BULLET.exec(line);
    if (bullet) {
      if (paragraph.length > 0) flush();
      list.push(bullet[1]!.trim());
      return;
    }
    const marked = MARKED_HEADING.exec(line);
    const next = nextNonEmpty(index);
    // An unmarked heading starts a block and introduces text that is not heading-like itself, so
    // a run of short lines (a postal address, say) stays one paragraph.
    const previous = paragraph.at(-1);
    const startsBlock = previous === undefined || !isHeadingCandidate(previous);
    if (marked || (startsBlock && isHeadingCandidate(line) && next !== undefined && !isHeadingCandidate(next))) {
      flush();
      blocks.push({ kind: 'heading', text: (marked ? marked[1]! : line).trim() });
      return;
    }
    if (list.length > 0) flush();
    paragraph.push(line);
  });
  flush();
  return blocks.filter((block) => block.kind !== 'heading' || block.text !== '');
}

export type TTextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const LINKABLE = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]|[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,})/gi;

/** Web addresses (http and https only) and e-mail addresses become links; nothing else does. */
export function linkify(text: string): TTextPart[] {
  const parts: TTextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(LINKABLE)) {
    const found = match[0];
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push(linkPart(found));
    last = start + found.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

function linkPart(found: string): TTextPart {
  if (/^https?:\/\//i.test(found)) {
    try {
      const url = new URL(found);
      if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'link', text: found, href: url.href };
    } catch {
      return { kind: 'text', text: found };
    }
    return { kind: 'text', text: found };
  }
  return { kind: 'link', text: found, href: `mailto:${found}` };
}
