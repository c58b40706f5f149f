/**
 * A process that writes to a plan through the SQLite document store as the server does, for
 * the crash tests: it appends small updates one after another (pushing 1, 2, 3… onto the
 * document's `probe` array) and asks for a compaction every `--compact-every` updates without
 * waiting for it. It prints `durable N` once update N is on disk, `compacting S` / `compacted S`
 * around each compaction up to sequence number S. It runs until it is killed. Test-only.
 *
 *   node store-writer-child.mjs --data DIR --plan ID [--compact-every 40]
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { docStoreSqlite } from '../store/doc-store-sqlite.ts';

const { values } = parseArgs({ options: { data: { type: 'string' }, plan: { type: 'string' }, 'compact-every': { type: 'string', default: '40' } } });
if (!values.data || !values.plan) throw new Error('--data and --plan are required');
const planId = values.plan;
const compactEvery = Number(values['compact-every']);
const store = docStoreSqlite(values.data);
const loaded = await store.load(planId);
if (!loaded) throw new Error(`no plan ${planId}`);
const doc = new Y.Doc();
Y.applyUpdateV2(doc, loaded.state);
const probe = doc.getArray<number>('probe');
let lastSeq = loaded.lastSeq;
let compacting = false;
const say = (line: string): void => void process.stdout.write(`${line}\n`);

for (let n = probe.length + 1; ; n += 1) {
  const updates: Uint8Array[] = [];
  const listen = (u: Uint8Array): void => void updates.push(u);
  doc.on('update', listen);
  probe.push([n]);
  doc.off('update', listen);
  const [seq] = await store.append([{ planId, data: updates[0] as Uint8Array, userId: null, at: Date.now(), changes: [] }]);
  lastSeq = seq ?? lastSeq;
  say(`durable ${n}`);
  if (n % compactEvery === 0 && !compacting) {
    compacting = true;
    const upto = lastSeq;
    say(`compacting ${upto}`);
    void store.compact(planId, upto).then(() => {
      compacting = false;
      say(`compacted ${upto}`);
    });
  }
}
