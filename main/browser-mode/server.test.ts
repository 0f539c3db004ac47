import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { API_PARAMS } from '../../shared/api-schema';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS } from '../../shared/exchange-spec';
import { decodeMessage, encodeMessage, exportTicketPath, uploadSlicePath } from '../../shared/rpc-protocol';
import type { AppServices } from '../app-services';
import { READ_AHEAD, SLICE } from '../exchange/upload-source';
import { buffered, Pool, streamed } from '../lowhaio';
import { TOKEN_HEADER } from './access';
import { servedBy, startBrowserModeServer, type BrowserModeOptions, type BrowserModeServer } from './server';
import { clientFrame, closed, hello, openSocket, rawHttp, rpc, writeRaw } from './test-support/page-client';
import { startTempApp, type TempApp } from './test-support/temp-app';

const TOKEN = 'test-token-0123456789abcdef';
let app: TempApp;
let services: AppServices;
let browser: BrowserModeServer;
const logged: string[] = [];
const [request, closePool] = Pool({ keepAliveTimeout: 0 });

function serve(extra: Partial<BrowserModeOptions> = {}): Promise<BrowserModeServer> {
  return startBrowserModeServer({
    ...servedBy(services),
    rendererDir: app.rendererDir,
    token: TOKEN,
    log: (line) => logged.push(line),
    ...extra,
  });
}

beforeAll(async () => {
  app = await startTempApp('browser-mode-', {
    'index.html': '<!doctype html><title>Lowhaio Inspector</title><script src="./assets/app.js"></script>',
    'assets/app.js': 'console.log("app");',
  });
  ({ services } = app);
  browser = await serve();
});

afterAll(async () => {
  await closePool();
  await browser.close();
  await app.close();
});

async function get(path: string, headers: Array<[string, string]> = [], server = browser) {
  const [code, responseHeaders, body] = await request('GET', `${server.origin}${path}`, { headers });
  const bytes = await buffered(body);
  return { code, headers: responseHeaders, bytes, text: new TextDecoder().decode(bytes) };
}

const pageHeaders = (server = browser) => ({ origin: server.origin });

/** A WebSocket that has said hello with the token, as the page does. */
async function page(server = browser): Promise<WebSocket> {
  const ws = await openSocket(server.port, pageHeaders(server));
  await hello(ws, TOKEN);
  return ws;
}

/** The server still answers both the page and the API. */
async function stillServing(): Promise<void> {
  expect((await get('/')).code).toBe(200);
  const ws = await page();
  expect((await rpc(ws, 'getAppInfo')).result).toMatchObject({ name: 'Lowhaio Inspector' });
  ws.close();
}

/** POSTs an upload slice as the page does. */
async function postSlice(
  pullId: string,
  bytes: Uint8Array,
  headers: Array<[string, string]> = [
    ['origin', browser.origin],
    [TOKEN_HEADER, TOKEN],
  ],
) {
  const [code, , body] = await request('POST', `${browser.origin}${uploadSlicePath(pullId)}`, {
    headers: [...headers, ['content-length', String(bytes.length)]],
    body: streamed(bytes),
  });
  return { code, text: new TextDecoder().decode(await buffered(body)) };
}

function collectBatches(ws: WebSocket): ExchangeBatch[] {
  const batches: ExchangeBatch[] = [];
  ws.on('message', (data: Buffer) => {
    const message = decodeMessage(data.toString());
    if (message.kind === 'batch') batches.push(message.batch);
  });
  return batches;
}

async function endOf(batches: ExchangeBatch[], id: string) {
  for (let i = 0; i < 500 && !batches.some((b) => b.exchangeId === id && b.events.some((e) => e.type === 'end')); i++)
    await sleep(10);
  return batches
    .filter((b) => b.exchangeId === id)
    .flatMap((b) => b.events)
    .find((e) => e.type === 'end');
}

