/**
 * Phuluc on PostgreSQL for the memory part of the cluster bench: `serverStart` (what
 * `phuluc serve --database` runs) in its own process, with the bench's memory probe on the IPC
 * channel, so the bench can read the RSS after a full GC. Prints `{"url", "port"}` once
 * listening; stops cleanly on SIGTERM.
 *
 *   node --expose-gc --import tsx cluster/memory-server.ts --data DIR --database postgres://…
 */
import { parseArgs } from 'node:util';
import { serverStart } from '@phuluc/server/src/server.ts';
import { memoryProbeInstall } from '../servers/memory-probe.ts';

const { values } = parseArgs({ options: { data: { type: 'string' }, database: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.data || !values.database) throw new Error('--data DIR and --database URL are required');
const server = await serverStart({ port: Number(values.port), host: '127.0.0.1', dataDir: values.data, databaseUrl: values.database });
memoryProbeInstall();
process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
