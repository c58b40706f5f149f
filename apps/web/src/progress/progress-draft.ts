/**
 * What one person types into one row's progress form for one period, on its way into the live
 * document: values are kept here as typed, written with `planDocProgressWrite` a moment after the
 * last keystroke (and at once on `flush`: blur, period change, unmount), and never dropped.
 *
 * Why the last point needs care: when two people create the same row's record at the same moment,
 * each creates a Y.Map (the row's map of periods, or the period's record); Yjs keeps one of the
 * two and the other, with what its author typed, is gone from every replica. The draft remembers
 * the record map it wrote into; when the document no longer holds that map, it writes what this
 * person typed again into the one that survived — a text the other person wrote is kept, with this
 * person's text after it.
 */
import { type ProgressPatch, type ProgressStatus, type ProgressTextKey, PROGRESS_STATUS_CODES, PROGRESS_TEXT_KEYS, planDocProgressWrite, progressRecordSchema } from '@phuluc/domain';
import * as Y from 'yjs';

/** A record as the document holds it now, read without the schema (a form shows what is there, even half typed). */
export interface ProgressRaw {
  status: ProgressStatus | null;
  result: string;
  evidence: string;
  difficulties: string;
  value: string;
  unitId: string;
  by: string;
  at: string;
}

/** The Y.Map holding a row's record for a period, if any. */
export function progressRecordMap(doc: Y.Doc, rowId: string, periodId: string): Y.Map<unknown> | null {
  const periods = doc.getMap<unknown>('progress').get(rowId);
  if (!(periods instanceof Y.Map)) return null;
  const record: unknown = (periods as Y.Map<unknown>).get(periodId);
  return record instanceof Y.Map ? (record as Y.Map<unknown>) : null;
}

/** A row's record for a period as it stands, or null when there is none. */
export function progressRawRead(doc: Y.Doc, rowId: string, periodId: string): ProgressRaw | null {
  const map = progressRecordMap(doc, rowId, periodId);
  if (!map) return null;
  const text = (key: string): string => {
    const v = map.get(key);
    return v instanceof Y.Text ? v.toString() : typeof v === 'string' ? v : '';
  };
  const status = map.get('status');
  return {
    status: (PROGRESS_STATUS_CODES as readonly unknown[]).includes(status) ? (status as ProgressStatus) : null,
    result: text('result'),
    evidence: text('evidence'),
    difficulties: text('difficulties'),
    value: text('value'),
    unitId: text('unitId'),
    by: text('by'),
    at: text('at'),
  };
}

/** The Vietnamese reason a typed value cannot be written (over its limit, a "javascript:" evidence), or null. */
export function progressFieldError(key: ProgressTextKey, value: string): string | null {
  const check = progressRecordSchema.shape[key].safeParse(value);
  return check.success ? null : (check.error.issues[0]?.message ?? 'Giá trị không hợp lệ.');
}

/** What the draft needs of the person: who writes, for which unit. */
export interface ProgressDraftActor {
  userId: string;
  unitId: string;
}

/** How long after the last keystroke the draft writes. */
export const PROGRESS_DRAFT_DELAY_MS = 400;

/** One person's form for one row and period. Call `dispose` when the form goes (it flushes first). */
export class ProgressDraft {
  /** Values typed and not yet written. */
  private pending: ProgressPatch = {};
  /** Everything this person typed in this form, as last typed: what is written again if their record map is lost. */
  private typed: ProgressPatch = {};
  private written: Y.Map<unknown> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onUpdate = (): void => this.repairIfLost();

  constructor(
    private readonly doc: Y.Doc,
    readonly rowId: string,
    readonly periodId: string,
    private readonly actor: ProgressDraftActor,
    private readonly delayMs: number = PROGRESS_DRAFT_DELAY_MS,
    /** Called when a write throws (a row deleted meanwhile): the message for the person. */
    private readonly onError: (message: string) => void = () => {},
  ) {
    doc.on('afterTransaction', this.onUpdate);
  }

  /** The value of a key as this form shows it: what the person typed and is not yet written, else the document's. */
  shown(key: ProgressTextKey | 'status', raw: ProgressRaw | null): string {
    const mine = this.pending[key];
    if (mine !== undefined) return mine;
    if (key === 'status') return raw?.status ?? '';
    return raw?.[key] ?? '';
  }

  /** True when something typed is not yet in the document. */
  get dirty(): boolean {
    return Object.keys(this.pending).length > 0;
  }

  /** The person typed or chose a value: write it soon (a status at once). */
  set(key: ProgressTextKey | 'status', value: string): void {
    if (key === 'status') {
      this.pending.status = value as ProgressStatus;
      this.typed.status = value as ProgressStatus;
      this.flush();
      return;
    }
    this.pending[key] = value;
    this.typed[key] = value;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  /** Writes what is pending now. A value the schema refuses (see `progressFieldError`) stays pending, shown with its error. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const patch: ProgressPatch = {};
    const keep: ProgressPatch = {};
    for (const [key, value] of Object.entries(this.pending) as Array<[keyof ProgressPatch, string]>) {
      if (key !== 'status' && progressFieldError(key, value) !== null) (keep as Record<string, string>)[key] = value;
      else (patch as Record<string, string>)[key] = value;
    }
    this.pending = keep;
    if (Object.keys(patch).length === 0) return;
    this.write(patch);
  }

  private write(patch: ProgressPatch): void {
    try {
      planDocProgressWrite(this.doc, this.rowId, this.periodId, patch, this.actor);
      this.written = progressRecordMap(this.doc, this.rowId, this.periodId);
    } catch (error) {
      this.onError(error instanceof Error ? error.message : String(error));
    }
  }

  /** After any change: if the record this person wrote into was replaced, write their values into the survivor. */
  private repairIfLost(): void {
    if (this.written === null) return;
    const now = progressRecordMap(this.doc, this.rowId, this.periodId);
    if (now === this.written) return;
    this.written = null;
    if (now === null) return; // removed on purpose (a row deleted): nothing to repair into
    const patch: ProgressPatch = {};
    if (this.typed.status !== undefined && this.pending.status === undefined) patch.status = this.typed.status;
    for (const key of Object.keys(PROGRESS_TEXT_KEYS) as ProgressTextKey[]) {
      const mine = this.typed[key];
      if (mine === undefined || this.pending[key] !== undefined || progressFieldError(key, mine) !== null) continue;
      const theirs = now.get(key);
      const there = theirs instanceof Y.Text ? theirs.toString() : '';
      if (there === mine || there.includes(mine)) continue;
      patch[key] = there.trim() === '' ? mine : `${there}\n${mine}`;
    }
    // Not inside the observer's transaction: write after it.
    queueMicrotask(() => {
      if (Object.keys(patch).length > 0) this.write(patch);
      else this.written = progressRecordMap(this.doc, this.rowId, this.periodId);
    });
  }

  /** Writes what is pending and stops watching the document. */
  dispose(): void {
    this.flush();
    this.doc.off('afterTransaction', this.onUpdate);
  }
}
