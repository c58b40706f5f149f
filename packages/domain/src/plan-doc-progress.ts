/**
 * Progress records in the plan document (DESIGN.md, "The year after signing"): the `progress`
 * root maps a row id to a Y.Map of reporting period id ("2026-03", "2026-Q2") to a Y.Map record:
 *
 *   status        plain string, a `PROGRESS_STATUSES` code
 *   result, evidence, difficulties, value
 *                 Y.Text each, so two people typing in one record merge character by character
 *   unitId, by, at
 *                 plain strings: the department that reported, the user, the ISO time
 *
 * They live in the plan's own document, so they are co-edited live, kept offline and checked by
 * the server's inspection of every update like any other write (`permissionCheckProgressChange`).
 */
import * as Y from 'yjs';
import type { PlanDocLocation } from './plan-doc-locate.ts';
import { PlanDocError, progressPeriodsEnsure, rootMap, rowsMapOf } from './plan-doc-layout.ts';
import { type ProgressRecord, PROGRESS_LIMITS, progressRecordSchema, type ReportingSettings, reportingSettingsSchema, reportPeriodParse } from './progress/model.ts';
import { textApply } from './text-diff.ts';

/** The keys of a record that are Y.Text, with the limit (`PROGRESS_LIMITS`) each is held to. */
export const PROGRESS_TEXT_KEYS = {
  result: 'resultChars',
  evidence: 'evidenceChars',
  difficulties: 'difficultiesChars',
  value: 'valueChars',
} as const satisfies Record<string, keyof typeof PROGRESS_LIMITS>;
/** A text key of a record. */
export type ProgressTextKey = keyof typeof PROGRESS_TEXT_KEYS;

/** The keys of a record that hold a plain string. */
export const PROGRESS_VALUE_KEYS = ['status', 'unitId', 'by', 'at'] as const;
/** A plain key of a record. */
export type ProgressValueKey = (typeof PROGRESS_VALUE_KEYS)[number];

/** True when `key` is a text key of a record. */
export function progressKeyIsText(key: string): key is ProgressTextKey {
  return Object.hasOwn(PROGRESS_TEXT_KEYS, key);
}

/** True when `key` is a plain key of a record. */
export function progressKeyIsValue(key: string): key is ProgressValueKey {
  return (PROGRESS_VALUE_KEYS as readonly string[]).includes(key);
}

/** How many characters a text key of a record may hold; undefined for any other key. */
export function progressTextLimit(key: string): number | undefined {
  return progressKeyIsText(key) ? PROGRESS_LIMITS[PROGRESS_TEXT_KEYS[key]] : undefined;
}

/**
 * Where under the `progress` root a write lands, from the map keys walked down from the root
 * (`path`, null for a step inside a text) and the type found at each step (`kinds`); `key` is the
 * key written (undefined inside a text). Only the shape is checked here: keys and values are the
 * permission check's. Anything deeper or of the wrong kind is `unknown`, which the server refuses.
 */
export function planDocProgressLocate(
  path: ReadonlyArray<string | null>,
  kinds: ReadonlyArray<Y.AbstractType<unknown>>,
  key: string | undefined,
): PlanDocLocation {
  const unknown: PlanDocLocation = { area: 'unknown' };
  const [rowId, periodId, textKey] = path;
  if (path.length === 0) return key === undefined ? unknown : { area: 'progress', rowId: key };
  if (rowId === null || rowId === undefined || !(kinds[0] instanceof Y.Map)) return unknown;
  if (path.length === 1) return key === undefined ? unknown : { area: 'progress', rowId, periodId: key };
  if (periodId === null || periodId === undefined || !(kinds[1] instanceof Y.Map)) return unknown;
  if (path.length === 2) return key === undefined ? unknown : { area: 'progress', rowId, periodId, key };
  // Inside a record's text: characters only (a Y.Text's attributes are keyed too: refused).
  if (path.length === 3 && textKey !== null && textKey !== undefined && kinds[2] instanceof Y.Text && key === undefined) {
    return { area: 'progress', rowId, periodId, key: textKey, inText: true };
  }
  return unknown;
}

/** A record the document holds that does not read as a valid `ProgressRecord`. */
export interface PlanDocProgressProblem {
  rowId: string;
  periodId: string;
  /** Vietnamese: what is wrong with it. */
  message: string;
}

/** The records read from a document, and those that could not be read (reported, never thrown). */
export interface PlanDocProgressReading {
  records: ProgressRecord[];
  problems: PlanDocProgressProblem[];
}

function recordPlain(record: Y.Map<unknown>, rowId: string, periodId: string): Record<string, unknown> {
  const plain: Record<string, unknown> = { rowId, period: periodId };
  for (const key of PROGRESS_VALUE_KEYS) plain[key] = record.get(key);
  for (const key of Object.keys(PROGRESS_TEXT_KEYS)) {
    const text = record.get(key);
    plain[key] = text instanceof Y.Text ? text.toString() : text;
  }
  return plain;
}

/**
 * The progress records of the plan (of one row, and of one period, when given), each checked by
 * `progressRecordSchema`: any client may have written the document, so a record that does not
 * read is listed in `problems` with the reason, and the others are still returned. Ordered by
 * row id, then period id.
 */
