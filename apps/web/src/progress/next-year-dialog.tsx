/** «Tạo kế hoạch năm … từ kế hoạch này»: next year's plan from this one, after a preview. */
import type { PlanRole } from '@phuluc/domain';
import { useT } from '../i18n/strings.ts';

export function NextYearButton({ planId, year, role }: { planId: string; year: number; role: PlanRole }) {
  const t = useT();
  void planId;
  if (role !== 'coordinator' && role !== 'admin') return null;
  return (
    <button type="button" className="btn" disabled>
      {t('nextYear.open', { year: year + 1 })}
    </button>
  );
}
