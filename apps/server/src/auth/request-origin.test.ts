/**
 * A page on another port of the same host (same site, another origin: the SameSite=Lax cookie
 * goes along) must not act with the coordinator's session: on a real listener, its multipart
 * import, its text/plain form, its no-cors fetch and its WebSocket are refused before anything
 * happens, while the app's own pages, an allowed origin, and clients that send no Origin (CLI,
 * the stock y-websocket client in Node) keep working.
 */
import { planDocTableIds, SYNC_MESSAGE } from '@phuluc/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harnessStart } from '../testing/sync-harness.ts';
import { fixtureRead } from '../testing/api-context.ts';
import { requestOriginTrusted, requestSelfOrigins } from './request-origin.ts';

const ALLOWED = 'http://localhost:5173';

let h: Harness;
let self: string;
let foreign: string;
beforeAll(async () => {
  process.env.PHULUC_ALLOWED_ORIGINS = ALLOWED;
  try {
    h = await harnessStart();
  } finally {
    delete process.env.PHULUC_ALLOWED_ORIGINS;
  }
  self = h.url;
  foreign = `http://127.0.0.1:${h.server.port === 65_535 ? 65_534 : h.server.port + 1}`;
});
afterAll(async () => {
  await h?.close();
});

const cookieOf = (person: keyof Harness['tokens']): string => `phuluc_session=${h.tokens[person]}`;

/** What a browser sends along from a page of `origin` on the same host. */
function fromPage(origin: string, person: keyof Harness['tokens'] = 'coordinator'): Record<string, string> {
  const fetchSite = origin === self ? 'same-origin' : 'same-site';
  return { Cookie: cookieOf(person), Origin: origin, 'Sec-Fetch-Site': fetchSite };
}

const tableCount = (): Promise<number> => h.server.ctx.docs.withDoc(h.planId, (doc) => planDocTableIds(doc).length);
const versionCount = async (): Promise<number> => (await h.server.ctx.store.versionsList(h.planId)).length;

function importForm(): FormData {
  const form = new FormData();
  form.set('file', new File([fixtureRead('tan-ky-2026-kpi.tsv')], 'chi-tieu.tsv'));
  return form;
}

