/** "Đã lưu" / "Đang đồng bộ…" / "Mất kết nối — thay đổi được giữ trên máy", live. */
import { useEffect, useState } from 'react';
import { type StringKey, useT } from '../i18n/strings.ts';
import type { PlanConnection, SaveState } from '../sync/plan-connection.ts';

const KEYS: Record<SaveState, StringKey> = { saved: 'app.save.saved', syncing: 'app.save.syncing', offline: 'app.save.offline' };

export function useSaveState(conn: PlanConnection | null): SaveState {
  const [state, setState] = useState<SaveState>(() => conn?.saveState() ?? 'syncing');
  useEffect(() => {
    if (!conn) {
      setState('syncing');
      return;
    }
    setState(conn.saveState());
    return conn.onSaveState(setState);
  }, [conn]);
  return state;
}

export function SaveStateBadge({ state }: { state: SaveState }) {
  const t = useT();
  return (
    <span className={`save-state save-${state}`} role="status" aria-live="polite" data-testid="save-state" data-state={state}>
      <span className="save-dot" aria-hidden="true" />
      {t(KEYS[state])}
    </span>
  );
}
