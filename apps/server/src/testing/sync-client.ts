/**
 * A stock `y-websocket` client as the sync tests use it (Node's `ws`, no BroadcastChannel, quick
 * reconnects), with the closes it saw, and the saved-acks ([4, n], Phuluc's own message) it asks
 * for and receives. Test-only.
 */
import { SYNC_MESSAGE } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface SyncClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: Array<{ code: number; reason: string }>;
  destroy: () => void;
}

/** Connects to `wsUrl` (…/sync) for `planId` with a session token. */
export function syncClientOpen(wsUrl: string, planId: string, token: string, maxBackoffTime = 200): SyncClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsUrl, planId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
    maxBackoffTime,
  });
  const closes: SyncClient['closes'] = [];
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) });
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The saved-acks a client receives (the number it asked with, and when it came), and a way to ask for one. */
export function savedAcks(provider: WebsocketProvider): { acked: Array<{ n: number; at: number }>; ask: (n: number) => void } {
  const acked: Array<{ n: number; at: number }> = [];
  provider.messageHandlers[SYNC_MESSAGE.savedAck] = (_encoder, decoder) => {
    acked.push({ n: decoding.readVarUint(decoder), at: Date.now() });
  };
  return {
    acked,
    ask(n) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, SYNC_MESSAGE.savedAck);
      encoding.writeVarUint(encoder, n);
      provider.ws?.send(encoding.toUint8Array(encoder));
    },
  };
}
