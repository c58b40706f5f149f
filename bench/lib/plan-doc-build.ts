/**
 * In-process plan documents for the micro-benchmarks: the server's copy (built the way the
 * server loads a plan: from the stored v2 snapshot, gc on) and a client's copy of the same state.
 */
import { type ItemRow, planDocCreate, planDocImportTable, unitDirectoryDefault, unitsLeading } from '@phuluc/domain';
import * as Y from 'yjs';
import { planTableBuild } from './plan-build.ts';

export interface DocPair {
  server: Y.Doc;
  client: Y.Doc;
  tableId: string;
  snapshotV2: Uint8Array;
}

/** A plan of `items` item rows as the server holds it, and a synced client copy. */
export function docPairBuild(items: number): DocPair {
  const units = unitDirectoryDefault();
  const built = planDocCreate({ commune: 'Tân Thanh', province: 'Tuyên Quang', year: 2026, title: 'Kế hoạch đo', planNumber: '', issuedOn: '' });
  const tableId = planDocImportTable(built, planTableBuild(items), { ownersOf: (row: ItemRow) => unitsLeading(units, row.cells.lead ?? '') });
  const snapshotV2 = Y.encodeStateAsUpdateV2(built);
  built.destroy();
  const server = new Y.Doc({ gc: true });
  Y.applyUpdateV2(server, snapshotV2);
  const client = new Y.Doc();
  Y.applyUpdateV2(client, snapshotV2);
  return { server, client, tableId, snapshotV2 };
}
