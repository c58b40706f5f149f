/**
 * One open plan in this tab: its Y.Doc, kept in IndexedDB (edits made offline survive closing
 * the tab) and synchronised with the server over y-websocket (`/sync/<planId>`, the session
 * cookie authenticates), with presence (awareness) and the "Đã lưu" state from the server's
 * saved-ack (message type 4, see save-tracker.ts).
 *
 * Nothing the server has not acknowledged is ever discarded. Close codes (the server's
 * CLOSE_CODES): 4401 → `onUnauthenticated`; 4403 (an update refused, whole), 4400 (bad message),
 * 4413 (too large) → the local copy is set aside first (held-copy.ts), then the plan's IndexedDB
 * copy is cleared and `onRefused(reason)` called: this connection is dead, the caller opens a new
 * one, which loads the document from the server and, once it has, writes again what the person
 * may still write and reports the rest through `onRecovered` (refusal-recovery.ts). If those
 * edits are refused again before the server acknowledged them, nothing is written again: they are
 * only reported. 4404 → `onNotFound`; 4429 → reconnect a little later; 4503 → `onRightsChanged`
 * and 4509 → nothing: the provider reconnects by itself. Any other close keeps everything.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import { SYNC_CLOSE_CODES, SYNC_MESSAGE } from '@phuluc/domain';
import type { Actor } from '@phuluc/domain';
import * as Y from 'yjs';
import { langCurrent, stringsFor } from '../i18n/strings.ts';
import { heldCopyAppend, heldCopyApplied, heldCopyDelete, heldCopyGet, heldCopyKey, heldCopyPut } from './held-copy.ts';
import type { KeptItem } from './kept-edits.ts';
import { LOCAL_ORIGIN } from './origins.ts';
import { recoveryApply, recoveryPlan } from './refusal-recovery.ts';
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
  saveState: () => SaveState;
  onSaveState: (cb: (s: SaveState) => void) => () => void;
  destroy: () => void;
  /** Resolves once the document has content to show: from IndexedDB or from the server. */
  whenLoaded: Promise<void>;
  /** Whether the server's copy arrived since this connection was opened. */
  syncedOnce: () => boolean;
}

/** What a connection opened after a refusal did with the edits set aside. */
export interface RecoveryResult {
  /** The server's reason for the refusal. */
  reason: string;
  /** Changes written again (to be acknowledged like any edit). */
  written: number;
  /** Text the person may no longer write, to show them. */
  kept: KeptItem[];
  /** Row deletions and moves that may no longer be made. */
  dropped: number;
  /** The edits written again were refused too: this time nothing was written again. */
  again: boolean;
}

export interface PlanConnectionHandlers {
  /** The session is missing or expired (4401): go to the login page. */
  onUnauthenticated: () => void;
  /**
   * The server refused an update (4403) or a message (4400, 4413): the local copy is set aside
   * (nothing is lost) and this connection is dead; open a new one.
   */
  onRefused: (reason: string) => void;
  /** After a refusal, once the server's copy arrived: what was written again and what was kept. */
  onRecovered?: (result: RecoveryResult) => void;
  /** Who the person is now: decides what may be written again after a refusal (null: not known yet). */
  actor: () => Actor | null;
  /** The plan does not exist, or no longer (4404). */
  onNotFound?: () => void;
  /** The person's role or unit changed (4503): the provider reconnects; re-read what the role allows. */
  onRightsChanged?: () => void;
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
  const heldKey = heldCopyKey(planId, user.userId);
  /** A set-aside copy has been looked at (once per connection, after the first sync). */
  let heldChecked = false;
  /** Edits of a set-aside copy were written again: it is forgotten once the server acknowledged them. */
  let awaitingAck = false;

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
    if (!heldChecked) {
      heldChecked = true;
      void recoverHeld();
    }
  });
  tracker.subscribe((state) => {
    if (state !== 'saved' || !awaitingAck || destroyed) return;
    awaitingAck = false;
    void heldCopyDelete(heldKey);
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
        setAsideAndReport(reason);
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

  /**
   * The server refused what this copy holds: set it all aside (durably) before the plan's
   * IndexedDB copy is cleared, then let the caller open a fresh connection.
   */
  function setAsideAndReport(reason: string): void {
    destroyed = true;
    provider.shouldConnect = false;
    doc.off('update', onUpdate);
    const update = Y.encodeStateAsUpdate(doc);
    const setAside = Y.encodeStateVector(doc);
    void heldCopyPut(heldKey, { update, reason, at: Date.now() })
      .then(() => persistence.clearData())
      // Typing goes on in the open editor until the grid is replaced: set that aside too.
      .then(() => heldCopyAppend(heldKey, Y.encodeStateAsUpdate(doc, setAside)))
      .catch(() => undefined)
      .then(() => {
        teardown();
        handlers.onRefused(reason);
      });
  }

  /** Stops everything this connection runs, the document last (its IndexedDB copy is left as it is). */
  function teardown(): void {
    for (const timer of timers) clearTimeout(timer);
    window.removeEventListener('offline', goOffline);
    window.removeEventListener('online', goOnline);
    doc.off('update', onUpdate);
    awareness.setLocalState(null);
    provider.destroy();
    awareness.destroy();
    doc.destroy();
  }

  /** After the first sync: writes again what a set-aside copy holds, as far as the person may. */
  async function recoverHeld(): Promise<void> {
    const held = await heldCopyGet(heldKey);
    const actor = handlers.actor();
    if (!held || !actor || destroyed) return;
    if (held.applied) {
      // Written again already (this tab closed before the server acknowledged): the plan's own
      // IndexedDB copy holds those edits and is sending them now.
      heldSettleWhenSaved();
      return;
    }
    const again = held.attempt >= 2;
    const t = stringsFor(langCurrent());
    const plan = recoveryPlan(doc, held.update, actor, !again, {
      section: t('kept.label.section'),
      comment: t('kept.label.comment'),
      newRow: t('kept.label.newRow'),
      progress: (period, field) => t('kept.label.progress', { period, field: t(`kept.label.progress.${field}`) }),
    });
    const written = recoveryApply(doc, plan, LOCAL_ORIGIN);
    handlers.onRecovered?.({ reason: held.reason, written, kept: plan.kept, dropped: plan.dropped, again });
    if (written > 0) {
      await heldCopyApplied(heldKey);
      heldSettleWhenSaved();
    } else {
      await heldCopyDelete(heldKey);
    }
  }

  /** Forgets the set-aside copy once the server has acknowledged everything (now, or when it does). */
  function heldSettleWhenSaved(): void {
    awaitingAck = tracker.state() !== 'saved';
    if (!awaitingAck) void heldCopyDelete(heldKey);
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
      void persistence.destroy();
      teardown();
    },
  };
}
