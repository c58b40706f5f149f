/**
 * The reference server for the benchmarks: `@y/websocket-server`'s `setupWSConnection` on a
 * plain HTTP server, no auth, no persistence — what y-websocket users start with. Runs as its
 * own process (so it does not share the load generator's event loop); holds one document,
 * loaded from a file of a v1 update before it listens.
 *
 *   node --expose-gc --import tsx servers/reference-server.ts --doc-name PLAN_ID --doc-file FILE
 *
 * Prints `{"port": N}` on its first stdout line once listening; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { getYDoc, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { memoryProbeInstall } from './memory-probe.ts';

const { values } = parseArgs({ options: { 'doc-name': { type: 'string' }, 'doc-file': { type: 'string' }, port: { type: 'string', default: '0' } } });
const docName = values['doc-name'];
const docFile = values['doc-file'];
if (docName && docFile) Y.applyUpdate(getYDoc(docName), new Uint8Array(readFileSync(docFile)));

const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end('reference y-websocket server\n');
});
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
memoryProbeInstall();
server.listen(Number(values.port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
});
