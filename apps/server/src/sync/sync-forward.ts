/**
 * A sync connection that reached a server which does not own the plan, served through the
 * owner: after the person was authenticated and their membership checked here, the connection is
 * relayed frame by frame to the owner's own sync endpoint, which authenticates the same session
 * again, checks every update and commits it before relaying or acknowledging anything. The relay
 * is one ordered, reliable stream each way: a frame is never dropped without the connection
 * closing, and a client whose connection closes resynchronises from its state vector when it
 * reconnects, so nothing can be skipped silently. When the owner closes (it lost the plan, or
 * died), the client is closed with the owner's reason, or a "reconnect" code.
 */
import { WebSocket } from 'ws';
import type { Metrics } from '../metrics.ts';
import { wsCloseWith } from './close-codes.ts';
import { SyncError } from './sync-error.ts';

/** The header a relayed connection carries: the owner never relays it further (no loops). */
export const FORWARDED_HEADER = 'x-phuluc-forwarded';

/**
 * How often the relay checks that the owner still answers: an owner frozen or cut off without a
 * close would otherwise hold its relayed clients until their own timeouts (30 s for y-websocket).
 */
const OWNER_PING_MS = 2000;

/** Close codes that cannot be sent in a close frame (they only describe how a connection ended). */
const UNSENDABLE = new Set([1005, 1006, 1015]);

/**
 * Relays `client` to the owner at `ownerUrl` (http://host:port); `first` are the frames the
 * client sent before the relay existed. Returns the function that relays each later frame.
 */
export function syncForward(
  client: WebSocket,
  ownerUrl: string,
  planId: string,
  token: string,
  first: readonly Uint8Array[],
  options: { maxPayload: number; metrics: Metrics },
): (frame: Uint8Array) => void {
  const target = `${ownerUrl.replace(/^http/, 'ws')}/sync/${encodeURIComponent(planId)}`;
  const upstream = new WebSocket(target, {
    headers: { authorization: `Bearer ${token}`, [FORWARDED_HEADER]: '1' },
    perMessageDeflate: false,
    maxPayload: options.maxPayload,
    // An owner that accepts the connection but never answers (frozen) is given up on.
    handshakeTimeout: 5000,
  });
  const waiting: Uint8Array[] = [...first];
  let ended = false;
  options.metrics.connectionsForwarded.inc();
  const end = (): void => {
    if (ended) return;
    ended = true;
    clearInterval(pinger);
    options.metrics.connectionsForwarded.dec();
  };

  let answered = true;
  const pinger = setInterval(() => {
    if (upstream.readyState !== WebSocket.OPEN) return;
    if (!answered) {
      upstream.terminate();
      return;
    }
    answered = false;
    upstream.ping();
  }, OWNER_PING_MS);
  pinger.unref();
  upstream.on('pong', () => {
    answered = true;
  });
  upstream.on('open', () => {
    for (const frame of waiting.splice(0)) upstream.send(frame);
  });
  upstream.on('message', (data: Buffer) => {
    if (client.readyState === WebSocket.OPEN) client.send(data);
  });
  upstream.on('close', (code: number, reason: Buffer) => {
    end();
    if (client.readyState !== WebSocket.OPEN) return;
    if (UNSENDABLE.has(code)) wsCloseWith(client, new SyncError('ownerUnreachable'));
    else client.close(code, reason);
  });
  // A failure to connect or a broken relay ends in 'close' above.
  upstream.on('error', () => {});
  client.on('close', () => {
    end();
    if (upstream.readyState === WebSocket.CONNECTING) upstream.terminate();
    else upstream.close();
  });

  return (frame) => {
    if (upstream.readyState === WebSocket.OPEN) upstream.send(frame);
    else if (upstream.readyState === WebSocket.CONNECTING) waiting.push(frame);
  };
}
