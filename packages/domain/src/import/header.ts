/**
 * Recognising a table's header row by its Vietnamese labels (fields.ts: each field's label and
 * synonyms, templates.ts: each layout's exact labels), and choosing the layout it follows.
 * Labels are compared by key: without diacritics, case, dash or spacing differences, with any
 * four-digit year standing for `{year}`, and one slip of the keyboard forgiven.
 */
import { FIELD_KEYS, FIELDS, type FieldKey, fieldIsKnown } from '../fields.ts';
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from '../templates.ts';
import { textKey, textSlug, textTidy } from '../text.ts';
import { IMPORT_MAX_COLUMNS } from './import-limits.ts';

/** One non-empty cell of a header row and the column it stands for. */
export interface HeaderMatch {
  /** Position of the cell in the row (0-based). */
  index: number;
  /** The source header text, tidied (one line, single spaces). */
  label: string;
  /** A `FieldKey`, or `custom:<slug>` for a label that names no known field. */
  field: string;
  /** True for the STT/TT column: its numbers are recomputed, never imported. */
  number: boolean;
  /** The year written in the label ("Chỉ tiêu phấn đấu năm 2026" → 2026), if any. */
  year?: number;
}

/** Headers longer than this are sentences, not labels: not worth comparing. */
const LABEL_MAX = 200;
/** Keys compared with a typo allowance; shorter ones ("tt", "kpi") must match exactly. */
const FUZZY_MIN = 6;
const FUZZY_MAX = 64;

const YEAR = /(?<!\d)\d{4}(?!\d)/g;
const NUMBER_KEYS = new Set(['stt', 'tt', 'sott', 'sothutu', 'thutu']);

/** A header cell as one tidy line ("Thời gian\nthực hiện" → "Thời gian thực hiện"). */
export function headerLabelTidy(cell: string): string {
  return textTidy(cell.replace(/\s+/g, ' '));
}

/**
 * The key two spellings of one header label share: `textKey`, no spaces around punctuation,
 * no trailing ":" or "*", and every four-digit year written as `{year}`.
 */
export function headerLabelKey(label: string): string {
  return textKey(label.replace(/\s+/g, ' '))
    .replace(/ ?([,;:.()[\]]) ?/g, '$1')
    .replace(/[:*.]+$/, '')
    .replace(YEAR, '{year}');
}

interface LabelIndex {
  exact: Map<string, FieldKey>;
  /** Keys with one character deleted, and at which position, for the typo allowance. */
  deleted: Map<string, Array<{ field: FieldKey; at: number }>>;
}

let labelIndexMemo: LabelIndex | undefined;

function labelIndex(): LabelIndex {
  if (labelIndexMemo) return labelIndexMemo;
  const exact = new Map<string, FieldKey>();
  const add = (label: string, field: FieldKey): void => {
    const key = headerLabelKey(label);
    if (key && !exact.has(key)) exact.set(key, field);
  };
  for (const field of FIELD_KEYS) {
    add(FIELDS[field].label, field);
    for (const synonym of FIELDS[field].synonyms) add(synonym, field);
  }
  for (const id of TEMPLATE_IDS) for (const column of TEMPLATES[id].columns) add(column.label, column.field);
  const deleted = new Map<string, Array<{ field: FieldKey; at: number }>>();
  for (const [key, field] of exact) {
    if (key.length < FUZZY_MIN - 1) continue;
    for (let at = 0; at < key.length; at += 1) {
      const variant = key.slice(0, at) + key.slice(at + 1);
      const list = deleted.get(variant) ?? [];
      list.push({ field, at });
      deleted.set(variant, list);
    }
  }
  labelIndexMemo = { exact, deleted };
  return labelIndexMemo;
}

/**
 * The field a header label names, or undefined. An exact key match wins; otherwise a key one
 * insertion, deletion or substitution away from labels of exactly one field.
 */
