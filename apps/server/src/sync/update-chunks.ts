/**
 * A whole document cut into small updates that a Y.Doc can take one at a time, so loading a
 * 5,000-row plan (≈ 107,000 structs, ≈ 200–500 ms in one `applyUpdate`) never blocks the event
 * loop for long. The structs go out in an order where each comes after what it points at (its
 * left and right origins, its parent): each client's in clock order, taking from a client as
 * long as what its next struct needs is out already, the largest client — the plan's creation —
 * first. A chunk holds at most `maxStructs` of them, then the delete set comes alone. Applied in
 * order, the chunks give exactly the document, and none leaves anything pending.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** The chunks (v1) of a document's state (v2). */
export function updateChunks(stateV2: Uint8Array, maxStructs: number): Uint8Array[] {
  const { structs } = Y.decodeUpdateV2(stateV2);
  const byClient = new Map<number, Y.AbstractStruct[]>();
  for (const struct of structs) {
    // A gap: not the state of a whole document.
    if (struct instanceof Y.Skip) throw new Error('the update has gaps (skips); it cannot be cut into chunks');
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  const clients = [...byClient].sort((a, b) => b[1].length - a[1].length);
  /** Per client: index of its next struct, and the clock up to which its structs are out. */
  const next = new Map<number, number>(clients.map(([client]) => [client, 0]));
  const out = new Map<number, number>();
  const isOut = (id: Y.ID | null): boolean => id === null || (out.get(id.client) ?? 0) > id.clock;
  const ready = (struct: Y.AbstractStruct): boolean =>
    !(struct instanceof Y.Item) || (isOut(struct.origin) && isOut(struct.rightOrigin) && (!(struct.parent instanceof Y.ID) || isOut(struct.parent)));

  const chunks: Uint8Array[] = [];
  let chunk = new Map<number, Y.AbstractStruct[]>();
  let size = 0;
  const flush = (): void => {
    if (size === 0) return;
    chunks.push(structsEncode(chunk));
    chunk = new Map();
    size = 0;
  };
  for (let left = structs.length; left > 0; ) {
    let moved = false;
    for (const [client, list] of clients) {
      let at = next.get(client) ?? 0;
      while (at < list.length && ready(list[at] as Y.AbstractStruct)) {
        const struct = list[at] as Y.AbstractStruct;
        const run = chunk.get(client);
        if (run) run.push(struct);
        else chunk.set(client, [struct]);
        out.set(client, struct.id.clock + struct.length);
        at += 1;
        size += 1;
        left -= 1;
        moved = true;
        if (size >= maxStructs) flush();
      }
      next.set(client, at);
    }
    if (!moved) throw new Error('the update points at structs it does not have; it cannot be cut into chunks');
  }
  flush();
  // Nothing but the delete set: the difference from a state vector that has every struct.
  chunks.push(Y.convertUpdateFormatV2ToV1(Y.diffUpdateV2(stateV2, Y.encodeStateVectorFromUpdateV2(stateV2))));
  return chunks;
}

/** A v1 update of consecutive structs of each client, with an empty delete set. */
function structsEncode(runs: ReadonlyMap<number, readonly Y.AbstractStruct[]>): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.size);
  for (const [client, structs] of runs) {
    encoding.writeVarUint(encoder.restEncoder, structs.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (structs[0] as Y.AbstractStruct).id.clock);
    for (const struct of structs) struct.write(encoder, 0, 0);
  }
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}
