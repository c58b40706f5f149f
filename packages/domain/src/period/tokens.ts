/**
 * A cell read as lines of tokens. Clerks type with or without diacritics, any dash, any case and
 * any spacing, so each character is folded (diacritics off, dashes unified, lower case) for
 * reading while the text as written is kept for quoting in reasons.
 */
import { textDashesToHyphen, textFoldDiacritics } from '../text.ts';

/** A word, a number or one symbol of a line, folded for reading and as written for quoting. */
export interface Token {
  kind: 'word' | 'num' | 'sym';
  /** Folded, lower case: "Quý" → "quy", "–" → "-". */
  key: string;
  /** As written, for quoting in reasons. */
  text: string;
  start: number;
  end: number;
  /** White space (or the start of the line) comes right before this token. */
  spaced: boolean;
}

/** One line of a cell: its tidy text and tokens. */
export interface Line {
  text: string;
  tokens: Token[];
}

function charFold(ch: string): string {
  return textFoldDiacritics(textDashesToHyphen(ch)).toLowerCase();
}

/**
 * Like `textTidy` but keeping the dashes as typed: lines are quoted back to the clerk (in
 * reasons and milestones), while `charFold` unifies dashes for reading.
 */
function lineTidy(text: string): string {
  return text.normalize('NFC').replace(/[\u00A0\u2007\u202F\t ]+/g, ' ').trim();
}

/** Splits a tidy line into words, numbers and single symbols, keeping offsets into the text. */
export function tokensRead(text: string): Token[] {
  const tokens: Token[] = [];
  let current: Token | undefined;
  let spaced = true;
  for (let k = 0; k < text.length; k += 1) {
    const ch = text[k] ?? '';
    const folded = charFold(ch);
    if (folded === '') {
      // A lone combining mark belongs to the character before it.
      if (current) current.end = k + 1;
      continue;
    }
    if (/^\s+$/.test(folded)) {
      current = undefined;
      spaced = true;
      continue;
    }
    const kind: Token['kind'] = /^[a-z]+$/.test(folded) ? 'word' : /^[0-9]+$/.test(folded) ? 'num' : 'sym';
    if (current && current.kind === kind && kind !== 'sym') {
      current.key += folded;
      current.end = k + 1;
    } else {
      current = { kind, key: kind === 'sym' ? folded.slice(0, 1) : folded, text: '', start: k, end: k + 1, spaced };
      tokens.push(current);
    }
    spaced = false;
  }
  const out: Token[] = [];
  for (const token of tokens) {
    token.text = text.slice(token.start, token.end);
    // "QuýII" typed without its space: read it as "Quý II".
    const glued = token.kind === 'word' ? /^(quy)([ivx]+)$/.exec(token.key) : null;
    if (glued?.[1] && glued[2]) {
      const cut = token.start + glued[1].length;
      out.push({ ...token, key: glued[1], text: text.slice(token.start, cut), end: cut });
      out.push({ kind: 'word', key: glued[2], text: text.slice(cut, token.end), start: cut, end: token.end, spaced: false });
    } else {
      out.push(token);
    }
  }
  return out;
}

/** The cell's non-empty lines, tidied and tokenized. */
export function linesRead(text: string): Line[] {
  return text
    .split(/\r\n?|\n/)
    .map((line) => lineTidy(line))
    .filter((line) => line.length > 0)
    .map((line) => ({ text: line, tokens: tokensRead(line) }));
}

/** The text of tokens `first`..`last` of a line, as written. */
export function tokensText(line: Line, first: number, last: number): string {
  const a = line.tokens[first];
  const b = line.tokens[last];
  return a && b ? line.text.slice(a.start, b.end) : line.text;
}

/** Diacritics off, lower case: "Trước" → "truoc". */
export function charFoldText(text: string): string {
  return textFoldDiacritics(text).toLowerCase();
}

/** The token range of a line without its bullet, trailing punctuation or enclosing brackets. */
export function lineCore(line: Line): { from: number; to: number } {
  const t = line.tokens;
  let from = 0;
  let to = t.length;
  for (;;) {
    const a = t[from];
    const b = t[from + 1];
    if (a?.kind === 'sym' && '-+*•·>○▪◦●'.includes(a.key) && from + 1 < to) from += 1;
    else if (a && a.kind !== 'sym' && a.key.length <= 2 && b?.key === ')' && from + 2 < to) from += 2;
    else break;
  }
  while (to > from && t[to - 1]?.kind === 'sym' && '.,;:'.includes(t[to - 1]?.key ?? '')) to -= 1;
  if (t[from]?.key === '(' && t[to - 1]?.key === ')' && to - from > 2) {
    from += 1;
    to -= 1;
  }
  return { from, to };
}

/** The parts of a line between the tokens `sep` ("a; b" → "a", "b"), each tokenized again. */
export function lineSplit(line: Line, sep: string): Line[] {
  const out: Line[] = [];
  let begin = 0;
  for (let k = 0; k <= line.tokens.length; k += 1) {
    const t = line.tokens[k];
    if (t === undefined || t.key === sep) {
      const a = line.tokens[begin];
      const b = line.tokens[k - 1];
      if (a && b && k > begin) {
        const text = line.text.slice(a.start, b.end);
        out.push({ text, tokens: tokensRead(text) });
      }
      begin = k + 1;
    }
  }
  return out;
}
