/**
 * Presence hooks: publish this tab's cell, selection and typing state in the awareness, and
 * follow the other people's (re-rendering only when what the grid shows of them changes).
 */
import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { presencePeers } from './presence.ts';
import type { PresenceLocal, PresencePeer } from './presence.ts';

function peersKey(peers: readonly PresencePeer[]): string {
  return peers.map((p) => `${p.clientId}:${p.rowId}:${p.field}:${p.editing ? 1 : 0}:${p.name}:${p.color}`).join('|');
}

/** The other people whose cursor is in this table. */
export function usePresencePeers(awareness: Awareness, tableId: string): PresencePeer[] {
  const [peers, setPeers] = useState<PresencePeer[]>(() => presencePeers(awareness.getStates(), awareness.clientID, tableId));
  useEffect(() => {
    let key = '';
    const update = (): void => {
      const next = presencePeers(awareness.getStates(), awareness.clientID, tableId);
      const nextKey = peersKey(next);
      if (nextKey === key) return;
      key = nextKey;
      setPeers(next);
    };
    update();
    awareness.on('change', update);
    return () => awareness.off('change', update);
  }, [awareness, tableId]);
  return peers;
}

/** Puts this tab's cursor in the awareness; withdraws it when the grid goes away. */
export function usePresencePublish(awareness: Awareness, local: PresenceLocal): void {
  const { cell, selection, editing } = local;
  const json = JSON.stringify({ cell, selection, editing });
  useEffect(() => {
    const value = JSON.parse(json) as PresenceLocal;
    const state = awareness.getLocalState();
    if (state === null) return;
    awareness.setLocalState({ ...state, cell: value.cell, selection: value.selection, editing: value.editing });
  }, [awareness, json]);
  useEffect(
    () => () => {
      const state = awareness.getLocalState();
      if (state !== null) awareness.setLocalState({ ...state, cell: null, selection: null, editing: false });
    },
    [awareness],
  );
}
