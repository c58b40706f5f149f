/**
 * The smallest single edit that turns one cell text into another, and applying it to a `Y.Text`.
 * Writing a whole new string into a Y.Text would delete and retype every character: the update
 * would be as large as the cell and a colleague typing in the same cell at the same moment would
 * see their characters land in deleted text. A common prefix/suffix diff keeps both.
 */
import type * as Y from 'yjs';

/** One replacement in UTF-16 code units (the unit `Y.Text` indexes by). */
export interface TextDiff {
  index: number;
  deleteCount: number;
  insert: string;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The replacement that turns `before` into `after` (common prefix and suffix kept), or null when
 * they are equal. Its bounds never fall inside a surrogate pair, so an emoji is replaced whole
 * (Yjs would turn half a pair into "�").
 */
export function textDiff(before: string, after: string): TextDiff | null {
  if (before === after) return null;
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix += 1;
  // Equal high surrogates followed by different low ones: the pair differs, start before it.
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix -= 1;

  let suffix = 0;
  const room = shorter - prefix;
  while (
    suffix < room &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix += 1;
  }
  // Equal low surrogates preceded by different high ones: the pair differs, end after it.
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix -= 1;

  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/**
 * Makes `ytext` read `after` with the smallest edit (one delete and/or one insert, in one
 * transaction). Used by the grid editor when a cell editor commits and by `planDocSetCell`.
 */
export function textApply(ytext: Y.Text, after: string): void {
  const diff = textDiff(ytext.toString(), after);
  if (!diff) return;
  const apply = (): void => {
    if (diff.deleteCount > 0) ytext.delete(diff.index, diff.deleteCount);
    if (diff.insert.length > 0) ytext.insert(diff.index, diff.insert);
  };
  if (ytext.doc) ytext.doc.transact(apply);
  else apply();
}
