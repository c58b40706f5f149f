/**
 * `GET /sync/:planId`: upgrades to a WebSocket speaking the y-websocket protocol. An upgrade
 * from a page of another origin is refused (HTTP 403) before it is one; then the person is
 * authenticated (session cookie, `?token=` or bearer) and their membership checked before any
 * document data is sent; failures close with a named code (4401, 4404 — also for a plan they are
 * not a member of, like the API —, 4429). With several servers, a connection to a plan another
 * server owns is relayed to that server (`sync-forward.ts`).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocketServer, type WebSocket } from 'ws';
import { unitById } from '@phuluc/domain';
import { membershipFor } from '../auth/memberships.ts';
import { headerFirst, requestOriginTrusted } from '../auth/request-origin.ts';
import { sessionFromToken, sessionTokenFromRequest } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { API_ERRORS } from '../errors.ts';
import { planGet } from '../store/plans.ts';
import { presenceIdentity } from './awareness-identity.ts';
import { wsCloseWith } from './close-codes.ts';
import { type DocHub, type EarlyFullState, MESSAGE_SYNC, PlanOwnedElsewhere, type Room } from './doc-hub.ts';
import { SendBudget } from './send-budget.ts';
import { SyncConnection } from './sync-connection.ts';
import { SyncError, type SyncErrorCode } from './sync-error.ts';
import { FORWARDED_HEADER, syncForward } from './sync-forward.ts';
import { SYNC_LIMITS, type SyncLimits } from './sync-limits.ts';

const SYNC_PATH = /^\/sync\/([A-Za-z0-9_-]{1,64})\/?$/;

export interface SyncEndpoint {
  /** Open connections. */
  readonly connections: ReadonlySet<SyncConnection>;
  /** Checks every connection's session and role now (also done every `recheckIntervalMs`). */
  recheck: () => Promise<number>;
  close: () => Promise<void>;
}

/** Whether an upgrade request may become a sync connection as far as its origin goes (`auth/request-origin.ts`). */
function upgradeOriginTrusted(req: IncomingMessage, config: AppContext['config']): boolean {
  const header = (name: string): string | null => {
    const value = req.headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? null;
  };
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
  return requestOriginTrusted({
    origin: header('origin'),
    fetchSite: header('sec-fetch-site'),
    host: (config.trustProxy ? headerFirst(header('x-forwarded-host')) : null) ?? header('host'),
    https: encrypted || (config.trustProxy && headerFirst(header('x-forwarded-proto')) === 'https'),
    allowedOrigins: config.allowedOrigins,
  });
}

/** The state vector of a sync step 1 message, or null for any other message (or garbage). */
function syncStep1StateVector(message: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}

