/**
 * The PDF is set in the standard Helvetica, which every reader has, so no font is embedded or
 * fetched. Its encoding (WinAnsi) holds Latin-1 and a few more characters (€ ’ “ ” – — … ™ Œ Š Ž),
 * enough for the shop's own texts and most Western European names. Any other character would print
 * as garbage, so it is written as its closest WinAnsi form: accents the encoding lacks are dropped
 * (ā -> a), a few letters are spelled out (Ł -> L), typographic spaces and minus become plain ones,
 * and anything left is a '?'. The HTML invoice shows every name exactly as stored.
 */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

const SPELLED: Record<string, string> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', Ŧ: 'T', ŧ: 't',
  '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2009': ' ', '\u202f': ' ', '\u2007': ' ', '\u200b': '',
  '\u2032': "'", '\u2033': '"', '\u2192': '->', '\u2264': '<=', '\u2265': '>=',
};

const isWinAnsi = (char: string) => {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char) || char === '\n';
};

export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    if (isWinAnsi(char)) out += char;
    else if (char in SPELLED) out += SPELLED[char];
    else {
      // Composed letters whose base letter the encoding has: 'ā' is 'a' + a macron.
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      if (/^\p{M}$/u.test(char)) continue; // a stray combining mark: its letter is already written
      out += base && [...base].every(isWinAnsi) ? base : char === '\t' ? ' ' : '?';
    }
  }
  return out;
}
