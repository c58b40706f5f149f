/**
 * A whole document cut into small updates that a Y.Doc can take one at a time, so loading a
 * 5,000-row plan (≈ 107,000 structs, ≈ 200–500 ms in one `applyUpdate`) never blocks the event
 * loop for long: each client's structs in clock order, `maxStructs` at a time (a struct only
 * ever points at structs that existed before it, so a client's earlier structs come first; the
 * largest client — the plan's creation — goes first, the others' edits after it), then the
 * delete set alone. Applied in order, the chunks give exactly the document; should one still
 * reference a struct of a later chunk, Yjs keeps it pending until that chunk arrives.
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
  const chunks: Uint8Array[] = [];
  for (const [client, list] of [...byClient].sort((a, b) => b[1].length - a[1].length)) {
    for (let at = 0; at < list.length; at += maxStructs) chunks.push(structsEncode(client, list.slice(at, at + maxStructs)));
  }
  // Nothing but the delete set: the difference from a state vector that has every struct.
  chunks.push(Y.convertUpdateFormatV2ToV1(Y.diffUpdateV2(stateV2, Y.encodeStateVectorFromUpdateV2(stateV2))));
  return chunks;
}

/** A v1 update of consecutive structs of one client, with an empty delete set. */
function structsEncode(client: number, structs: readonly Y.AbstractStruct[]): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 1);
  encoding.writeVarUint(encoder.restEncoder, structs.length);
  encoder.writeClient(client);
  encoding.writeVarUint(encoder.restEncoder, (structs[0] as Y.AbstractStruct).id.clock);
  for (const struct of structs) struct.write(encoder, 0, 0);
  encoding.writeVarUint(encoder.restEncoder, 0);
  return encoder.toUint8Array();
}
