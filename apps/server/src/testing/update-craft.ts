/**
 * Hand-made Yjs updates for tests and fuzzing: the structs of a real update written out again
 * (v1) with a delete set of one's choosing — stripped, duplicated, or naming other content —
 * as an attacker's client could send them; and the update an honest client's change makes.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Ranges of deleted clocks by client, as a v1 update's delete set holds them. */
export type DeleteRanges = Map<number, Array<{ clock: number; len: number }>>;

type AnyStruct = Y.Item | Y.GC | Y.Skip;

/** The structs and delete set of a v1 update. */
export function updateDecode(update: Uint8Array): { structs: AnyStruct[]; ds: DeleteRanges } {
  const decoded = Y.decodeUpdate(update);
  return { structs: decoded.structs, ds: decoded.ds.clients };
}

/** Writes `structs` (contiguous per client) and `ds` as a v1 update. */
export function updateCraft(structs: readonly AnyStruct[], ds: DeleteRanges): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const byClient = new Map<number, AnyStruct[]>();
  for (const s of structs) {
    const list = byClient.get(s.id.client) ?? [];
    list.push(s);
    byClient.set(s.id.client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (list[0] as AnyStruct).id.clock);
    for (const s of list) s.write(encoder, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, ds.size);
  for (const [client, ranges] of ds) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const r of ranges) {
      encoder.writeDsClock(r.clock);
      encoder.writeDsLen(r.len);
    }
  }
  return encoder.toUint8Array();
}

/** The same update without its delete set: only the inserts go out. */
export function updateStripDeletes(update: Uint8Array): Uint8Array {
  return updateCraft(updateDecode(update).structs, new Map());
}

/** The same update with more deleted ranges added to its delete set. */
export function updateAddDeletes(update: Uint8Array, extra: DeleteRanges): Uint8Array {
  const { structs, ds } = updateDecode(update);
  const merged: DeleteRanges = new Map([...ds].map(([client, ranges]) => [client, [...ranges]]));
  for (const [client, ranges] of extra) merged.set(client, [...(merged.get(client) ?? []), ...ranges]);
  return updateCraft(structs, merged);
}

/** The update a client makes with `change`, starting from `doc`'s state (nothing applied to `doc`). */
export function updateBy(doc: Y.Doc, change: (replica: Y.Doc) => void): Uint8Array {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const updates: Uint8Array[] = [];
  replica.on('update', (u: Uint8Array) => updates.push(u));
  change(replica);
  return Y.mergeUpdates(updates);
}
