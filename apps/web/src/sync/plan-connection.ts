/**
 * One open plan in this tab: its Y.Doc, kept in IndexedDB (edits made offline survive closing
 * the tab) and synchronised with the server over y-websocket (`/sync/<planId>`, the session
 * cookie authenticates), with presence (awareness) and the "Đã lưu" state from the server's
 * saved-ack (message type 4, see save-tracker.ts).
 *
 * Close codes (the server's CLOSE_CODES): 4401 → `onUnauthenticated`; 4403 (an update refused),
 * 4400 (bad message), 4413 (too large) → the local copy (IndexedDB included) is discarded and
 * `onForbidden(reason)` is called: this connection is then dead, the caller opens a new one,
 * which loads the document from the server; 4404 → `onNotFound`; 4429 → reconnect a little
 * later; 4503 → `onRightsChanged` and 4509 → nothing: the provider reconnects by itself.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { SYNC_CLOSE_CODES, SYNC_MESSAGE } from '@phuluc/domain';
import * as Y from 'yjs';
import { SaveTracker, type SaveState } from './save-tracker.ts';

export type { SaveState } from './save-tracker.ts';

/** WebSocket close codes of the sync endpoint (defined once, in the domain). */
export const SYNC_CLOSE = SYNC_CLOSE_CODES;

/** Extra message type of the sync endpoint: [4, n] asks for / answers the saved-ack. */
export const MESSAGE_SAVED_ACK = SYNC_MESSAGE.savedAck;
const MESSAGE_SYNC = SYNC_MESSAGE.sync;
/** After 4429 (too many messages), wait this long before reconnecting. */
const TOO_MANY_RETRY_MS = 5000;
/** Connect to the server after the IndexedDB copy is loaded, or after this long if IndexedDB hangs. */
const IDB_WAIT_MS = 1500;

export interface PlanConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  awareness: Awareness;
  saveState(): SaveState;
  onSaveState(cb: (s: SaveState) => void): () => void;
  destroy(): void;
  /** Resolves once the document has content to show: from IndexedDB or from the server. */
  whenLoaded: Promise<void>;
  /** Whether the server's copy arrived since this connection was opened. */
  syncedOnce(): boolean;
}

export interface PlanConnectionHandlers {
  /** The session is missing or expired (4401): go to the login page. */
  onUnauthenticated(): void;
  /** The server refused an update (4403): the local copy has been discarded; open a new connection. */
  onForbidden(reason: string): void;
  /** The plan does not exist, or no longer (4404). */
  onNotFound?(): void;
  /** The person's role or unit changed (4503): the provider reconnects; re-read what the role allows. */
  onRightsChanged?(): void;
}

/** The IndexedDB database of one plan for one user (two people sharing a browser keep separate copies). */
export function planConnectionDbName(planId: string, userId: string): string {
  return `phuluc:${planId}:${userId}`;
}

/** The sync endpoint of this origin: ws(s)://host/sync (y-websocket appends /<planId>). */
export function syncUrl(origin: string = window.location.origin): string {
  return `${origin.replace(/^http/, 'ws')}/sync`;
}

