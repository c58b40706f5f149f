/**
 * Presence in the grid through the Yjs awareness: what this tab publishes (its table, cell,
 * selection and whether it is typing) and how the other people's states are read. The server
 * overwrites `user` (the domain's `presenceUserSchema`) in every state; clients add the rest.
 */
import { presenceColorFor, presenceColorSchema, presenceUserRead } from '@phuluc/domain';

export interface PresenceCell {
  tableId: string;
  rowId: string;
  field: string;
}

/** The awareness fields the grid writes for this tab. */
export interface PresenceLocal {
  cell: PresenceCell | null;
  selection: { tableId: string; anchor: { rowId: string; field: string }; focus: { rowId: string; field: string } } | null;
  editing: boolean;
}

/** Another person in this table. */
export interface PresencePeer {
  clientId: number;
  name: string;
  color: string;
  rowId: string;
  field: string;
  editing: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** A colour safe to put in CSS: the state's own when well-formed, else one picked by client id. */
export function presenceColor(raw: unknown, clientId: number): string {
  const color = presenceColorSchema.safeParse(raw);
  return color.success ? color.data : presenceColorFor(clientId);
}

/**
 * The other people whose cursor is in `tableId` (states are read defensively: any client may
 * write anything into its awareness). One entry per client; the tab itself is left out.
 */
export function presencePeers(states: ReadonlyMap<number, unknown>, selfClientId: number, tableId: string): PresencePeer[] {
  const peers: PresencePeer[] = [];
  for (const [clientId, state] of states) {
    if (clientId === selfClientId || !isObject(state)) continue;
    const cell = state.cell;
    if (!isObject(cell) || cell.tableId !== tableId || typeof cell.rowId !== 'string' || typeof cell.field !== 'string') continue;
    const user = presenceUserRead(state.user);
    const name = user?.name?.trim() ? user.name.trim().slice(0, 60) : '?';
    peers.push({
      clientId,
      name,
      color: presenceColor(user?.color, clientId),
      rowId: cell.rowId,
      field: cell.field,
      editing: state.editing === true,
    });
  }
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Peers grouped by row, with a string key per row that changes only when that row's peers do. */
export function presenceByRow(peers: readonly PresencePeer[]): Map<string, { key: string; peers: PresencePeer[] }> {
  const out = new Map<string, { key: string; peers: PresencePeer[] }>();
  for (const peer of peers) {
    const entry = out.get(peer.rowId) ?? { key: '', peers: [] };
    entry.peers.push(peer);
    entry.key += `${peer.clientId}:${peer.field}:${peer.editing ? 1 : 0}:${peer.color}:${peer.name}|`;
    out.set(peer.rowId, entry);
  }
  return out;
}
