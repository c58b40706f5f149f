/**
 * A department's report for a period: its rows due in the period across all tables, grouped by
 * table and section, each with its progress form (read only for who may not report it), and a
 * toggle to show the department's other rows too.
 */
import { type Actor, type ProgressPlan, type ProgressRecord, type ReportPeriod, permissionCanWriteProgress, progressIsDue, progressSchedule } from '@phuluc/domain';
import { useState } from 'react';
import type * as Y from 'yjs';
import { linkClick, PATHS } from '../app/router.ts';
import type { TFunction } from '../i18n/strings.ts';
import { ProgressForm } from './progress-form.tsx';
import { periodShow, type TrackingRow } from './use-tracking-data.ts';

export interface DepartmentViewProps {
  t: TFunction;
  planId: string;
  doc: Y.Doc;
  actor: Actor;
  /** The department shown. */
  unitId: string;
  rows: readonly TrackingRow[];
  records: readonly ProgressRecord[];
  period: ReportPeriod;
  periodId: string;
  plan: ProgressPlan;
  today: string;
  tick: number;
}

interface Group {
  key: string;
  tableTitle: string;
  section: string;
  rows: TrackingRow[];
}

function groupsOf(rows: readonly TrackingRow[]): Group[] {
  const groups: Group[] = [];
  for (const row of rows) {
    const key = `${row.tableId}\u0000${row.section}`;
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.rows.push(row);
    else groups.push({ key, tableTitle: row.tableTitle, section: row.section, rows: [row] });
  }
  return groups;
}

export function DepartmentView({ t, planId, doc, actor, unitId, rows, records, period, periodId, plan, today, tick }: DepartmentViewProps) {
  const [showOther, setShowOther] = useState(false);
  const mine = rows.filter((row) => row.owners.includes(unitId));
  const due = new Set(mine.filter((row) => progressIsDue(progressSchedule(row, plan.year), period, plan)).map((row) => row.id));
  const other = mine.length - due.size;
  const shown = showOther ? mine : mine.filter((row) => due.has(row.id));
  const readOnly = !permissionCanWriteProgress(actor, { kind: 'item', owners: [unitId] }).ok;
  let lastTable = '';
  return (
    <div className="tr-department" data-testid="tracking-department">
      <div className="tr-department-bar">
        <span className="tr-count">{t('tracking.rows.count', { count: due.size })}</span>
        {other > 0 ? (
          <label className="tr-toggle">
            <input type="checkbox" checked={showOther} onChange={(e) => setShowOther(e.target.checked)} data-testid="tracking-show-other" />
            {t('tracking.showOther', { count: other })}
          </label>
        ) : null}
        {readOnly ? <span className="tr-readonly">{t('tracking.readOnly')}</span> : null}
        <a className="tr-report-link" href={PATHS.report(planId, periodId, unitId)} onClick={(e) => linkClick(e, PATHS.report(planId, periodId, unitId))} data-testid="tracking-unit-report">
          {t('tracking.unitReport', { period: periodShow(t, period) })}
        </a>
      </div>
      {shown.length === 0 ? <p className="tr-empty">{t('tracking.rows.none', { period: periodShow(t, period) })}</p> : null}
      {groupsOf(shown).map((group) => {
        const tableHeading = group.tableTitle !== lastTable;
        lastTable = group.tableTitle;
        return (
          <section key={group.key} className="tr-group">
            {tableHeading ? <h3 className="tr-table-title">{group.tableTitle}</h3> : null}
            {group.section ? <h4 className="tr-section-title">{group.section}</h4> : null}
            {group.rows.map((row) => {
              const canWrite = permissionCanWriteProgress(actor, { kind: 'item', owners: row.owners }).ok;
              // An editor reports for its own unit; the coordinator for the unit it is looking at.
              const writerUnit = actor.role === 'editor' ? actor.unitId : unitId;
              const writer = canWrite && writerUnit ? { userId: actor.userId, unitId: writerUnit } : null;
              return (
                <ProgressForm
                  key={`${row.id}:${periodId}`}
                  t={t}
                  doc={doc}
                  row={row}
                  periodId={periodId}
                  writer={writer}
                  records={records}
                  today={today}
                  plan={plan}
                  tick={tick}
                  due={due.has(row.id)}
                />
              );
            })}
          </section>
        );
      })}
    </div>
  );
}
