/**
 * Awareness messages carry each client's presence (name, unit, colour, current cell). The
 * server rewrites the identity part (`user`, the domain's `presenceUserSchema`) from the
 * session so nobody can appear as someone else, and keeps only the entries for client ids the
 * sending connection speaks for.
 */
import { presenceColorFor, type PresenceUser, presenceUserSchema } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The `user` written into a connection's presence: who the session is, with a stable colour
 * clients may not choose. Parsed with the domain's schema, so it holds exactly the contract's
 * fields whatever record it is built from; throws when they do not meet it.
 */
export function presenceIdentity(who: Omit<PresenceUser, 'color'>): PresenceUser {
  return presenceUserSchema.parse({ ...who, color: presenceColorFor(who.userId) });
}

/** The UTF-8 bytes of the JSON state `null`: an entry that removes a presence. */
const REMOVAL = [0x6e, 0x75, 0x6c, 0x6c];
const utf8 = new TextDecoder();

function isRemoval(raw: Uint8Array): boolean {
  return raw.length === REMOVAL.length && REMOVAL.every((b, i) => raw[i] === b);
}

/**
 * Rewrites an awareness update a connection sent. `speaksFor(clientId, clock, removal)` says
 * whether the connection may speak for an entry's client id (its own; not another connection's,
 * not the removal of an unknown id, not one past its limit); other entries are skipped without
 * their state being decoded, so relaying a thousand removals costs a thousand varint reads. An
 * id named twice is kept once. Each kept state's `user` becomes the session's identity. Returns
 * the new update, the ids kept and how many entries were skipped, or null when the bytes are
 * malformed.
 */
export function awarenessRewrite(
  update: Uint8Array,
  identity: PresenceUser,
  speaksFor: (clientId: number, clock: number, removal: boolean) => boolean,
): { update: Uint8Array; clientIds: number[]; skipped: number } | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const kept = new Map<number, { clock: number; state: string }>();
    let skipped = 0;
    // A count larger than the bytes can hold runs out of bytes and throws below.
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarUint8Array(decoder);
      const removal = isRemoval(raw);
      if (kept.has(clientId) || !speaksFor(clientId, clock, removal)) {
        skipped += 1;
        continue;
      }
      let state = 'null';
      if (!removal) {
        const parsed: unknown = JSON.parse(utf8.decode(raw));
        if (parsed !== null) {
          if (typeof parsed !== 'object' || Array.isArray(parsed)) return null;
          const { user: _ignored, ...rest } = parsed as Record<string, unknown>;
          state = JSON.stringify({ ...rest, user: identity });
        }
      }
      kept.set(clientId, { clock, state });
    }
    if (decoder.pos !== update.length) return null;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kept.size);
    for (const [clientId, e] of kept) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, e.clock);
      encoding.writeVarString(encoder, e.state);
    }
    return { update: encoding.toUint8Array(encoder), clientIds: [...kept.keys()], skipped };
  } catch {
    return null;
  }
}