export function planDocProgressRead(doc: Y.Doc, rowId?: string, periodId?: string): PlanDocProgressReading {
  const records: ProgressRecord[] = [];
  const problems: PlanDocProgressProblem[] = [];
  const root = rootMap(doc, 'progress');
  const rowIds = rowId === undefined ? [...root.keys()].sort() : root.has(rowId) ? [rowId] : [];
  for (const r of rowIds) {
    const periods = root.get(r);
    if (!(periods instanceof Y.Map)) {
      problems.push({ rowId: r, periodId: periodId ?? '', message: 'Tiến độ của dòng không đúng dạng.' });
      continue;
    }
    const periodIds = periodId === undefined ? [...periods.keys()].sort() : periods.has(periodId) ? [periodId] : [];
    for (const p of periodIds) {
      const record: unknown = periods.get(p);
      if (!(record instanceof Y.Map)) {
        problems.push({ rowId: r, periodId: p, message: 'Bản ghi tiến độ không đúng dạng.' });
        continue;
      }
      const parsed = progressRecordSchema.safeParse(recordPlain(record as Y.Map<unknown>, r, p));
      if (parsed.success) records.push(parsed.data);
      else problems.push({ rowId: r, periodId: p, message: parsed.error.issues[0]?.message ?? 'Bản ghi tiến độ không hợp lệ.' });
    }
  }
  return { records, problems };
}

/** What a write changes in a record: the status and any of its texts (as the whole new text). */
export type ProgressPatch = Partial<Pick<ProgressRecord, 'status' | ProgressTextKey>>;

/** Whether a row exists and is an item row (sections have no progress). */
function itemRowExists(doc: Y.Doc, rowId: string): boolean {
  for (const table of rootMap(doc, 'tables').values()) {
    const row = table instanceof Y.Map ? rowsMapOf(table)?.get(rowId) : undefined;
    if (row instanceof Y.Map) return row.get('kind') !== 'section';
  }
  return false;
}

/**
 * Writes a row's progress for one period, in one transaction: the record is created when missing
 * (with all its texts at once, so one writer creates them: two people creating the same Y.Text
 * would overwrite each other), the status set, each text changed by the smallest edit, and
 * `unitId`, `by`, `at` stamped. Throws `row-missing` for a row that is not an item row of the plan
 * and `period-invalid` for a period id that does not parse. Rights are the caller's (and the
 * server's) to check.
 */
export function planDocProgressWrite(
  doc: Y.Doc,
  rowId: string,
  periodId: string,
  patch: ProgressPatch,
  actor: { userId: string; unitId: string },
  at: string = new Date().toISOString(),
): void {
  if (!itemRowExists(doc, rowId)) throw new PlanDocError('row-missing', `Không tìm thấy dòng nhiệm vụ "${rowId}" để ghi tiến độ.`);
  if (!reportPeriodParse(periodId)) throw new PlanDocError('period-invalid', `Kỳ báo cáo "${periodId}" không hợp lệ.`);
  doc.transact(() => {
    // Rows have it from their creation (layout 2); only a damaged document lacks it here.
    const periodMap = progressPeriodsEnsure(doc, rowId);
    let record: unknown = periodMap.get(periodId);
    if (!(record instanceof Y.Map)) {
      const created = new Y.Map<unknown>();
      created.set('status', patch.status ?? 'not_started');
      for (const key of Object.keys(PROGRESS_TEXT_KEYS)) created.set(key, new Y.Text());
      periodMap.set(periodId, created);
      record = created;
    }
    const map = record as Y.Map<unknown>;
    if (patch.status !== undefined && map.get('status') !== patch.status) map.set('status', patch.status);
    for (const key of Object.keys(PROGRESS_TEXT_KEYS) as ProgressTextKey[]) {
      const text = patch[key];
      if (text === undefined) continue;
      let ytext = map.get(key);
      if (!(ytext instanceof Y.Text)) {
        // Only a record damaged by some client gets here.
        ytext = new Y.Text();
        map.set(key, ytext);
      }
      textApply(ytext as Y.Text, text);
    }
    map.set('unitId', actor.unitId);
    map.set('by', actor.userId);
    map.set('at', at);
  });
}

/** The meta keys of the plan's reporting settings (`ReportingSettings`), written by the coordinator. */
const REPORTING_META_KEYS = ['periodKind', 'reportDueDay', 'consolidationDueDay'] as const satisfies ReadonlyArray<keyof ReportingSettings>;

/**
 * The plan's reporting settings, from `meta` (month, due on the 20th, consolidated by the 25th
 * unless the coordinator chose otherwise). A value some client damaged reads as its default.
 */
export function planDocReadReporting(doc: Y.Doc): ReportingSettings {
  const meta = rootMap(doc, 'meta');
  const settings: Record<string, unknown> = {};
  for (const key of REPORTING_META_KEYS) {
    const value = meta.get(key);
    const one = reportingSettingsSchema.shape[key].safeParse(value);
    if (value !== undefined && one.success) settings[key] = one.data;
  }
  return reportingSettingsSchema.parse(settings);
}

/** Changes the plan's reporting settings (checked by the schema; throws on a bad value). */
export function planDocSetReporting(doc: Y.Doc, patch: Partial<ReportingSettings>): void {
  const next = reportingSettingsSchema.parse({ ...planDocReadReporting(doc), ...patch });
  const meta = rootMap(doc, 'meta');
  doc.transact(() => {
    for (const key of REPORTING_META_KEYS) if (meta.get(key) !== next[key]) meta.set(key, next[key]);
  });
}