/** Opens a plan: IndexedDB first, then the server. */
export function planConnectionOpen(planId: string, user: { userId: string }, handlers: PlanConnectionHandlers): PlanConnection {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  awareness.setLocalState({ cell: null, selection: null, editing: false });
  const persistence = new IndexeddbPersistence(planConnectionDbName(planId, user.userId), doc);
  // The server is the only authority: no tab-to-tab shortcut past it (BroadcastChannel).
  const provider = new WebsocketProvider(syncUrl(), planId, doc, { connect: false, awareness, disableBc: true });
  let destroyed = false;
  let syncedOnce = false;
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const tracker = new SaveTracker((n) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SAVED_ACK);
    encoding.writeVarUint(encoder, n);
    const ws = provider.ws;
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(encoding.toUint8Array(encoder));
  });

  // The saved-ack answer.
  provider.messageHandlers[MESSAGE_SAVED_ACK] = (_encoder, decoder) => {
    tracker.ackReceived(decoding.readVarUint(decoder));
  };
  // The server's sync step 1 is answered with what it lacks (edits made offline): ask for an
  // ack right after that answer has been written (onmessage sends it once the handler returns).
  const syncHandler = provider.messageHandlers[MESSAGE_SYNC];
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, prov, emitSynced, messageType) => {
    const step = decoding.peekVarUint(decoder);
    syncHandler?.(encoder, decoder, prov, emitSynced, messageType);
    if (step === syncProtocol.messageYjsSyncStep1) {
      tracker.changed();
      queueMicrotask(() => tracker.flush());
    }
  };

  // Local changes (and content loaded from IndexedDB) go to the server: the provider's own
  // update listener, registered before this one, has sent them when this runs.
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider) return;
    tracker.changed();
    queueMicrotask(() => tracker.flush());
  };
  doc.on('update', onUpdate);

  let resolveLoaded: () => void = () => {};
  const whenLoaded = new Promise<void>((resolve) => {
    resolveLoaded = resolve;
  });

  provider.on('status', ({ status }) => {
    if (status === 'connected') tracker.opened();
  });
  provider.on('sync', (synced: boolean) => {
    if (!synced) return;
    syncedOnce = true;
    tracker.syncedWithServer();
    resolveLoaded();
  });
  provider.on('connection-close', (event) => {
    tracker.disconnected();
    if (!event || destroyed) return;
    const reason = event.reason;
    switch (event.code) {
      case SYNC_CLOSE.unauthenticated:
        handlers.onUnauthenticated();
        return;
      case SYNC_CLOSE.forbidden:
      case SYNC_CLOSE.badMessage:
      case SYNC_CLOSE.tooLarge:
        discardAndReport(reason);
        return;
      case SYNC_CLOSE.unknownPlan:
        handlers.onNotFound?.();
        return;
      case SYNC_CLOSE.tooMany: {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!destroyed) provider.connect();
        }, TOO_MANY_RETRY_MS);
        timers.add(timer);
        return;
      }
      case SYNC_CLOSE.rightsChanged:
        handlers.onRightsChanged?.(); // and the provider reconnects by itself
        return;
      default:
        return; // 1006, 4509…: the provider reconnects by itself
    }
  });
  provider.on('connection-error', () => {
    // A socket that never opened closes next; `connection-close` covers it.
  });

  /** The server refused what this copy holds: forget it everywhere, then let the caller reload. */
  function discardAndReport(reason: string): void {
    destroyed = true;
    provider.shouldConnect = false;
    doc.off('update', onUpdate);
    const cleared = persistence.clearData().catch(() => undefined);
    void cleared.then(() => {
      provider.destroy();
      doc.destroy();
      handlers.onForbidden(reason);
    });
  }

  // A dropped network often leaves the socket open for many seconds: trust the browser's signal.
  const goOffline = () => {
    if (destroyed) return;
    provider.disconnect();
    tracker.disconnected();
  };
  const goOnline = () => {
    if (!destroyed) provider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);

  const connectOnce = () => {
    if (destroyed || provider.shouldConnect) return;
    if (navigator.onLine === false) tracker.disconnected();
    provider.connect();
  };
  void persistence.whenSynced.then(() => {
    if (doc.share.size > 0 && doc.getMap('tables').size > 0) resolveLoaded();
    connectOnce();
  });
  const idbTimer = setTimeout(connectOnce, IDB_WAIT_MS);
  timers.add(idbTimer);

  return {
    doc,
    provider,
    awareness,
    whenLoaded,
    syncedOnce: () => syncedOnce,
    saveState: () => tracker.state(),
    onSaveState: (cb) => tracker.subscribe(cb),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const timer of timers) clearTimeout(timer);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      doc.off('update', onUpdate);
      awareness.setLocalState(null);
      provider.destroy();
      awareness.destroy();
      void persistence.destroy();
      doc.destroy();
    },
  };
}
