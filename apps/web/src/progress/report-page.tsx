/** A period's report, department or consolidated: its preview, the editable parts, DOCX and XLSX. */
import type { ApiUser } from '../app/api.ts';
import { useT } from '../i18n/strings.ts';

export function ReportPage({
  user,
  planId,
  periodId,
  unitId,
  onUnauthenticated,
}: {
  user: ApiUser;
  planId: string;
  periodId: string;
  /** One department's report, or null for the consolidated one. */
  unitId: string | null;
  onUnauthenticated: () => void;
}) {
  const t = useT();
  void user;
  void planId;
  void periodId;
  void unitId;
  void onUnauthenticated;
  return (
    <main className="page-main" data-testid="report-page">
      <p className="muted">{t('report.loading')}</p>
    </main>
  );
}
