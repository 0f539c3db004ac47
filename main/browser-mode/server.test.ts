import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS } from '../../shared/exchange-spec';
import { READ_AHEAD, SLICE } from '../exchange/upload-source';
import { decodeMessage, encodeMessage, uploadSlicePath, type RpcMessage } from '../../shared/rpc-protocol';
import { startAppServices, type AppServices } from '../app-services';
import { buffered, Pool, streamed } from '../lowhaio';
import { startBrowserModeServer, type BrowserModeServer } from './server';

const TOKEN = 'test-token-0123456789abcdef';
let dir: string;
let services: AppServices;
let browser: BrowserModeServer;
const [request, closePool] = Pool({ keepAliveTimeout: 0 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'browser-mode-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Lowhaio Inspector</title><script src="./assets/app.js"></script>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app");');
  services = await startAppServices(join(dir, 'data'), { name: 'Lowhaio Inspector', version: 'test', shell: 'browser', runtime: {}, platform: process.platform });
  browser = await startBrowserModeServer({
    backend: services.backend,
    subscribe: (l) => services.service.subscribe(l),
    exports: { body: (id) => services.service.streamBody(id), raw: (id, direction) => services.service.streamRaw(id, direction) },
    uploads: services.service.uploads,
    rendererDir: renderer,
    token: TOKEN,
  });
});

afterAll(async () => {
  await closePool();
  await browser.close();
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string, headers: Array<[string, string]> = []) {
  const [code, responseHeaders, body] = await request('GET', `${browser.origin}${path}`, { headers });
  const bytes = await buffered(body);
  return { code, headers: responseHeaders, bytes, text: new TextDecoder().decode(bytes) };
}

function connect(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${browser.port}/rpc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function rpc(ws: WebSocket, method: string, params: unknown[] = []): Promise<Extract<RpcMessage, { kind: 'response' }>> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = decodeMessage(data.toString());
      if (message.kind === 'response' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(encodeMessage({ kind: 'request', id, method, params }));
  });
}

const goodHeaders = () => ({ origin: browser.origin, cookie: `inspector_token=${TOKEN}` });

/** POSTs an upload slice as the page does. */
async function postSlice(pullId: string, bytes: Uint8Array, headers: Array<[string, string]> = [['origin', browser.origin], ['cookie', `inspector_token=${TOKEN}`]]) {
  const [code, , body] = await request('POST', `${browser.origin}${uploadSlicePath(pullId)}`, { headers: [...headers, ['content-length', String(bytes.length)]], body: streamed(bytes) });
  return { code, text: new TextDecoder().decode(await buffered(body)) };
}

/** Sends a PUT of an offered file to the demo server and waits for its end event. */
async function uploadExchange(ws: WebSocket, uploadId: string, size: number, batches: ExchangeBatch[]) {
  const sent = await rpc(ws, 'send', [
    {
      method: 'PUT',
      url: `${services.demo.url}/echo`,
      headers: [],
      body: { kind: 'file', file: { via: 'upload', uploadId, name: 'data.bin', size }, framing: 'length', chunkSize: 65536 },
      timeoutMs: DEFAULT_TIMEOUT_MS,
      verifyTls: true,
    },
  ]);
  const id = sent.result as string;
  for (let i = 0; i < 300 && !batches.some((b) => b.exchangeId === id && b.events.some((e) => e.type === 'end')); i++) await new Promise((r) => setTimeout(r, 10));
  return { id, end: batches.filter((b) => b.exchangeId === id).flatMap((b) => b.events).find((e) => e.type === 'end') };
}

