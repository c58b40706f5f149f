/**
 * The Phuluc server for the browser bench, as `phuluc serve --json` runs it, but serving a
 * snapshot of the web build (copied from apps/web/dist-e2e when the bench starts), so that a rebuild
 * of apps/web during the run cannot change the app under test half-way.
 *
 *   node --import tsx bench/browser/serve-snapshot.ts --data DIR --web DIR
 *
 * Prints one JSON line ({ url, port }) once listening; stops on SIGTERM / SIGINT.
 */
import { parseArgs } from 'node:util';
import { serverStart } from '@phuluc/server/src/server.ts';

const { values } = parseArgs({ options: { data: { type: 'string' }, web: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' } } });
if (!values.data || !values.web) throw new Error('usage: serve-snapshot.ts --data DIR --web DIR');
const server = await serverStart({ port: 0, host: values.host, dataDir: values.data, webDir: values.web });
console.log(JSON.stringify({ url: server.url, port: server.port }));
await new Promise<void>((resolve) => {
  process.once('SIGTERM', () => resolve());
  process.once('SIGINT', () => resolve());
});
await server.close();
