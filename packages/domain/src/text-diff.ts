/**
 * The smallest single edit that turns one cell text into another, and applying it to a `Y.Text`.
 * Writing a whole new string into a Y.Text would delete and retype every character: the update
 * would be as large as the cell and a colleague typing in the same cell at the same moment would
 * see their characters land in deleted text. A common prefix/suffix diff keeps both; lib0 (the
 * library Yjs is built on) has it, surrogate pairs included.
 */
import { simpleDiffString } from 'lib0/diff';
import type * as Y from 'yjs';

/** One replacement in UTF-16 code units (the unit `Y.Text` indexes by). */
export interface TextDiff {
  index: number;
  deleteCount: number;
  insert: string;
}

/**
 * The replacement that turns `before` into `after` (common prefix and suffix kept), or null when
 * they are equal. Its bounds never fall inside a surrogate pair, so an emoji is replaced whole
 * (Yjs would turn half a pair into "�").
 */
export function textDiff(before: string, after: string): TextDiff | null {
  if (before === after) return null;
  const { index, remove, insert } = simpleDiffString(before, after);
  return { index, deleteCount: remove, insert };
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
