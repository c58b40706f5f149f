/**
 * The text operations of the units editor ("Đơn vị chủ trì", "Đơn vị phối hợp"…): which part of
 * the cell is being typed (the query for `unitSearch`), picking a unit from the directory,
 * removing one, and how the cell reads against the directory (chips shown beside the editor).
 *
 * The cell keeps exactly what the person typed: a commit never rewrites it. What the directory
 * made of it is shown as chips (and decides the row's owners); the canonical names are written
 * only when the person asks ("Dùng tên chuẩn", `unitsCanonicalText`).
 *
 * The cell stays plain text (a Y.Text, like every cell): reading it back is `unitsSplit`'s job.
 */
import { type Unit, type UnitDirectory, unitSearch, unitsSplit } from '@phuluc/domain';

/**
 * A part of a units cell: a unit of the directory (`name` its canonical name, `text` as typed), a
 * group noun ("Các trường phổ thông"; `unitId` when the directory lists it), or free text naming
 * something else.
 */
export type UnitsChip =
  | { kind: 'unit'; unitId: string; name: string; text: string; start: number; end: number }
  | { kind: 'group'; unitId: string | null; text: string; start: number; end: number }
  | { kind: 'free'; text: string; start: number; end: number };

/** The stretch of the cell being typed, between separators, around the caret. */
export interface UnitsFragment {
  start: number;
  end: number;
  /** The fragment's text, trimmed. */
  query: string;
}

// Separators a person types between units; "và" and "/" are read by unitsSplit but typing them
// does not start a new search (unit names contain both).
const FRAGMENT_SEPARATORS = /[,;\n]/;

/** The fragment around `caret` (separators: ",", ";", new line). */
export function unitsFragment(text: string, caret: number): UnitsFragment {
  const at = Math.max(0, Math.min(caret, text.length));
  let start = at;
  while (start > 0 && !FRAGMENT_SEPARATORS.test(text.charAt(start - 1))) start -= 1;
  let end = at;
  while (end < text.length && !FRAGMENT_SEPARATORS.test(text.charAt(end))) end += 1;
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  return { start, end, query: text.slice(start, end) };
}

/** The cell read as chips, in the order they are written. */
export function unitsChips(dir: UnitDirectory, text: string): UnitsChip[] {
  const split = unitsSplit(dir, text);
  const chips: UnitsChip[] = split.matches.map((m): UnitsChip => {
    const { text: typed, start, end } = m;
    if (m.group || m.unitId === null) return { kind: 'group', unitId: m.unitId, text: typed, start, end };
    return { kind: 'unit', unitId: m.unitId, name: dir.byId.get(m.unitId)?.name ?? typed, text: typed, start, end };
  });
  // Unknown parts come in order and never overlap a match: find each after the previous one.
  let from = 0;
  for (const part of split.unknown) {
    let index = text.indexOf(part, from);
    while (index >= 0 && chips.some((c) => c.kind !== 'free' && index < c.end && index + part.length > c.start)) {
      index = text.indexOf(part, index + 1);
    }
    if (index < 0) continue;
    chips.push({ kind: 'free', text: part, start: index, end: index + part.length });
    from = index + part.length;
  }
  return chips.sort((a, b) => a.start - b.start);
}

/** The units already named in the cell outside the fragment being typed (not to be suggested again). */
export function unitsChosenIds(dir: UnitDirectory, text: string, fragment: UnitsFragment): Set<string> {
  const ids = new Set<string>();
  for (const chip of unitsChips(dir, text)) {
    if (chip.kind === 'unit' && (chip.end <= fragment.start || chip.start >= fragment.end)) ids.add(chip.unitId);
  }
  return ids;
}

function fragmentOf(text: string, at: number | UnitsFragment): UnitsFragment {
  return typeof at === 'number' ? unitsFragment(text, at) : at;
}

/**
 * Suggestions for the fragment at the caret (or the given fragment): directory units, best first,
 * without those already chosen.
 */
export function unitsSuggest(dir: UnitDirectory, text: string, at: number | UnitsFragment, limit = 8): Unit[] {
  const fragment = fragmentOf(text, at);
  const chosen = unitsChosenIds(dir, text, fragment);
  return unitSearch(dir, fragment.query, limit + chosen.size)
    .filter((u) => !chosen.has(u.id))
    .slice(0, limit);
}

/** Text and caret after an edit. */
export interface UnitsEdit {
  text: string;
  caret: number;
}

const SEPARATOR = ', ';

/**
 * Puts `unit` in place of the fragment at the caret (or the given fragment; an empty one inserts
 * there). With `more`, a ", " follows so the next unit can be typed straight away. A unit already
 * in the cell is not added twice (the fragment is just removed).
 */
