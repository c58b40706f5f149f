/**
 * One WebSocket connection of an authenticated person to one plan: the y-websocket protocol
 * (sync step 1/2, update, awareness, query awareness), with every incoming update inspected
 * and checked against the person's rights before it touches the document.
 */
import { type Actor, PLAN_LIMITS, type PlanChange, type PresenceUser } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { WebSocket } from 'ws';
import type { Metrics } from '../metrics.ts';
import { changesSummarize } from './audit-changes.ts';
import { awarenessRewrite } from './awareness-identity.ts';
import { wsCloseWith } from './close-codes.ts';
import {
  type DocHub,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED_ACK,
  MESSAGE_SYNC,
  type Room,
  type RoomPeer,
} from './doc-hub.ts';
import * as encoding from 'lib0/encoding';
import { updateAuthorize } from './update-authorize.ts';
import type { SendBudget } from './send-budget.ts';
import { SyncError, syncErrorFrom } from './sync-error.ts';
import type { SyncLimits } from './sync-limits.ts';

export class SyncConnection implements RoomPeer {
  readonly clientIds = new Set<number>();
  private tokens: number;
  private lastRefill = Date.now();
  private open = true;
  /** The state vector of the latest sync step 1 not answered yet, and whether one is being answered. */
  private step1Latest: Uint8Array | null = null;
  private step1Answering = false;

  constructor(
    private readonly ws: WebSocket,
    readonly actor: Actor,
    readonly identity: PresenceUser,
    readonly room: Room,
    private readonly hub: DocHub,
    private readonly metrics: Metrics,
    private readonly limits: SyncLimits,
    private readonly budget: SendBudget,
  ) {
    this.tokens = limits.messageBurst;
  }

  /** Greets the client: the server's state vector and who is here. */
  start(): void {
    this.send(this.room.syncStep1());
    const all = this.room.awarenessAll();
    if (all) this.answer(all);
  }

  /**
   * Sends what this connection's own request made the server produce (sync step 2, presence
   * lists), charged to its user's send budget; when the budget is spent the connection is
   * closed with 4429 instead (the web client reconnects a little later).
   */
  private answer(message: Uint8Array): void {
    if (!this.budget.take(this.actor.userId, message.byteLength)) {
      this.budgetSpent();
      return;
    }
    this.send(message);
  }

  private budgetSpent(): void {
    this.metrics.sendBudgetCloses.inc();
    this.close(new SyncError('sendBudgetSpent'));
  }

  /**
   * Answers a sync step 1 with what the client lacks — encoded as the document is now, sent
   * once that much is on disk (nobody receives what is not durable; while the store fails, the
   * answer waits). One answer at a time per connection: requests made meanwhile are answered
   * after it, the latest only.
   */
  private syncStep1Request(stateVector: Uint8Array): void {
    this.step1Latest = stateVector;
    if (this.step1Answering) return;
    this.step1Answering = true;
    this.syncStep1AnswerAll()
      .catch((error: unknown) => {
        console.error('phuluc: could not answer a sync step 1', error);
        this.close(syncErrorFrom(error, 'serverError'));
      })
      .finally(() => {
        this.step1Answering = false;
      });
  }

  private async syncStep1AnswerAll(): Promise<void> {
    for (let stateVector = this.step1Latest; stateVector && this.open; stateVector = this.step1Latest) {
      this.step1Latest = null;
      // Refused before encoding when the budget cannot cover it: a refusal costs nothing.
      if (!this.budget.affords(this.actor.userId, this.room.syncStep2SizeHint(stateVector))) {
        this.budgetSpent();
        return;
      }
      const messages = this.room.syncStep2For(stateVector);
      await this.hub.whenDurable(this.room, this.room.applied);
      for (const message of messages) if (this.open) this.answer(message);
    }
  }

  send(message: Uint8Array): void {
    if (!this.open || this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.close(new SyncError('slowConsumer'));
      return;
    }
    this.ws.send(message);
  }

  /** Closes the connection, telling the client why (the close code of `error.code`). */
  close(error: SyncError): void {
    if (!this.open) return;
    this.open = false;
    wsCloseWith(this.ws, error);
  }