const uploadSpec = (uploadId: string, size: number, framing: 'length' | 'chunked' = 'length') => ({
  method: 'PUT',
  url: `${services.demo.url}/echo`,
  headers: [],
  body: { kind: 'file', file: { via: 'upload', uploadId, name: 'data.bin', size }, framing, chunkSize: 65536 },
  timeoutMs: DEFAULT_TIMEOUT_MS,
  verifyTls: true,
});

/** Sends a PUT of an offered file to the demo server and waits for its end event. */
async function uploadExchange(ws: WebSocket, uploadId: string, size: number, batches: ExchangeBatch[]) {
  const sent = await rpc(ws, 'send', [uploadSpec(uploadId, size)]);
  const id = sent.result as string;
  return { id, end: await endOf(batches, id) };
}

/** Downloads an export through a ticket, as the page's Save does. */
async function download(ws: WebSocket, id: string, what: 'body' | 'tx' | 'rx') {
  const ticket = (await rpc(ws, 'exportTicket', [id, what])).result as string;
  return { ticket, ...(await get(exportTicketPath(ticket))) };
}

describe('browser mode: HTTP', () => {
  it('serves the page (nothing secret) with a CSP, and never a cookie or a CORS header', async () => {
    const page = await get('/');
    expect(page.code).toBe(200);
    expect(page.text).toContain('<title>Lowhaio Inspector</title>');
    const header = (name: string) => page.headers.find(([n]) => n === name)?.[1];
    expect(header('set-cookie')).toBeUndefined();
    expect(header('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect(page.headers.some(([n]) => n.startsWith('access-control-'))).toBe(false);
    expect((await get('/?token=anything')).headers.some(([n]) => n === 'set-cookie')).toBe(false);
    expect((await get('/assets/app.js')).text).toBe('console.log("app");');
  });

  it('prints a URL whose token is in the fragment, which no request ever carries', () => {
    expect(browser.url).toBe(`${browser.origin}/#token=${TOKEN}`);
  });

  it('refuses a foreign Host (DNS rebinding), two Host headers, and paths outside the renderer', async () => {
    expect((await get('/', [['Host', `evil.example:${browser.port}`]])).code).toBe(421);
    const twice = await rawHttp(
      browser.port,
      `GET / HTTP/1.1\r\nHost: 127.0.0.1:${browser.port}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`,
    );
    expect(twice).toMatch(/^HTTP\/1\.1 400 /);
    expect(twice).toMatch(/exactly one Host header \(RFC 9112 section 3\.2\); this one has 2/);
    const none = await rawHttp(browser.port, 'GET / HTTP/1.0\r\n\r\n');
    expect(none).toMatch(/^HTTP\/1\.1 400 /);
    expect((await get('/%2e%2e/%2e%2e/package.json')).code).toBe(404);
    const [code] = await request('POST', `${browser.origin}/`, { headers: [['content-length', '0']] });
    expect(code).toBe(405);
  });
});

describe('browser mode: hostile input never ends the process', () => {
  it('answers every route with an error, not a crash, and keeps serving', async () => {
    const port = browser.port;
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const answers = [
      // The route that used to throw outside any try (an id the route let through, the store refused).
      await rawHttp(port, `GET /export/abc/raw/tx HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      await rawHttp(port, `GET /export/${'A'.repeat(32)} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      await rawHttp(port, `GET /export/../../../../etc/passwd HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      await rawHttp(
        port,
        `POST /upload/${'A'.repeat(24)} HTTP/1.1\r\n${host}Content-Length: 3\r\nConnection: close\r\n\r\nabc`,
      ),
      await rawHttp(
        port,
        `POST /upload/${'A'.repeat(24)} HTTP/1.1\r\n${host}Origin: ${browser.origin}\r\n${TOKEN_HEADER}: ${TOKEN}\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc`,
      ),
      await rawHttp(port, `GET /%ff%fe HTTP/1.1\r\n${host}Connection: close\r\n\r\n`),
      await rawHttp(port, 'this is not HTTP\r\n\r\n'),
      await rawHttp(port, `GET / HTTP/1.1\r\n${host}X: ${'a'.repeat(100_000)}\r\n\r\n`),
      await rawHttp(
        port,
        `GET /rpc HTTP/1.1\r\n${host}Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: x\r\nOrigin: ${browser.origin}\r\n\r\n`,
      ),
    ];
    for (const answer of answers) expect(answer).toMatch(/^HTTP\/1\.1 4\d\d /);
    expect(answers[0]).toMatch(/^HTTP\/1\.1 404 /);
    expect(answers[3]).toMatch(/^HTTP\/1\.1 403 /);
    expect(answers[4]).toMatch(/^HTTP\/1\.1 404 [\s\S]*No upload slice/);
    await stillServing();
  });

  it('refuses hostile arguments to every API method, saying which, and keeps serving', async () => {
    const ws = await page();
    const hostile: unknown[][] = [
      [null],
      [{}],
      ['../../../etc'],
      [1e300],
      ['x'.repeat(100), 'rx', -1, 2 ** 60],
      [{ toString: 1 }, [], null, true],
    ];
    const methods = Object.keys(API_PARAMS);
    expect(methods.length).toBeGreaterThan(10);
    for (const method of [...methods, 'shutdown', '__proto__', 'constructor']) {
      for (const params of hostile) {
        const answer = await rpc(ws, method, params);
        expect(answer.error, `${method}(${JSON.stringify(params)})`).toMatchObject({
          code: 'ERR_INVALID_ARGUMENT',
          name: 'ApiArgumentError',
        });
      }
    }
    // Params that are not even a list, an id that is not a number: an error answer, the socket stays.
    ws.send(JSON.stringify({ kind: 'request', id: 'x', method: 'getAppInfo', params: 'nope' }));
    expect((await rpc(ws, 'readBytes', ['abcdef', '../../../x', 0, 10])).error?.message).toMatch(
      /readBytes: argument 2: Invalid option: expected one of "tx"\|"rx"/,
    );
    expect((await rpc(ws, 'shutdown')).error?.message).toMatch(/There is no API method "shutdown"/);
    ws.close();
    // Bytes that do not decode close that socket, saying why.
    const broken = await page();
    const shut = closed(broken);
    broken.send(JSON.stringify({ kind: 'request', id: 7, method: 'readBytes', params: [{ $bytes: '!!!' }] }));
    expect(await shut).toEqual([1007, 'not a browser-mode message: invalid base64 character at 0']);
    await stillServing();
  });

  it('closes a WebSocket that breaks the protocol (too large, invalid UTF-8, reserved opcode, binary) and keeps serving', async () => {
    const cases: Array<[string, Buffer, number]> = [
      ['a message over maxPayload', clientFrame(0x1, new Uint8Array(0), 17 * 1024 * 1024), 1009],
      ['invalid UTF-8 in a text frame', clientFrame(0x1, Uint8Array.of(0xc3, 0x28)), 1007],
      ['a reserved opcode', clientFrame(0x3, Uint8Array.of(1)), 1002],
      ['a binary message', clientFrame(0x2, Uint8Array.of(1, 2, 3)), 1003],
      ['text that is not JSON', clientFrame(0x1, new TextEncoder().encode('{nope')), 1007],
    ];
    for (const [what, frame, code] of cases) {
      const ws = await page();
      const shut = closed(ws);
      writeRaw(ws, frame);
      const [gotCode] = await shut;
      // The server's close frame carries its code; where it only drops the connection, ws reports 1006.
      expect([code, 1006], what).toContain(gotCode);
    }
    expect(logged.some((line) => /WebSocket error: .*(Max payload|UTF-8|opcode)/i.test(line))).toBe(true);
    await stillServing();
  });
});

describe('browser mode: the access token', () => {
  it('refuses a foreign or missing Origin at the upgrade', async () => {
    await expect(openSocket(browser.port, { origin: 'http://evil.example' })).rejects.toThrow('refused with 403');
    await expect(openSocket(browser.port, {})).rejects.toThrow('refused with 403');
    await expect(openSocket(browser.port, { origin: `http://127.0.0.1:${browser.port + 1}` })).rejects.toThrow(
      'refused with 403',
    );
  });

  it('answers nothing before a hello with the right token, and says why it closes', async () => {
    const wrong = await openSocket(browser.port, pageHeaders());
    await expect(hello(wrong, 'not-the-token')).rejects.toThrow(
      /4401: This page has no valid access token: open the URL that browser mode printed/,
    );
    const early = await openSocket(browser.port, pageHeaders());
    const shut = closed(early);
    early.send(encodeMessage({ kind: 'request', id: 1, method: 'listHistory', params: [] }));
    expect(await shut).toEqual([4401, 'The first message must be a hello with the access token.']);
    const quick = await serve({ helloTimeoutMs: 100 });
    try {
      const silent = await openSocket(quick.port, pageHeaders(quick));
      expect(await closed(silent)).toEqual([4401, 'No hello with the access token came in time.']);
    } finally {
      await quick.close();
    }
  });

  it('expires: the old token is refused as expired, the new URL works, and open pages keep working', async () => {
    const rotated: string[] = [];
    const short = await serve({ tokenLifetimeMs: 300, onTokenRotated: (url) => rotated.push(url) });
    try {
      const open = await page(short);
      await sleep(400);
      const late = await openSocket(short.port, pageHeaders(short));
      await expect(hello(late, TOKEN)).rejects.toThrow(
        /4401: The access token of this page has expired: open the newest URL/,
      );
      expect(rotated).toHaveLength(1);
      const fresh = new URL(rotated[0]!).hash.replace('#token=', '');
      expect(fresh).not.toBe(TOKEN);
      const again = await openSocket(short.port, pageHeaders(short));
      await hello(again, fresh);
      expect((await rpc(open, 'getDemoServer')).result).toEqual({ url: services.demo.url });
      open.close();
      again.close();
    } finally {
      await short.close();
    }
  });

  it('refuses more WebSockets than it serves at once', async () => {
    const small = await serve({ maxSockets: 2 });
    try {
      const a = await page(small);
      const b = await page(small);
      await expect(openSocket(small.port, pageHeaders(small))).rejects.toThrow('refused with 503');
      a.close();
      await closed(a);
      await sleep(20);
      const c = await page(small);
      b.close();
      c.close();
    } finally {
      await small.close();
    }
  });
});

describe('browser mode: calls and downloads', () => {
  it('answers InspectorApi calls, streams batches, and downloads through one-time tickets', async () => {
    const ws = await page();
    try {
      const demo = await rpc(ws, 'getDemoServer');
      expect(demo.result).toEqual({ url: services.demo.url });
      const batches = collectBatches(ws);
      const sent = await rpc(ws, 'send', [
        {
          method: 'GET',
          url: `${services.demo.url}/chunked?count=2&size=4&delay=20`,
          headers: [],
          body: { kind: 'none' },
          timeoutMs: DEFAULT_TIMEOUT_MS,
          verifyTls: true,
        },
      ]);
      const id = sent.result as string;
      await endOf(batches, id);
      const events = batches.filter((b) => b.exchangeId === id).flatMap((b) => b.events);
      expect(events.find((e) => e.type === 'response-head')).toMatchObject({ code: 200 });
      const preview = events.find((e) => e.type === 'bytes' && e.direction === 'rx');
      expect(preview?.type === 'bytes' && preview.data).toBeInstanceOf(Uint8Array);
      const bytes = await rpc(ws, 'readBytes', [id, 'rx', 0, 15]);
      expect(new TextDecoder().decode(bytes.result as Uint8Array)).toBe('HTTP/1.1 200 OK');
      const body = await download(ws, id, 'body');
      // Two chunks of 4 bytes of the demo filler text, without their chunk framing.
      expect([body.code, body.text]).toEqual([200, 'The ck b']);
      expect(body.headers).toContainEqual(['content-disposition', `attachment; filename="${id}-body.bin"`]);
      // A ticket is good once.
      const reused = await get(exportTicketPath(body.ticket));
      expect([reused.code, reused.text]).toEqual([403, 'This download link is used or expired: press Save again.\n']);
      const raw = await download(ws, id, 'rx');
      expect(raw.text).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n0\r\n\r\n$/);
      expect((await download(ws, 'nosuchid1', 'body')).code).toBe(404);
      expect((await get(`/export/${id}/body`)).code).toBe(404);
      const invalid = await rpc(ws, 'send', [
        { method: 'GET', url: 'nope', headers: [], body: { kind: 'none' }, timeoutMs: 1000, verifyTls: true },
      ]);
      expect(invalid.error).toMatchObject({ code: 'ERR_INVALID_SPEC', name: 'ServiceRefusal', fault: 'caller' });
    } finally {
      ws.close();
    }
  });

  it('reads no path of this machine: a spec naming one is refused, nothing is sent', async () => {
    const ws = await page();
    try {
      const history = ((await rpc(ws, 'listHistory')).result as unknown[]).length;
      const withPath = await rpc(ws, 'send', [
        {
          ...uploadSpec('x', 1),
          body: {
            kind: 'file',
            file: { via: 'path', path: '/etc/passwd', name: 'passwd', size: 1 },
            framing: 'length',
            chunkSize: 65536,
          },
        },
      ]);
      expect(withPath.error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
      expect(withPath.error?.message).toMatch(/argument 1 at \.body\.file/);
      const granted = await rpc(ws, 'send', [
        {
          ...uploadSpec('x', 1),
          body: {
            kind: 'file',
            file: { via: 'path', fileId: 'file-AAAAAAAAAAAAAAAA', name: 'x', size: 1 },
            framing: 'length',
            chunkSize: 65536,
          },
        },
      ]);
      expect(granted.error?.message).toMatch(/Browser mode uploads only files offered by the page/);
      expect(((await rpc(ws, 'listHistory')).result as unknown[]).length).toBe(history);
    } finally {
      ws.close();
    }
  });
});

describe('browser mode: uploads', () => {
  it('pulls an offered file slice by slice, a few ahead of what the exchange sends', async () => {
    const ws = await page();
    try {
      const file = Buffer.alloc(2 * SLICE + 75_712);
      for (let i = 0; i < file.length; i++) file[i] = i % 251;
      const begun = await rpc(ws, 'beginUpload', [file.length]);
      const uploadId = begun.result as string;
      expect(uploadId).toMatch(/^upload-[0-9a-f]{16}$/);
      const pulls: Array<[number, number]> = [];
      let outstanding = 0;
      let maxOutstanding = 0;
      const batches = collectBatches(ws);
      ws.on('message', (data: Buffer) => {
        const message = decodeMessage(data.toString());
        if (message.kind !== 'upload-pull') return;
        pulls.push([message.offset, message.length]);
        expect(message.pullId).toMatch(/^[A-Za-z0-9_-]{24}$/);
        maxOutstanding = Math.max(maxOutstanding, ++outstanding);
        setTimeout(() => {
          void postSlice(message.pullId, file.subarray(message.offset, message.offset + message.length)).then(
            ({ code }) => {
              outstanding--;
              expect(code).toBe(204);
            },
          );
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
      const echoed = Buffer.from((await download(ws, id, 'body')).bytes);
      expect(echoed.subarray(echoed.length - file.length).equals(file)).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('takes a slice only from its own origin, with the token, for a pull it asked for, of the length it asked for', async () => {
    const ws = await page();
    try {
      const uploadId = (await rpc(ws, 'beginUpload', [1000])).result as string;
      const batches = collectBatches(ws);
      const refusals: Array<[number, string]> = [];
      ws.on('message', (data: Buffer) => {
        const message = decodeMessage(data.toString());
        if (message.kind !== 'upload-pull') return;
        void (async () => {
          const cross = await postSlice(message.pullId, new Uint8Array(1000), [
            ['origin', 'http://evil.example'],
            [TOKEN_HEADER, TOKEN],
          ]);
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
      expect(refusals[1]![1]).toMatch(/no valid access token/);
      expect(refusals[3]![1]).toMatch(/Expected 1000 bytes, got 10/);
      expect(end).toMatchObject({
        status: 'error',
        error: { message: expect.stringMatching(/page sent 10 bytes for an upload slice of 1000/) },
      });
    } finally {
      ws.close();
    }
  });

  it('binds an upload to the page that offered it: another page cannot send it', async () => {
    const owner = await page();
    const other = await page();
    try {
      const uploadId = (await rpc(owner, 'beginUpload', [1000])).result as string;
      const stolen = await rpc(other, 'send', [uploadSpec(uploadId, 1000)]);
      expect(stolen.error).toMatchObject({ code: 'ERR_UPLOAD_NOT_YOURS' });
      expect(stolen.error?.message).toMatch(/was not offered by this page/);
    } finally {
      owner.close();
      other.close();
    }
  });

  it('keeps at most maxUploadsPerPage offers per page, forgetting the oldest', async () => {
    const small = await serve({ maxUploadsPerPage: 2 });
    const ws = await page(small);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await rpc(ws, 'beginUpload', [10])).result as string);
      expect((await rpc(ws, 'send', [uploadSpec(ids[0]!, 10)])).error).toMatchObject({ code: 'ERR_UPLOAD_NOT_YOURS' });
      expect(() => services.service.uploads.size(ids[0]!)).toThrow(/No upload/);
      expect(services.service.uploads.size(ids[2]!)).toBe(10);
      // Both offers being sent (the page holds back their slices): a third is refused, saying why.
      expect((await rpc(ws, 'send', [uploadSpec(ids[1]!, 10)])).error).toBeUndefined();
      expect((await rpc(ws, 'send', [uploadSpec(ids[2]!, 10)])).error).toBeUndefined();
      await sleep(50);
      const refused = await rpc(ws, 'beginUpload', [10]);
      expect(refused.error).toMatchObject({ code: 'ERR_TOO_MANY_UPLOADS' });
      expect(refused.error?.message).toMatch(/sending 2 files already/);
    } finally {
      ws.close();
      await small.close();
    }
  });

  it('fails the exchange with what the page said when it cannot send a slice', async () => {
    const ws = await page();
    try {
      const uploadId = (await rpc(ws, 'beginUpload', [1000])).result as string;
      const batches = collectBatches(ws);
      ws.on('message', (data: Buffer) => {
        const message = decodeMessage(data.toString());
        if (message.kind === 'upload-pull')
          ws.send(
            encodeMessage({
              kind: 'upload-error',
              pullId: message.pullId,
              message: 'NotReadableError: the file was moved',
            }),
          );
      });
      const { end } = await uploadExchange(ws, uploadId, 1000, batches);
      expect(end).toMatchObject({
        status: 'error',
        error: {
          message: expect.stringMatching(/The page could not send the file: NotReadableError: the file was moved/),
        },
      });
    } finally {
      ws.close();
    }
  });

  it('fails the exchange, saying why, when the page that offered the file goes away', async () => {
    const ws = await page();
    const uploadId = (await rpc(ws, 'beginUpload', [1_000_000])).result as string;
    const watcher = await page();
    const batches = collectBatches(watcher);
    ws.on('message', (data: Buffer) => {
      if (decodeMessage(data.toString()).kind === 'upload-pull') ws.close();
    });
    const sent = await rpc(ws, 'send', [uploadSpec(uploadId, 1_000_000, 'chunked')]);
    const end = await endOf(batches, sent.result as string);
    expect(end).toMatchObject({
      status: 'error',
      error: { message: expect.stringMatching(/page that offered this upload has closed/) },
    });
    watcher.close();
  });
});