export function unitsPick(dir: UnitDirectory, text: string, at: number | UnitsFragment, unit: Unit, more: boolean): UnitsEdit {
  const fragment = fragmentOf(text, at);
  const chosen = unitsChosenIds(dir, text, fragment);
  let before = text.slice(0, fragment.start);
  let after = text.slice(fragment.end);
  let insert = chosen.has(unit.id) ? '' : unit.name;
  if (insert === '') {
    // Drop the fragment and one separator next to it.
    before = before.replace(/[,;]\s*$/, '');
    if (before === '') after = after.replace(/^\s*[,;]\s*/, '');
  } else if (before !== '' && !/[,;\n]\s*$/.test(before)) {
    insert = SEPARATOR + insert;
  } else if (before !== '' && !/\s$/.test(before)) {
    before += ' ';
  }
  const restHasSeparator = /^\s*[,;\n]/.test(after);
  if (more && !restHasSeparator) insert += SEPARATOR;
  let caretAt = before.length + insert.length;
  if (more && restHasSeparator) {
    // Step over the separator that is already there.
    const skip = /^\s*[,;\n]\s*/.exec(after)?.[0] ?? '';
    caretAt += skip.length;
    if (!skip.endsWith(' ') && !skip.endsWith('\n')) {
      after = after.slice(0, skip.length) + ' ' + after.slice(skip.length);
      caretAt += 1;
    }
  }
  return { text: before + insert + after, caret: caretAt };
}

/** Removes a chip and one separator next to it; the caret goes where it was. */
export function unitsRemove(text: string, chip: Pick<UnitsChip, 'start' | 'end'>): UnitsEdit {
  let start = chip.start;
  let end = chip.end;
  const following = /^\s*[,;]\s*/.exec(text.slice(end));
  if (following) {
    end += following[0].length;
  } else {
    const preceding = /\s*[,;]\s*$/.exec(text.slice(0, start));
    if (preceding) start -= preceding[0].length;
  }
  return { text: text.slice(0, start) + text.slice(end), caret: start };
}

/**
 * Backspace with the caret after a separator (nothing typed of the next unit yet): the chip
 * before it goes as a whole. Null when Backspace should just delete a character.
 */
export function unitsBackspace(dir: UnitDirectory, text: string, caret: number): UnitsEdit | null {
  const before = text.slice(0, caret);
  const trailing = /[,;]\s*$/.exec(before);
  if (!trailing) return null;
  const chipEnd = before.length - trailing[0].length;
  const chip = unitsChips(dir, text).find((c) => c.end === chipEnd);
  if (!chip) return null;
  return { text: text.slice(0, chip.start) + text.slice(caret), caret: chip.start };
}

/**
 * The text written when a units edit is committed: exactly what was typed, but for the separators
 * left dangling at the end (the picker puts ", " after a unit to go on with the next).
 */
export function unitsCommitText(text: string): string {
  return text.replace(/[\s,;]*[,;][\s,;]*$/, '').replace(/\s+$/, '');
}

/** Whether the fragment being typed already names units by itself ("Phòng Kinh tế xã", "kinh te", "Các trường phổ thông"). */
export function unitsFragmentNamesUnits(dir: UnitDirectory, fragment: UnitsFragment): boolean {
  if (fragment.query === '') return false;
  const split = unitsSplit(dir, fragment.query);
  return split.matches.length > 0 && split.unknown.length === 0;
}

/**
 * Whether Enter keeps the fragment as typed rather than taking the highlighted suggestion: it
 * names units and is written out in Vietnamese ("Phòng Kinh tế xã", "Sở KH&CN", "Các trường phổ
 * thông"). Plain ASCII ("phong kinh te") is a search, as the picker's hint invites: Enter takes
 * the match.
 */
export function unitsFragmentKeptOnEnter(dir: UnitDirectory, fragment: UnitsFragment): boolean {
  // eslint-disable-next-line no-control-regex -- "not ASCII" is exactly the test
  return /[^\u0000-\u007f]/.test(fragment.query) && unitsFragmentNamesUnits(dir, fragment);
}

/** The unit chips whose text is not the unit's canonical name ("Phòng KT" for "Phòng Kinh tế"). */
export function unitsNotCanonical(dir: UnitDirectory, text: string): Extract<UnitsChip, { kind: 'unit' }>[] {
  return unitsChips(dir, text).filter((c): c is Extract<UnitsChip, { kind: 'unit' }> => c.kind === 'unit' && c.text !== c.name);
}

/**
 * The cell with each directory unit written by its canonical name, in place: separators, free
 * text, group nouns and remarks in parentheses stay exactly as typed ("Dùng tên chuẩn").
 */
export function unitsCanonicalText(dir: UnitDirectory, text: string): string {
  let out = text;
  // From the end, so the offsets of the earlier chips stay valid.
  for (const chip of unitsNotCanonical(dir, text).reverse()) out = out.slice(0, chip.start) + chip.name + out.slice(chip.end);
  return out;
}
