/**
 * The heading block above an appendix table, read back: the lines an export prints (export-model.ts)
 * and clerks type above the table —
 *
 *   PHỤ LỤC
 *   DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026
 *   (Kèm theo Kế hoạch số 123/KH-UBND ngày 05/11/2026 của UBND xã Tân Thanh)
 *
 * give the table title, the plan number, the date it was issued and the commune. What the heading
 * leaves blank ("…/KH-UBND", "ngày … tháng … năm …", "UBND xã …") is read as blank, never guessed.
 */
import { numberingRoman } from '../numbering.ts';
import { TEMPLATE_IDS, type TemplateId, TEMPLATES, templateTitleForYear } from '../templates.ts';
import type { PlanMeta } from '../plan-doc.ts';
import { textKey } from '../text.ts';

/** What a heading block says; '' for what it does not say. */
export interface ImportHeading {
  /** The table title as printed ("DANH MỤC NHIỆM VỤ … NĂM 2026"; a template's title in its own casing). */
  title: string;
  /** "123/KH-UBND" as written. */
  planNumber: string;
  /** 'YYYY-MM-DD'. */
  issuedOn: string;
  /** As a plan's meta keeps it: "Tân Thanh" for a xã, "Phường An Khánh" otherwise (`exportIssuerText` reversed). */
  commune: string;
}

/** A heading that says nothing. */
export const IMPORT_HEADING_NONE: ImportHeading = { title: '', planNumber: '', issuedOn: '', commune: '' };

/** Only the last lines above a table are its heading (a whole plan's text may come before them). */
const HEADING_LINES = 6;
/** Longer lines are paragraphs of a plan, not a heading. */
const HEADING_LINE_MAX = 250;
/** Title lines read at most (a title broken over two lines). */
const TITLE_LINES = 2;

const APPENDIX_LINE = new RegExp(`^phu luc(?: (?:so )?(?:\\d{1,2}|${Array.from({ length: 12 }, (_, k) => numberingRoman(k + 1).toLowerCase()).join('|')}|[a-z]))?[.:]?$`);
const SKIPPED_LINE = /^(?:du thao|\(?tiep theo\)?|[-–—]?\s*\d{1,3}\s*[-–—]?|trang \d{1,3})$/;
const ATTACHED = /kem theo/;
const PLAN_NUMBER = /kế\s*hoạch\s+số\s*:?\s*([^\s,;)]+)/iu;
const DATE = /ngày\s+(\d{1,2})\s*(?:[/.-]|\s+tháng\s+)\s*(\d{1,2})\s*(?:[/.-]|\s+năm\s+)\s*(\d{4})/iu;
const ISSUER = /(?:của\s+)?(?:UBND|Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân)\s+(xã|phường|đặc\s+khu|thị\s+trấn)\s+([^)]*?)\s*\)?\s*$/iu;

/** "123/KH-UBND"; '' for the blanks of an unissued plan ("…/KH-UBND", "..."). */
function planNumberOf(line: string): string {
  const number = PLAN_NUMBER.exec(line)?.[1] ?? '';
  return /\d/.test(number) ? number : '';
}

/** 'YYYY-MM-DD' of "ngày 05/11/2026" or "ngày 5 tháng 11 năm 2026"; '' when a part is blank or no date. */
function issuedOnOf(line: string): string {
  const m = DATE.exec(line);
  if (!m) return '';
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return '';
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** "UBND xã Tân Thanh" → "Tân Thanh", "UBND phường An Khánh" → "Phường An Khánh", "UBND xã …" → ''. */
function communeOf(line: string): string {
  const m = ISSUER.exec(line);
  const name = (m?.[2] ?? '').trim();
  if (!m || !/\p{L}/u.test(name)) return '';
  const kind = (m[1] ?? '').replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return kind === 'xã' ? name : `${kind.charAt(0).toLocaleUpperCase('vi')}${kind.slice(1)} ${name}`;
}

/** A template's title without its year ("Danh mục nhiệm vụ năm {year}" → "Danh mục nhiệm vụ"). */
export function templateTitleWithoutYear(id: TemplateId): string {
  return TEMPLATES[id].title.replace(/\s*năm\s*\{year\}/, '').replace('{year}', '').trim();
}

/** A template's title when the printed one is it in capitals ("DANH MỤC NHIỆM VỤ NĂM 2026"); else as printed. */
function titleCased(title: string): string {
  const key = textKey(title);
  const year = /(?<!\d)(\d{4})(?!\d)/.exec(title)?.[1];
  for (const id of TEMPLATE_IDS) {
    const candidate = year === undefined ? templateTitleWithoutYear(id) : templateTitleForYear(id, Number(year));
    if (textKey(candidate) === key) return candidate;
  }
  return title;
}

/**
 * Reads the heading block among the lines above a table (body paragraphs of a document, rows
 * above the header of a sheet): the "(Kèm theo Kế hoạch số …)" line and the title line(s)
 * between it and "PHỤ LỤC"; without such a line, the line(s) after "PHỤ LỤC". Only the last
 * few lines count, and a draft mark, "(tiếp theo)" or a page number is skipped.
 */
export function importHeadingRead(lines: readonly string[]): ImportHeading {
  const tidy = lines
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '' && !SKIPPED_LINE.test(textKey(line)))
    .slice(-HEADING_LINES);
  const keys = tidy.map(textKey);
  let attached = -1;
  for (let k = keys.length - 1; k >= 0 && attached < 0; k -= 1) if (ATTACHED.test(keys[k] ?? '') && (tidy[k] ?? '').length <= HEADING_LINE_MAX) attached = k;
  let appendix = -1;
  for (let k = (attached < 0 ? keys.length : attached) - 1; k >= 0 && appendix < 0; k -= 1) if (APPENDIX_LINE.test(keys[k] ?? '')) appendix = k;
  if (attached < 0 && appendix < 0) return { ...IMPORT_HEADING_NONE };

  const titleLines = attached >= 0 ? tidy.slice(Math.max(appendix + 1, attached - TITLE_LINES), attached) : tidy.slice(appendix + 1, appendix + 1 + TITLE_LINES);
  const title = titleLines.every((line) => line.length <= HEADING_LINE_MAX) ? titleLines.join(' ') : '';
  const line = attached >= 0 ? (tidy[attached] ?? '') : '';
  return { title: title === '' ? '' : titleCased(title), planNumber: planNumberOf(line), issuedOn: issuedOnOf(line), commune: communeOf(line) };
}

/** True when the heading says anything. */
export function importHeadingIsEmpty(heading: ImportHeading): boolean {
  return heading.title === '' && heading.planNumber === '' && heading.issuedOn === '' && heading.commune === '';
}

/** The plan values a heading can fill in. */
export const IMPORT_HEADING_META_KEYS = ['planNumber', 'issuedOn', 'commune'] as const;
export type ImportHeadingMetaKey = (typeof IMPORT_HEADING_META_KEYS)[number];

/**
 * What an import writes into the plan's meta: the heading's plan number, date and commune where
 * the plan has none yet. A value the plan already has is the plan's own and stays (a file of last
 * year's plan must not renumber this year's).
 */
export function importHeadingMetaPatch(heading: ImportHeading, meta: Pick<PlanMeta, ImportHeadingMetaKey>): Partial<Pick<PlanMeta, ImportHeadingMetaKey>> {
  const patch: Partial<Pick<PlanMeta, ImportHeadingMetaKey>> = {};
  for (const key of IMPORT_HEADING_META_KEYS) if (heading[key] !== '' && meta[key].trim() === '') patch[key] = heading[key];
  return patch;
}
