/**
 * The whole state of a loaded document, encoded for late joiners and kept current without
 * re-encoding the document: a base encoding (v1, framed as a sync step 2) plus the updates
 * applied since, folded into the base off the event loop when a request finds many. A
 * full-state request is answered with the tail as one update message, then the base: a merge of
 * a few small updates and a buffer reference, whatever the size of the plan.
 */
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SYNC_MESSAGE } from '@phuluc/domain/sync-message';
import type { DocEncoder } from './doc-encoder.ts';

/**
 * The tail is folded into the base when a full-state request finds it longer than this (the
 * next request then gets it cheap), or regardless once it holds this many bytes; while people
 * just edit, nothing is folded (no whole-document work competes with their edits).
 */
const FOLD_WHEN_ASKED_AFTER = 100;
const FOLD_AFTER_BYTES = 1024 * 1024;

export class FullState {
  /** The base as a sync step 2 message, and the encoded update inside it. */
  private baseMessage: Uint8Array | null = null;
  /** The encoding thread's name for the copy of the base it keeps (null: it keeps none). */
  private key: number | null = null;
  private tail: Uint8Array[] = [];
  private tailBytes = 0;
  private folding = false;
  private stopped = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly encoder: DocEncoder | null,
  ) {}

  /**
   * Starts from the base the encoding thread made of the loaded document (a sync step 2 message)
   * and keeps under `key`. Call `follow` after.
   */
  startFrom(key: number, message: Uint8Array): void {
    this.key = key;
    this.baseMessage = message;
  }

  /** From now on every change of the document is added to the tail. */
  follow(): void {
    this.doc.on('update', (update: Uint8Array) => {
      // Without a base, the whole document is encoded when first asked: nothing to keep.
      if (this.stopped || !this.baseMessage) return;
      this.tail.push(update);
      this.tailBytes += update.byteLength;
      if (this.tailBytes >= FOLD_AFTER_BYTES) this.fold();
    });
  }

  /** About how many bytes the messages for a full-state request are (0 when not known yet). */
  get bytes(): number {
    return (this.baseMessage?.byteLength ?? 0) + this.tailBytes;
  }

  /**
   * The messages that give a client the whole document: the tail as an update, then the sync
   * step 2 of the base. In that order, because a client takes the step 2 as "I have everything"
   * (y-websocket's `synced`, after which Phuluc's web app compares its held edits with it): the
   * tail waits in the client's document as pending content until the base arrives with what it
   * builds on, and both are in when the step 2 is.
   */
  messages(): Uint8Array[] {
    if (!this.baseMessage) {
      // No base (no encoding thread, or it failed): encode one here, kept until the tail grows.
      this.baseDrop();
      this.baseMessage = syncStep2Message(Y.encodeStateAsUpdate(this.doc));
    }
    const messages: Uint8Array[] = [];
    if (this.tail.length > 0) messages.push(updateMessage(this.tail.length === 1 ? (this.tail[0] as Uint8Array) : Y.mergeUpdates(this.tail)));
    messages.push(this.baseMessage);
    if (this.tail.length > FOLD_WHEN_ASKED_AFTER) this.fold();
    return messages;
  }

  /** The document is gone: stop following it, and let the encoding thread forget its copy. */
  stop(): void {
    this.stopped = true;
    if (this.key !== null) this.encoder?.forget(this.key).catch(() => undefined);
    this.key = null;
  }

  /** Forgets the base and its tail (the next request encodes the document again). */
  private baseDrop(): void {
    this.baseMessage = null;
    this.tail = [];
    this.tailBytes = 0;
  }

  /**
   * Folds the tail so far into the base, in the encoding thread (which holds its own copy of
   * the base: only the tail crosses over); updates that arrive meanwhile stay in the tail.
   */
  private fold(): void {
    if (!this.encoder || this.key === null) {
      this.baseDrop();
      return;
    }
    if (this.folding) return;
    this.folding = true;
    const folded = this.tail.length;
    this.encoder
      .fold(this.key, this.tail.slice(0, folded))
      .then(
        (message) => {
          if (this.stopped) return;
          this.baseMessage = message;
          const rest = this.tail.slice(folded);
          this.tail = rest;
          this.tailBytes = rest.reduce((n, u) => n + u.byteLength, 0);
        },
        (error: unknown) => console.error('phuluc: could not fold a plan encoding off the event loop (tried again later)', error),
      )
      .finally(() => {
        this.folding = false;
      });
  }
}

/** A sync step 2 message carrying `update`. */
export function syncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_MESSAGE.sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** A sync update message carrying `update`. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC_MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
