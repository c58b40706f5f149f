/**
 * Awareness messages carry each client's presence (name, unit, colour, current cell). The
 * server rewrites the identity part from the session so nobody can appear as someone else,
 * and drops entries for client ids another connection already owns.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface PresenceIdentity {
  userId: string;
  name: string;
  unit: string | null;
  role: string;
  color: string;
}

const COLORS = ['#d1495b', '#00798c', '#edae49', '#30638e', '#6a4c93', '#2a9d8f', '#e76f51', '#3d5a80', '#8d6a9f', '#588157'];

/** A stable colour for a user (clients may not choose another). */
export function presenceColor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] as string;
}

/**
 * Rewrites an awareness update: each state's `user` becomes the session's identity; entries
 * for client ids owned by someone else are dropped. Returns the new update and the client ids
 * it names, or null when the bytes are malformed.
 */
export function awarenessRewrite(
  update: Uint8Array,
  identity: PresenceIdentity,
  ownedElsewhere: (clientId: number) => boolean,
): { update: Uint8Array; clientIds: number[] } | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > 1000) return null;
    const entries: Array<{ clientId: number; clock: number; state: string }> = [];
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      if (ownedElsewhere(clientId)) continue;
      const parsed: unknown = JSON.parse(raw);
      let state = 'null';
      if (parsed !== null) {
        if (typeof parsed !== 'object' || Array.isArray(parsed)) return null;
        const { user: _ignored, ...rest } = parsed as Record<string, unknown>;
        state = JSON.stringify({ ...rest, user: identity });
      }
      entries.push({ clientId, clock, state });
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, entries.length);
    for (const e of entries) {
      encoding.writeVarUint(encoder, e.clientId);
      encoding.writeVarUint(encoder, e.clock);
      encoding.writeVarString(encoder, e.state);
    }
    return { update: encoding.toUint8Array(encoder), clientIds: entries.map((e) => e.clientId) };
  } catch {
    return null;
  }
}
