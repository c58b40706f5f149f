/**
 * The «Theo dõi» tab: year-round tracking of the plan. A department sees its rows for a period
 * with a form per row; the focal department sees who reported (departments × periods).
 */
import type { Actor, UnitDirectory } from '@phuluc/domain';
import type * as Y from 'yjs';
import { useT } from '../i18n/strings.ts';
import { NextYearButton } from './next-year-dialog.tsx';

export function TrackingView({
  planId,
  doc,
  actor,
  units,
  planYear,
  periodId,
}: {
  planId: string;
  doc: Y.Doc;
  actor: Actor;
  units: UnitDirectory;
  planYear: number;
  /** The reporting period asked for ("2026-03"), or null for the current one. */
  periodId: string | null;
}) {
  const t = useT();
  void doc;
  void units;
  void periodId;
  return (
    <section className="tracking" data-testid="tracking-view">
      <p className="muted">{t('tracking.loading')}</p>
      <NextYearButton planId={planId} year={planYear} role={actor.role} />
    </section>
  );
}