  /** Handles one incoming frame. */
  onMessage(data: Uint8Array): void {
    if (!this.open) return;
    if (data.byteLength > this.limits.maxMessageBytes) {
      this.close(new SyncError('messageTooLarge'));
      return;
    }
    if (!this.rateAllows()) {
      this.close(new SyncError('tooManyMessages'));
      return;
    }
    try {
      this.dispatch(decoding.createDecoder(data));
    } catch (error) {
      // What the decoders throw on garbage is a bad message.
      this.close(syncErrorFrom(error, 'badMessage'));
    }
  }

  private dispatch(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        if (step === syncProtocol.messageYjsSyncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          Y.decodeStateVector(stateVector); // throws on garbage
          this.syncStep1Request(stateVector);
        } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
          this.onUpdate(decoding.readVarUint8Array(decoder));
        } else {
          throw new SyncError('badSyncStep');
        }
        return;
      }
      case MESSAGE_AWARENESS: {
        const rewritten = awarenessRewrite(decoding.readVarUint8Array(decoder), this.identity, (id, clock, removal) =>
          this.awarenessSpeaksFor(id, clock, removal),
        );
        if (!rewritten) throw new SyncError('badPresence');
        if (rewritten.clientIds.length > 0) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, rewritten.update, this);
        return;
      }
      case MESSAGE_QUERY_AWARENESS: {
        const all = this.room.awarenessAll();
        if (all) this.answer(all);
        return;
      }
      case MESSAGE_SAVED_ACK: {
        const n = decoding.readVarUint(decoder);
        // Messages of one connection are handled in order: what came before is applied. Acknowledged
        // once on disk; while the store fails there is no ack (the client keeps "Đang đồng bộ…").
        void this.hub.whenDurable(this.room, this.room.applied).then(() => {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SAVED_ACK);
          encoding.writeVarUint(encoder, n);
          this.send(encoding.toUint8Array(encoder));
        });
        return;
      }
      case MESSAGE_AUTH:
        return; // the client never needs to send one; ignore
      default:
        throw new SyncError('badMessageType', { detail: String(type) });
    }
  }

  /**
   * Whether this connection may speak for a presence entry. Its own ids, yes. Another
   * connection's, no: stock clients relay every presence change they see, removals included
   * (e.g. of states they timed out), so such entries are skipped, never a reason to close. An
   * unknown id is claimed by a new state (not by a removal, nor by an echo of a state that has
   * left, whose clock the room has already seen), up to `maxAwarenessIdsPerConnection`; past it
   * the entry is dropped rather than the connection closed: dropping bounds the room's presence
   * just as well, and an unusual but honest client (tabs relaying each other over a
   * BroadcastChannel) keeps working.
   */
  private awarenessSpeaksFor(clientId: number, clock: number, removal: boolean): boolean {
    const owner = this.room.awarenessOwners.get(clientId);
    if (owner !== undefined) return owner === this;
    if (removal) return false;
    const seen = this.room.awareness.meta.get(clientId);
    if (seen !== undefined && seen.clock >= clock) return false;
    if (this.clientIds.size >= this.limits.maxAwarenessIdsPerConnection) {
      this.metrics.awarenessRefused.inc();
      return false;
    }
    this.clientIds.add(clientId);
    this.room.awarenessOwners.set(clientId, this);
    return true;
  }

  private onUpdate(update: Uint8Array): void {
    this.metrics.updatesReceived.inc();
    if (this.room.bytes + update.byteLength > PLAN_LIMITS.docBytes) {
      this.refuse([], new SyncError('planTooLarge'));
      return;
    }
    const decision = updateAuthorize(this.room.doc, update, this.actor, this.room.clientAuthors);
    if (!decision.ok) {
      this.refuse(decision.changes, decision.error);
      return;
    }
    if (decision.empty) return;
    this.hub.accept(
      this.room,
      update,
      this,
      { userId: this.actor.userId, at: Date.now(), changes: changesSummarize(decision.changes), clients: decision.clients },
      { actor: this.actor, changes: decision.changes },
    );
  }

  /** Drops the whole update, records the attempt, and closes: the client resynchronises. */
  private refuse(changes: readonly PlanChange[], error: SyncError): void {
    this.metrics.updatesRejected.inc();
    this.hub.recordRefusal({ planId: this.room.planId, userId: this.actor.userId, at: Date.now(), reason: error.message, changes: changesSummarize(changes) });
    this.close(error);
  }

  private rateAllows(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.limits.messageBurst, this.tokens + ((now - this.lastRefill) / 1000) * this.limits.messagesPerSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** The connection ended: leave the room. */
  onClose(): void {
    this.open = false;
    this.hub.leave(this.room, this);
  }
}