describe('browser mode: HTTP', () => {
  it('serves nothing without the token, and says how to get in', async () => {
    const page = await get('/');
    expect(page.code).toBe(403);
    expect(page.text).toMatch(/URL printed when browser mode started/);
    expect((await get('/assets/app.js')).code).toBe(403);
  });

  it('serves the page with the token, sets a strict HttpOnly cookie, a CSP and no CORS header', async () => {
    const page = await get(`/?token=${TOKEN}`);
    expect(page.code).toBe(200);
    expect(page.text).toContain('<title>Lowhaio Inspector</title>');
    const header = (name: string) => page.headers.find(([n]) => n === name)?.[1];
    expect(header('set-cookie')).toBe(`inspector_token=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    expect(header('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers.some(([n]) => n.startsWith('access-control-'))).toBe(false);
    const asset = await get('/assets/app.js', [['cookie', `inspector_token=${TOKEN}`]]);
    expect([asset.code, asset.text]).toEqual([200, 'console.log("app");']);
  });

  it('refuses a wrong token, a foreign Host (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get('/?token=wrong')).code).toBe(403);
    expect((await get(`/?token=${TOKEN}`, [['Host', `evil.example:${browser.port}`]])).code).toBe(421);
    expect((await get(`/%2e%2e/%2e%2e/package.json?token=${TOKEN}`)).code).toBe(404);
  });
});

describe('browser mode: WebSocket', () => {
  it('refuses a foreign Origin, a missing Origin and a missing token', async () => {
    await expect(connect({ origin: 'http://evil.example', cookie: `inspector_token=${TOKEN}` })).rejects.toThrow('refused with 403');
    await expect(connect({ cookie: `inspector_token=${TOKEN}` })).rejects.toThrow('refused with 403');
    await expect(connect({ origin: browser.origin })).rejects.toThrow('refused with 403');
  });

  it('answers InspectorApi calls and streams batches of an exchange sent through it', async () => {
    const ws = await connect(goodHeaders());
    try {
      const demo = await rpc(ws, 'getDemoServer');
      expect(demo.result).toEqual({ url: services.demo.url });
      const batches: ExchangeBatch[] = [];
      ws.on('message', (data: Buffer) => {
        const message = decodeMessage(data.toString());
        if (message.kind === 'batch') batches.push(message.batch);
      });
      const sent = await rpc(ws, 'send', [{ method: 'GET', url: `${services.demo.url}/chunked?count=2&size=4&delay=20`, headers: [], body: { kind: 'none' }, timeoutMs: DEFAULT_TIMEOUT_MS, verifyTls: true }]);
      const id = sent.result as string;
      for (let i = 0; i < 200 && !batches.some((b) => b.events.some((e) => e.type === 'end')); i++) await new Promise((r) => setTimeout(r, 10));
      const events = batches.filter((b) => b.exchangeId === id).flatMap((b) => b.events);
      expect(events.find((e) => e.type === 'response-head')).toMatchObject({ code: 200 });
      const preview = events.find((e) => e.type === 'bytes' && e.direction === 'rx');
      expect(preview?.type === 'bytes' && preview.data).toBeInstanceOf(Uint8Array);
      const bytes = await rpc(ws, 'readBytes', [id, 'rx', 0, 15]);
      expect(new TextDecoder().decode(bytes.result as Uint8Array)).toBe('HTTP/1.1 200 OK');
      const cookie: [string, string] = ['cookie', `inspector_token=${TOKEN}`];
      const body = await get(`/export/${id}/body`, [cookie]);
      // Two chunks of 4 bytes of the demo filler text, without their chunk framing.
      expect([body.code, body.text]).toEqual([200, 'The ck b']);
      expect(body.headers).toContainEqual(['content-disposition', `attachment; filename="${id}-body.bin"`]);
      const raw = await get(`/export/${id}/raw/rx`, [cookie]);
      expect(raw.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n0\r\n\r\n$/);
      expect((await get(`/export/${id}/body`)).code).toBe(403);
      expect((await get('/export/nosuchid1/body', [cookie])).code).toBe(404);
      const unknown = await rpc(ws, 'shutdown');
      expect(unknown.error).toMatchObject({ message: 'unknown method shutdown' });
      const invalid = await rpc(ws, 'send', [{ method: 'GET', url: 'nope', headers: [], body: { kind: 'none' }, timeoutMs: 1000, verifyTls: true }]);
      expect(invalid.error).toMatchObject({ code: 'ERR_INVALID_SPEC', name: 'HttpInvalidRequestError' });
    } finally {
      ws.close();
    }
  });
});

describe('browser mode: uploads', () => {
  it('pulls an offered file slice by slice, a few ahead of what the exchange sends', async () => {
    const ws = await connect(goodHeaders());
    try {
      const file = Buffer.alloc(2 * SLICE + 75_712);
      for (let i = 0; i < file.length; i++) file[i] = i % 251;
      const begun = await rpc(ws, 'beginUpload', [file.length]);
      const uploadId = begun.result as string;
      expect(uploadId).toMatch(/^upload-[0-9a-f]{16}$/);
      const pulls: Array<[number, number]> = [];
      let outstanding = 0;
      let maxOutstanding = 0;
      const batches: ExchangeBatch[] = [];
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const message = decodeMessage(data.toString());
        if (message.kind === 'batch') batches.push(message.batch);
        if (message.kind !== 'upload-pull') return;
        pulls.push([message.offset, message.length]);
        expect(message.pullId).toMatch(/^[A-Za-z0-9_-]{24}$/);
        maxOutstanding = Math.max(maxOutstanding, ++outstanding);
        setTimeout(() => {
          void postSlice(message.pullId, file.subarray(message.offset, message.offset + message.length)).then(({ code }) => {
            outstanding--;
            expect(code).toBe(204);
          });
        }, 2);
      });
      const { id, end } = await uploadExchange(ws, uploadId, file.length, batches);
      expect(end).toMatchObject({ status: 'done' });
      // Slices of SLICE (sent on in 64 KiB chunks), several asked at once, no more than READ_AHEAD bytes.
      expect(pulls).toEqual([
        [0, SLICE],
        [SLICE, SLICE],
        [2 * SLICE, 75_712],
      ]);
      expect(maxOutstanding).toBeGreaterThan(1);
      expect(maxOutstanding).toBeLessThanOrEqual(READ_AHEAD / SLICE);
      const echoed = await get(`/export/${id}/body`, [['cookie', `inspector_token=${TOKEN}`]]);
      const bytes = Buffer.from(echoed.bytes);
      expect(bytes.subarray(bytes.length - file.length).equals(file)).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('takes a slice only from its own origin, for a pull it asked for, of the length it asked for', async () => {
    const ws = await connect(goodHeaders());
    try {
      const uploadId = (await rpc(ws, 'beginUpload', [1000])).result as string;
      const batches: ExchangeBatch[] = [];
      const refusals: Array<[number, string]> = [];
      ws.on('message', (data: Buffer) => {
        const message = decodeMessage(data.toString());
        if (message.kind === 'batch') batches.push(message.batch);
        if (message.kind !== 'upload-pull') return;
        void (async () => {
          const cross = await postSlice(message.pullId, new Uint8Array(1000), [['origin', 'http://evil.example'], ['cookie', `inspector_token=${TOKEN}`]]);
          const noToken = await postSlice(message.pullId, new Uint8Array(1000), [['origin', browser.origin]]);
          const unknown = await postSlice('A'.repeat(24), new Uint8Array(1000));
          refusals.push([cross.code, cross.text], [noToken.code, noToken.text], [unknown.code, unknown.text]);
          const short = await postSlice(message.pullId, new Uint8Array(10));
          refusals.push([short.code, short.text]);
          const again = await postSlice(message.pullId, new Uint8Array(1000));
          refusals.push([again.code, again.text]);
        })();
      });
      const { end } = await uploadExchange(ws, uploadId, 1000, batches);
      expect(refusals.map(([code]) => code)).toEqual([403, 403, 404, 400, 404]);
      expect(refusals[0]![1]).toMatch(/only from the page this server serves/);
      expect(refusals[3]![1]).toMatch(/Expected 1000 bytes, got 10/);
      expect(end).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/page sent 10 bytes for an upload slice of 1000/) } });
    } finally {
      ws.close();
    }
  });

  it('fails the exchange with what the page said when it cannot send a slice', async () => {
    const ws = await connect(goodHeaders());
    try {
      const uploadId = (await rpc(ws, 'beginUpload', [1000])).result as string;
      const batches: ExchangeBatch[] = [];
      ws.on('message', (data: Buffer) => {
        const message = decodeMessage(data.toString());
        if (message.kind === 'batch') batches.push(message.batch);
        if (message.kind === 'upload-pull') ws.send(encodeMessage({ kind: 'upload-error', pullId: message.pullId, message: 'NotReadableError: the file was moved' }));
      });
      const { end } = await uploadExchange(ws, uploadId, 1000, batches);
      expect(end).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/The page could not send the file: NotReadableError: the file was moved/) } });
    } finally {
      ws.close();
    }
  });

  it('closes a WebSocket that sends binary messages', async () => {
    const ws = await connect(goodHeaders());
    const closed = new Promise<number>((resolve) => ws.once('close', (code: number) => resolve(code)));
    ws.send(Uint8Array.of(1, 2, 3));
    expect(await closed).toBe(1003);
  });

  it('fails the exchange, saying why, when the page that offered the file goes away', async () => {
    const ws = await connect(goodHeaders());
    const uploadId = (await rpc(ws, 'beginUpload', [1_000_000])).result as string;
    const watcher = await connect(goodHeaders());
    const batches: ExchangeBatch[] = [];
    watcher.on('message', (data: Buffer) => {
      const message = decodeMessage(data.toString());
      if (message.kind === 'batch') batches.push(message.batch);
    });
    ws.on('message', (data: Buffer) => {
      if (decodeMessage(data.toString()).kind === 'upload-pull') ws.close();
    });
    const sent = await rpc(ws, 'send', [
      {
        method: 'PUT',
        url: `${services.demo.url}/echo`,
        headers: [],
        body: { kind: 'file', file: { via: 'upload', uploadId, name: 'gone.bin', size: 1_000_000 }, framing: 'chunked', chunkSize: 65536 },
        timeoutMs: DEFAULT_TIMEOUT_MS,
        verifyTls: true,
      },
    ]);
    const id = sent.result as string;
    for (let i = 0; i < 300 && !batches.some((b) => b.exchangeId === id && b.events.some((e) => e.type === 'end')); i++) await new Promise((r) => setTimeout(r, 10));
    const end = batches.filter((b) => b.exchangeId === id).flatMap((b) => b.events).find((e) => e.type === 'end');
    expect(end).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/page that offered this upload has closed/) } });
    watcher.close();
  });
});