export function headerFieldFind(label: string): FieldKey | undefined {
  if (label.length > LABEL_MAX) return undefined;
  const key = headerLabelKey(label);
  const { exact, deleted } = labelIndex();
  const found = exact.get(key);
  if (found || key.length < FUZZY_MIN || key.length > FUZZY_MAX) return found;
  const candidates = new Set<FieldKey>();
  // The label lacks one character of a known label.
  for (const entry of deleted.get(key) ?? []) candidates.add(entry.field);
  for (let at = 0; at < key.length; at += 1) {
    const variant = key.slice(0, at) + key.slice(at + 1);
    // The label has one character too many.
    const extra = exact.get(variant);
    if (extra) candidates.add(extra);
    // One character differs.
    for (const entry of deleted.get(variant) ?? []) if (entry.at === at) candidates.add(entry.field);
  }
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

/** Whether a label heads the STT/TT column ("STT", "TT", "Số TT", "Số thứ tự"). */
export function headerIsNumber(label: string): boolean {
  return NUMBER_KEYS.has(headerLabelKey(label).replace(/[^a-z0-9]/g, ''));
}

function headerYearOf(label: string): number | undefined {
  for (const m of label.matchAll(YEAR)) {
    const year = Number(m[0]);
    if (year >= 1900 && year <= 2199) return year;
  }
  return undefined;
}

/**
 * Reads a candidate header row: one match per non-empty cell. The first STT/TT cell is the
 * number column; a label naming a field already taken, or no field, becomes `custom:<slug>`.
 * `recognized` counts the cells naming a known field or the number column.
 */
export function headerRecognize(cells: readonly string[]): { matches: HeaderMatch[]; recognized: number } {
  const matches: HeaderMatch[] = [];
  const fieldsUsed = new Set<string>();
  let recognized = 0;
  let numberSeen = false;
  cells.forEach((cell, index) => {
    const label = headerLabelTidy(cell);
    if (label === '') return;
    const year = headerYearOf(label);
    const base = year === undefined ? { index, label } : { index, label, year };
    if (!numberSeen && headerIsNumber(label)) {
      numberSeen = true;
      recognized += 1;
      const field = customFieldUnique(label, index, fieldsUsed);
      matches.push({ ...base, field, number: true });
      return;
    }
    const known = headerFieldFind(label);
    if (known && !fieldsUsed.has(known)) {
      fieldsUsed.add(known);
      recognized += 1;
      matches.push({ ...base, field: known, number: false });
      return;
    }
    matches.push({ ...base, field: customFieldUnique(label, index, fieldsUsed), number: false });
  });
  return { matches, recognized };
}

/** `custom:<slug of the label>`, made unique among the fields already used. */
function customFieldUnique(label: string, index: number, used: Set<string>): string {
  const base = `custom:${textSlug(label).slice(0, 60) || `cot-${index + 1}`}`;
  let field = base;
  for (let n = 2; used.has(field); n += 1) field = `${base}-${n}`;
  used.add(field);
  return field;
}

/** The header is looked for in this many first rows of a table (above it: a title, a "PHỤ LỤC" line …). */
export const HEADER_SEARCH_ROWS = 100;

/** How the messages that find no header row say what one looks like ("… không bảng nào có " + this). */
export const HEADER_ROW_HINT =
  'dòng tiêu đề quen thuộc, có ít nhất hai tên cột như “STT”, “Nội dung công việc”, “Đơn vị chủ trì”, “Thời hạn”';

/** A sub-header longer than this is text, not a label. */
const SUB_LABEL_MAX = 60;

/** Whether a cell under a merged header cell reads as a label: short, not a number, not a bullet line. */
function subLabelLooks(label: string): boolean {
  return label.length <= SUB_LABEL_MAX && !/^[\d\s.,%()+\-–•*]*$/.test(label) && !/^[-–+•*]\s/.test(label);
}

/** "Chủ trì" → "chủ trì" inside a longer label; "UBND" stays as written. */
function labelLowerFirst(label: string): string {
  const [first = '', second = ''] = label;
  return second !== '' && second === second.toLocaleLowerCase('vi') ? first.toLocaleLowerCase('vi') + label.slice(first.length) : label;
}

/**
 * The one label of a column under a merged header cell: the top label's first words joined to the
 * sub-label when that names a field ("Cơ quan thực hiện" over "Chủ trì" → "Cơ quan chủ trì"),
 * else the sub-label when it names one ("Phối hợp"), else both ("Kinh phí" over "Ngân sách xã" →
 * "Kinh phí ngân sách xã").
 */
export function headerStackLabel(top: string, sub: string): string {
  const words = top.split(' ');
  const tail = labelLowerFirst(sub);
  for (let n = words.length; n >= 1; n -= 1) {
    const joined = `${words.slice(0, n).join(' ')} ${tail}`;
    if (headerFieldFind(joined)) return joined;
  }
  if (headerFieldFind(sub) || headerIsNumber(sub)) return sub;
  return `${top} ${tail}`;
}

/**
 * Two stacked header rows as one label per column, or undefined when `bottom` is not a row of
 * sub-headers under `top`. Readers lay a merged cell's text in its first slot and "" in the slots
 * it covers (DOCX gridSpan/vMerge, XLSX merged ranges, HTML colspan/rowspan, TSV as pasted), so
 * a merged "Cơ quan thực hiện" over "Chủ trì | Phối hợp" reads as
 *   top    [STT, Nhiệm vụ, Cơ quan thực hiện, "",       Sản phẩm]
 *   bottom ["",  "",       Chủ trì,           Phối hợp, ""]
 * and becomes [STT, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Sản phẩm]. `bottom` qualifies
 * when every label it has sits under a top label followed by blank slots (a horizontal merge),
 * each such group has at least two sub-labels starting in its first slot, and each looks like a
 * label; anything under a single top cell (an item's STT, its task) rules it out.
 */
export function headerStackCombine(top: readonly string[], bottom: readonly string[]): string[] | undefined {
  const width = Math.min(IMPORT_MAX_COLUMNS, Math.max(top.length, bottom.length));
  const topLabel = (k: number): string => headerLabelTidy(top[k] ?? '');
  const subLabel = (k: number): string => headerLabelTidy(bottom[k] ?? '');
  const out: string[] = [];
  let stacked = false;
  for (let k = 0; k < width; ) {
    let end = k + 1;
    while (end < width && topLabel(end) === '') end += 1;
    const label = topLabel(k);
    const subs = Array.from({ length: end - k }, (_, i) => subLabel(k + i));
    const subCount = subs.filter((sub) => sub !== '').length;
    if (subCount === 0) {
      out.push(label, ...subs.slice(1));
    } else {
      if (label === '' || subCount < 2 || subs[0] === '' || !subs.every((sub) => sub === '' || subLabelLooks(sub))) return undefined;
      stacked = true;
      out.push(...subs.map((sub) => (sub === '' ? '' : headerStackLabel(label, sub))));
    }
    k = end;
  }
  return stacked ? out : undefined;
}

/** A table's header: its first row, how many rows it takes (2 for stacked headers), its columns. */
export interface HeaderFound {
  row: number;
  /** 1, or 2 when a row of sub-headers under merged cells follows (`headerStackCombine`). */
  height: number;
  matches: HeaderMatch[];
}

/**
 * The header row of a table, by every reader (TSV, CSV, HTML, DOCX, XLSX): the first of its first
 * HEADER_SEARCH_ROWS rows in whose first IMPORT_MAX_COLUMNS cells at least two labels name a
 * known field or the STT column — with the row below it when that row holds the sub-headers of
 * merged cells and the combined labels name at least as many; undefined when there is none (not
 * an appendix table).
 */
export function headerRowFind(rows: readonly (readonly string[])[]): HeaderFound | undefined {
  for (let r = 0; r < rows.length && r < HEADER_SEARCH_ROWS; r += 1) {
    const cells = (rows[r] ?? []).slice(0, IMPORT_MAX_COLUMNS);
    if (cells.filter((c) => c.trim() !== '').length < 2) continue;
    const found = headerRecognize(cells);
    const below = rows[r + 1];
    const combined = below ? headerStackCombine(cells, below.slice(0, IMPORT_MAX_COLUMNS)) : undefined;
    if (combined) {
      const stacked = headerRecognize(combined);
      if (stacked.recognized >= 2 && stacked.recognized >= found.recognized) return { row: r, height: 2, matches: stacked.matches };
    }
    if (found.recognized >= 2) return { row: r, height: 1, matches: found.matches };
  }
  return undefined;
}

/** The year written in header labels ("Mức theo dõi năm 2026"), if any. */
export function headerYear(headers: readonly HeaderMatch[]): number | undefined {
  return headers.find((h) => h.year !== undefined)?.year;
}

/**
 * The layout a header follows: the template whose exact labels (number column included) the
 * headers repeat most often, then the one whose fields agree best (shared fields count twice,
 * missing and extra ones count against), then the first in TEMPLATE_IDS order.
 */
export function templateDetect(headers: readonly HeaderMatch[]): TemplateId {
  const fields = new Set(headers.filter((h) => !h.number && fieldIsKnown(h.field)).map((h) => h.field));
  let best: TemplateId = TEMPLATE_IDS[0];
  let bestScore: [number, number] = [-1, -Infinity];
  for (const id of TEMPLATE_IDS) {
    const template = TEMPLATES[id];
    const labelKeys = new Map<string, string>(template.columns.map((c) => [c.field, headerLabelKey(c.label)]));
    let exact = 0;
    for (const h of headers) {
      const key = headerLabelKey(h.label);
      if (h.number) {
        if (template.numbering.label !== null && headerLabelKey(template.numbering.label) === key) exact += 1;
      } else if (labelKeys.get(h.field) === key) {
        exact += 1;
      }
    }
    let shared = 0;
    for (const f of labelKeys.keys()) if (fields.has(f)) shared += 1;
    const agreement = 2 * shared - (labelKeys.size - shared) - (fields.size - shared);
    if (exact > bestScore[0] || (exact === bestScore[0] && agreement > bestScore[1])) {
      best = id;
      bestScore = [exact, agreement];
    }
  }
  return best;
}