async function errorOf(res: Response): Promise<{ code: string; message: string } | undefined> {
  return ((await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null)?.error;
}

/**
 * Opens a WebSocket with these headers and asks for the whole plan (sync step 1 from an empty
 * document); resolves with the HTTP status of a refusal, or what arrived up to the server's
 * sync step 2 (the plan's content).
 */
function wsTry(headers: Record<string, string>, query = ''): Promise<{ status: number | null; planBytes: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${h.wsUrl}/${h.planId}${query}`, { headers });
    let planBytes = 0;
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? null, planBytes });
      res.resume();
      ws.terminate();
    });
    ws.on('open', () => {
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, SYNC_MESSAGE.sync);
      syncProtocol.writeSyncStep1(step1, new Y.Doc());
      ws.send(encoding.toUint8Array(step1));
    });
    ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) !== SYNC_MESSAGE.sync || decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep2) return;
      planBytes += data.byteLength;
      ws.close();
    });
    ws.on('close', () => resolve({ status: null, planBytes }));
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('a page on another port of the same host, with the coordinator’s cookie', () => {
  it('a cross-site multipart import with the coordinator’s cookie creates nothing', async () => {
    const before = await tableCount();
    const res = await fetch(`${self}/api/plans/${h.planId}/tables`, { method: 'POST', headers: fromPage(foreign), body: importForm() });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({ code: 'crossSite', message: 'Yêu cầu đến từ một trang web khác nên đã bị từ chối.' });
    expect(await tableCount()).toBe(before);
  });

  it('a cross-site text/plain form with the coordinator’s cookie saves no version', async () => {
    const before = await versionCount();
    const res = await fetch(`${self}/api/plans/${h.planId}/versions`, {
      method: 'POST',
      headers: { ...fromPage(foreign), 'Content-Type': 'text/plain' },
      body: JSON.stringify({ name: 'Phiên bản giả' }),
    });
    expect(res.status).toBe(403);
    expect(await versionCount()).toBe(before);
  });

  it('a cross-site no-cors fetch with the coordinator’s cookie adds no table', async () => {
    const before = await tableCount();
    const res = await fetch(`${self}/api/plans/${h.planId}/tables`, {
      method: 'POST',
      // What `fetch(url, { mode: 'no-cors', credentials: 'include', body: string })` sends.
      headers: { ...fromPage(foreign), 'Sec-Fetch-Mode': 'no-cors', 'Content-Type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ text: fixtureRead('tan-ky-2026-kpi.tsv') }),
    });
    expect(res.status).toBe(403);
    expect(await tableCount()).toBe(before);
  });

  it('a cross-site request with the admin’s cookie deletes no plan, even with a forged-looking Origin of "null"', async () => {
    for (const headers of [fromPage(foreign, 'admin'), { Cookie: cookieOf('admin'), Origin: 'null' }]) {
      const res = await fetch(`${self}/api/plans/${h.planId}`, { method: 'DELETE', headers });
      expect(res.status).toBe(403);
    }
    expect((await fetch(`${self}/api/plans/${h.planId}`, { headers: { Cookie: cookieOf('admin') } })).status).toBe(200);
  });

  it('a cross-site WebSocket with the coordinator’s cookie is refused with 403 before any plan data', async () => {
    const attempt = await wsTry({ Cookie: cookieOf('coordinator'), Origin: foreign });
    expect(attempt).toEqual({ status: 403, planBytes: 0 });
    // Chromium also says where the page is: same-site is refused even with an Origin of ours.
    expect(await wsTry({ Cookie: cookieOf('coordinator'), Origin: self, 'Sec-Fetch-Site': 'same-site' })).toEqual({ status: 403, planBytes: 0 });
  });
});

describe('what keeps working', () => {
  it('the app’s own page saves a version with its cookie', async () => {
    const res = await fetch(`${self}/api/plans/${h.planId}/versions`, {
      method: 'POST',
      headers: { ...fromPage(self), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Dự thảo từ trang của ứng dụng' }),
    });
    expect(res.status).toBe(201);
  });

  it('an origin allowed by PHULUC_ALLOWED_ORIGINS may act with the cookie, over HTTP and WebSocket', async () => {
    const headers = { Cookie: cookieOf('coordinator'), Origin: ALLOWED, 'Sec-Fetch-Site': 'cross-site' };
    const res = await fetch(`${self}/api/plans/${h.planId}/versions`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Dự thảo từ máy phát triển' }),
    });
    expect(res.status).toBe(201);
    expect((await wsTry(headers)).planBytes).toBeGreaterThan(10_000);
  });

  it('the command line and the stock y-websocket client in Node, which send no Origin', async () => {
    const res = await fetch(`${self}/api/plans/${h.planId}/versions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${h.tokens.coordinator}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Dự thảo từ dòng lệnh' }),
    });
    expect(res.status).toBe(201);
    expect((await wsTry({}, `?token=${h.tokens.viewer}`)).planBytes).toBeGreaterThan(10_000);
    const client = h.client('viewer');
    await client.synced();
    client.destroy();
  });

  it('reading stays open to a link from anywhere (a GET changes nothing)', async () => {
    const res = await fetch(`${self}/api/plans/${h.planId}`, { headers: fromPage(foreign) });
    expect(res.status).toBe(200);
  });
});

describe('requestOriginTrusted', () => {
  const base = { host: '127.0.0.1:8787', https: false, allowedOrigins: [ALLOWED] };

  it('trusts the server’s own origin, an allowed one, and a request with no browser page behind it', () => {
    expect(requestOriginTrusted({ ...base, origin: 'http://127.0.0.1:8787', fetchSite: 'same-origin' })).toBe(true);
    expect(requestOriginTrusted({ ...base, origin: ALLOWED, fetchSite: 'cross-site' })).toBe(true);
    expect(requestOriginTrusted({ ...base, origin: null, fetchSite: null })).toBe(true);
    expect(requestOriginTrusted({ ...base, origin: null, fetchSite: 'none' })).toBe(true);
  });

  it('refuses another port, another scheme down, "null", and a browser saying same-site or cross-site', () => {
    expect(requestOriginTrusted({ ...base, origin: 'http://127.0.0.1:9999', fetchSite: null })).toBe(false);
    expect(requestOriginTrusted({ ...base, origin: 'null', fetchSite: null })).toBe(false);
    expect(requestOriginTrusted({ ...base, origin: null, fetchSite: 'same-site' })).toBe(false);
    expect(requestOriginTrusted({ ...base, origin: 'http://127.0.0.1:8787', fetchSite: 'cross-site' })).toBe(false);
    expect(requestOriginTrusted({ ...base, https: true, origin: 'http://127.0.0.1:8787', fetchSite: null })).toBe(false);
    expect(requestOriginTrusted({ ...base, host: null, origin: 'http://127.0.0.1:8787', fetchSite: null })).toBe(false);
  });

  it('knows the default ports and takes the https origin of a plain-http listener behind a proxy', () => {
    expect(requestSelfOrigins('example.vn:443', true)).toEqual(['https://example.vn']);
    expect(requestSelfOrigins('example.vn', false)).toEqual(['https://example.vn', 'http://example.vn']);
    expect(requestSelfOrigins('evil.vn; script-src *', false)).toEqual([]);
  });
});