/** Serves the sync endpoint on `server`'s upgrade requests. */
export function syncAttach(server: Server, ctx: AppContext<DocHub>, limits: SyncLimits = SYNC_LIMITS): SyncEndpoint {
  // ws's own payload limit is a backstop; the connection answers oversize frames with 4413 itself.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes * 4, perMessageDeflate: false });
  const connections = new Set<SyncConnection>();
  const alive = new WeakMap<WebSocket, boolean>();
  const tokens = new WeakMap<SyncConnection, string>();
  const budget = new SendBudget(limits);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = SYNC_PATH.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // A page of another origin would get the person's cookie sent along (SameSite=Lax is per site).
    if (!upgradeOriginTrusted(req, ctx.config)) {
      const body = JSON.stringify({ error: { code: 'crossSite', message: API_ERRORS.crossSite.message } });
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      void connectionOpen(ws, req, url, match[1] as string).catch((error: unknown) => {
        console.error('phuluc: sync connection failed', error);
        wsCloseWith(ws, new SyncError('serverError', { cause: error }));
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const connectionOpen = async (ws: WebSocket, req: IncomingMessage, url: URL, planId: string): Promise<void> => {
    const queued: Uint8Array[] = [];
    let queuedBytes = 0;
    let conn: SyncConnection | null = null;
    /** Set when the plan's owner is another server: every frame goes there. */
    let forward: ((frame: Uint8Array) => void) | null = null;
    let closed = false;
    // While the plan loads: who is connecting, and the full-state answer once it exists.
    let userId: string | null = null;
    let early: EarlyFullState | null = null;
    /** Answers a sync step 1 that asks for everything before the plan is whole; true when it did. */
    const earlyAnswer = (message: Uint8Array): boolean => {
      if (!early || !userId || closed) return false;
      const stateVector = syncStep1StateVector(message);
      if (!stateVector || !early.coversNothing(stateVector)) return false;
      const bytes = early.messages.reduce((n, m) => n + m.byteLength, 0);
      if (!budget.take(userId, bytes)) return false; // the connection refuses it later, as always
      for (const m of early.messages) ws.send(m);
      return true;
    };
    const refuse = (code: SyncErrorCode): void => {
      closed = true;
      wsCloseWith(ws, new SyncError(code));
    };
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data: Buffer) => {
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (forward) {
        forward(bytes);
        return;
      }
      if (conn) {
        conn.onMessage(bytes);
        return;
      }
      if (earlyAnswer(bytes)) return;
      queuedBytes += bytes.byteLength;
      if (queuedBytes > limits.maxMessageBytes) refuse('messageTooLarge');
      else queued.push(bytes);
    });
    ws.on('close', () => {
      closed = true;
      if (conn) {
        connections.delete(conn);
        ctx.metrics.wsConnections.set(connections.size);
        conn.onClose();
      }
    });
    ws.on('error', () => ws.terminate());

    const token = sessionTokenFromRequest(req.headers, url.searchParams);
    const session = token ? await sessionFromToken(ctx.sql, token) : null;
    if (!session) return refuse('unauthenticated');
    // A plan one is not a member of is answered like one that does not exist: no way to probe ids.
    const membership = (await planGet(ctx.sql, planId)) ? await membershipFor(ctx.sql, session.userId, planId) : null;
    if (!membership) return refuse('unknownPlan');
    let mine = 0;
    for (const c of connections) if (c.actor.userId === session.userId) mine += 1;
    if (mine >= limits.maxConnectionsPerUser) return refuse('tooManyConnections');

    userId = session.userId;
    const roomLoading = ctx.docs.room(planId);
    // A plan being loaded: a newcomer asking for everything gets it as soon as it is encoded,
    // without waiting for the server's copy to be whole.
    void ctx.docs.fullStateWhileLoading(planId)?.then((answer) => {
      if (!answer || conn) return;
      early = answer;
      const at = queued.findIndex(earlyAnswer);
      if (at >= 0) queuedBytes -= (queued.splice(at, 1)[0] as Uint8Array).byteLength;
    });
    let room: Room | null;
    try {
      room = await roomLoading;
    } catch (error) {
      if (!(error instanceof PlanOwnedElsewhere)) throw error;
      early = null;
      if (closed) return;
      // Relayed once at most: a relayed connection reaching a server that is not the owner
      // either (the plan moved meanwhile) starts over from the client.
      if (req.headers[FORWARDED_HEADER] !== undefined) return refuse('ownerMoved');
      forward = syncForward(ws, error.url, planId, token as string, queued.splice(0), { maxPayload: limits.maxMessageBytes * 4, metrics: ctx.metrics });
      return;
    }
    early = null;
    if (!room) return refuse('unknownPlan');
    if (closed) {
      ctx.docs.leave(room, { clientIds: new Set(), send: () => {}, close: () => {} });
      return;
    }
    const unit = membership.unitId ? (unitById(ctx.units, membership.unitId)?.name ?? membership.unitId) : null;
    conn = new SyncConnection(
      ws,
      { userId: session.userId, role: membership.role, unitId: membership.unitId },
      presenceIdentity({ userId: session.userId, name: session.name, unit, role: membership.role }),
      room,
      ctx.docs,
      ctx.metrics,
      limits,
      budget,
    );
    ctx.docs.join(room, conn);
    tokens.set(conn, token as string);
    connections.add(conn);
    ctx.metrics.wsConnections.set(connections.size);
    conn.start();
    for (const message of queued.splice(0)) conn.onMessage(message);
  };

  /** Closes connections whose session ended or whose rights changed; returns how many. */
  const recheck = async (): Promise<number> => {
    let closed = 0;
    for (const conn of [...connections]) {
      const token = tokens.get(conn);
      const session = token ? await sessionFromToken(ctx.sql, token) : null;
      if (!session) {
        conn.close(new SyncError('sessionExpired'));
        closed += 1;
        continue;
      }
      const membership = await membershipFor(ctx.sql, session.userId, conn.room.planId);
      if (!membership || membership.role !== conn.actor.role || membership.unitId !== conn.actor.unitId) {
        conn.close(new SyncError(membership ? 'rightsChanged' : 'membershipEnded'));
        closed += 1;
      }
    }
    return closed;
  };
  // A recheck that fails (the database unreachable for a moment) closes nobody; the next one tries again.
  const rechecker = setInterval(() => void recheck().catch(() => {}), limits.recheckIntervalMs);
  rechecker.unref();

  const pinger = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, limits.pingIntervalMs);
  pinger.unref();

  return {
    connections,
    recheck,
    async close() {
      clearInterval(pinger);
      clearInterval(rechecker);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) wsCloseWith(ws, new SyncError('serverClosing'));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
