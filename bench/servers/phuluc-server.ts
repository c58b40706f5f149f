/**
 * Phuluc for the benchmarks: `serverStart` (what `phuluc serve` runs) in its own process, with
 * the memory probe. Prints `{"port": N}` once listening; stops cleanly on SIGTERM.
 *
 *   node --expose-gc --import tsx servers/phuluc-server.ts --data DIR
 */
import { parseArgs } from 'node:util';
import { serverStart } from '@phuluc/server/src/server.ts';
import { memoryProbeInstall } from './memory-probe.ts';

const { values } = parseArgs({ options: { data: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.data) throw new Error('--data DIR is required');
const server = await serverStart({ port: Number(values.port), host: '127.0.0.1', dataDir: values.data });
memoryProbeInstall();
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
