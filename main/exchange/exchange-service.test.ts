import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeBatch, ExchangeEvent } from '../../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS, type ExchangeSpec } from '../../shared/exchange-spec';
import { findTilingFault, type Frame } from '../../shared/frames';
import type { CapturedFrame } from '../../shared/inspector-api';
import { demoDocument } from '../demo-server/scenarios';
import { startDemoServer, type DemoServer } from '../demo-server/server';
import { rawServer, readHead } from '../lowhaio/test-support/servers';
import { ExchangeService, MAX_IDLE_POOLS } from './exchange-service';
import { rechunk } from './rechunk';

let demo: DemoServer;
let dataDir: string;
/** Files to upload live outside the data folder (the service reads nothing inside it). */
let uploadDir: string;
let service: ExchangeService;
beforeAll(async () => {
  demo = await startDemoServer();
  uploadDir = mkdtempSync(join(tmpdir(), 'inspector-uploads-'));
});
afterAll(async () => {
  await demo.close();
  rmSync(uploadDir, { recursive: true, force: true });
});
afterEach(async () => {
  await service?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function start(
  limits?: ConstructorParameters<typeof ExchangeService>[0]['batchLimits'],
  more: Partial<ConstructorParameters<typeof ExchangeService>[0]> = {},
) {
  dataDir = mkdtempSync(join(tmpdir(), 'inspector-data-'));
  service = new ExchangeService({ dataDir, ...(limits ? { batchLimits: limits } : {}), ...more });
  const batches: ExchangeBatch[] = [];
  service.subscribe((batch) => batches.push(batch));
  return batches;
}

function spec(path: string, extra: Partial<ExchangeSpec> = {}): ExchangeSpec {
  return {
    method: 'GET',
    url: `${demo.url}${path}`,
    headers: [],
    body: { kind: 'none' },
    timeoutMs: DEFAULT_TIMEOUT_MS,
    verifyTls: true,
    ...extra,
  };
}

async function finished(batches: ExchangeBatch[], id: string): Promise<Extract<ExchangeEvent, { type: 'end' }>> {
  for (let i = 0; i < 500; i++) {
    const end = events(batches, id).find((e) => e.type === 'end');
    if (end?.type === 'end') return end;
    await sleep(10);
  }
  throw new Error(`exchange ${id} did not end`);
}

async function allFrames(id: string): Promise<CapturedFrame[]> {
  const frames: CapturedFrame[] = [];
  for await (const frame of service.frames(id)) frames.push(frame);
  return frames;
}

/** Every byte a stream gives, joined. */
async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

const events = (batches: ExchangeBatch[], id: string) =>
  batches.filter((b) => b.exchangeId === id).flatMap((b) => b.events);

describe('ExchangeService', () => {
  it('streams a chunked response to subscribers in batches while it arrives, and keeps the capture on disk', async () => {
    const batches = start();
    const id = service.send(spec('/chunked?count=3&size=8&delay=120'));
    const end = await finished(batches, id);
    expect(end).toMatchObject({ status: 'done' });
    const mine = batches.filter((b) => b.exchangeId === id);
    expect(mine.map((b) => b.seq)).toEqual(mine.map((_, i) => i));
    // Each chunk's frames come in a batch of its own, well before the end.
    const chunkBatches = mine.filter((b) =>
      b.events.some((e) => e.type === 'frames' && e.frames.some((f) => f.kind === 'chunk-data')),
    );
    expect(chunkBatches.length).toBeGreaterThanOrEqual(3);
    expect(chunkBatches[chunkBatches.length - 1]!.t - chunkBatches[0]!.t).toBeGreaterThan(150);
    // The capture holds exactly the wire bytes, and the frames tile them.
    const rx = await service.readBytes(id, 'rx', 0, end.bytesReceived);
    expect(new TextDecoder().decode(rx)).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n0\r\n\r\n$/);
    const frames = await allFrames(id);
    for (const direction of ['tx', 'rx'] as const) {
      const mineFrames = frames
        .filter((f) => f.direction === direction)
        .map(({ direction: _d, t: _t, ...f }) => f as Frame);
      expect(findTilingFault(mineFrames, direction === 'tx' ? end.bytesSent : end.bytesReceived)).toBeNull();
    }
    // Each frame keeps when it was found: the chunks 120 ms apart are so in the capture too.
    const sizeLines = frames.filter((f) => f.direction === 'rx' && f.kind === 'chunk-size');
    expect(sizeLines.map((f) => f.t)).toHaveLength(4);
    expect(sizeLines[2]!.t! - sizeLines[0]!.t!).toBeGreaterThan(200);
    const tx = new TextDecoder().decode(await service.readBytes(id, 'tx', 0, 1000));
    expect(tx).toBe(`GET /chunked?count=3&size=8&delay=120 HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\n\r\n`);
    const [summary] = await service.listHistory();
    expect(summary).toMatchObject({ id, status: 'done', code: 200, bytesReceived: end.bytesReceived });
  });

  it('uploads a file from disk, chunked in the chosen size, with progress to 100%', async () => {
    const batches = start();
    const file = join(uploadDir, 'upload.bin');
    writeFileSync(file, Buffer.alloc(300_000, 0x61));
    const granted = await service.files.grant(file);
    expect(granted).toMatchObject({ via: 'path', name: 'upload.bin', size: 300_000 });
    const id = service.send(
      spec('/echo', { method: 'PUT', body: { kind: 'file', file: granted, framing: 'chunked', chunkSize: 65536 } }),
    );
    const end = await finished(batches, id);
    expect(end.status).toBe('done');
    const progress = events(batches, id).flatMap((e) => (e.type === 'progress' ? [e] : []));
    expect(progress[progress.length - 1]).toMatchObject({ sent: 300_000, total: 300_000 });
    expect(progress.every((p) => p.bytesPerSecond > 0)).toBe(true);
    const frames = (await allFrames(id)).filter((f) => f.direction === 'tx' && f.kind === 'chunk-size');
    expect(frames.map((f) => (f.kind === 'chunk-size' ? f.size : -1))).toEqual([65536, 65536, 65536, 65536, 37856, 0]);
  });

  it('sends a multipart/form-data body: text fields and a file from disk, its boundary in the bytes', async () => {
    const batches = start();
    const file = join(uploadDir, 'note "1".txt');
    writeFileSync(file, 'file bytes\r\n');
    const granted = await service.files.grant(file);
    const boundary = 'XyZ-boundary';
    const id = service.send(
      spec('/echo', {
        method: 'POST',
        body: {
          kind: 'multipart',
          boundary,
          parts: [
            { name: 'title', value: 'héllo' },
            { name: 'f', file: granted, contentType: 'text/plain' },
          ],
          framing: 'length',
          chunkSize: 7,
        },
      }),
    );
    const end = await finished(batches, id);
    expect(end.status).toBe('done');
    const tx = new TextDecoder().decode(await service.readBytes(id, 'tx', 0, end.bytesSent));
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhéllo\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="note \\"1\\".txt"\r\nContent-Type: text/plain\r\n\r\nfile bytes\r\n\r\n` +
      `--${boundary}--\r\n`;
    expect(tx).toBe(
      `POST /echo HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\ncontent-type: multipart/form-data; boundary=${boundary}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    // Chunked too, in the chosen size, the same bytes inside the chunks.
    const chunkedId = service.send(
      spec('/echo', {
        method: 'POST',
        body: { kind: 'multipart', boundary, parts: [{ name: 'a', value: '1' }], framing: 'chunked', chunkSize: 16 },
      }),
    );
    await finished(batches, chunkedId);
    const sizes = (await allFrames(chunkedId))
      .filter((f) => f.direction === 'tx' && f.kind === 'chunk-size')
      .map((f) => (f.kind === 'chunk-size' ? f.size : -1));
    const whole = `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${boundary}--\r\n`.length;
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(whole);
    expect(sizes.slice(0, -2).every((size) => size === 16)).toBe(true);
  });

  it('sends a text body with Content-Length, and enabled headers and params only', async () => {
    const batches = start();
    const id = service.send(
      spec('/echo', {
        method: 'POST',
        headers: [
          { name: 'X-On', value: '1', enabled: true },
          { name: 'X-Off', value: '2', enabled: false },
        ],
        params: [
          { name: 'q', value: 'a b', enabled: true },
          { name: 'off', value: '1', enabled: false },
        ],
        body: { kind: 'text', text: 'héllo', framing: 'length', chunkSize: 2 },
      }),
    );
    const end = await finished(batches, id);
    const tx = new TextDecoder().decode(await service.readBytes(id, 'tx', 0, end.bytesSent));
    expect(tx).toBe(
      `POST /echo?q=a+b HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\nX-On: 1\r\ncontent-length: 6\r\n\r\nhéllo`,
    );
  });

  it('frames the body by a typed Transfer-Encoding or Content-Length row, whatever the framing chosen', async () => {
    const batches = start();
    const row = (name: string, value: string) => ({ name, value, enabled: true });
    // A chunked row with Content-Length chosen: the body is chunk-encoded, not sent bare (the server would wait).
    const te = service.send(
      spec('/echo', {
        method: 'POST',
        headers: [row('Transfer-Encoding', 'chunked')],
        body: { kind: 'text', text: 'abcdef', framing: 'length', chunkSize: 4 },
      }),
    );
    const teEnd = await finished(batches, te);
    expect(teEnd.status).toBe('done');
    expect(new TextDecoder().decode(await service.readBytes(te, 'tx', 0, teEnd.bytesSent))).toBe(
      `POST /echo HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n`,
    );
    // A Content-Length row with chunked chosen: the body goes as it is, under the row's length.
    const cl = service.send(
      spec('/echo', {
        method: 'POST',
        headers: [row('Content-Length', '6')],
        body: { kind: 'text', text: 'abcdef', framing: 'chunked', chunkSize: 4 },
      }),
    );
    const clEnd = await finished(batches, cl);
    expect(clEnd.status).toBe('done');
    expect(new TextDecoder().decode(await service.readBytes(cl, 'tx', 0, clEnd.bytesSent))).toBe(
      `POST /echo HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\nContent-Length: 6\r\n\r\nabcdef`,
    );
  });

  it('runs an exchange under the id the page chose, and refuses that id a second time', async () => {
    const batches = start();
    expect(service.send(spec('/chunked?count=1&size=4'), 'page-chosen-1')).toBe('page-chosen-1');
    expect((await finished(batches, 'page-chosen-1')).status).toBe('done');
    expect(() => service.send(spec('/chunked?count=1&size=4'), 'page-chosen-1')).toThrow(
      expect.objectContaining({
        code: 'ERR_EXCHANGE_ID_TAKEN',
        message:
          'An exchange with the id page-chosen-1 exists already: choose a new id for each exchange. Nothing was sent.',
      }),
    );
    expect((await service.listHistory()).filter((summary) => summary.id === 'page-chosen-1')).toHaveLength(1);
  });

  it("forwards the core's resolve and connect events as they are, less the connection id, and keeps them in history", async () => {
    const batches = start();
    const id = service.send(spec('/chunked?count=1&size=4'));
    await finished(batches, id);
    const connect = events(batches, id).find((event) => event.type === 'connect');
    expect(connect).toMatchObject({
      type: 'connect',
      reused: false,
      remoteAddress: '127.0.0.1',
      remotePort: demo.port,
      localAddress: '127.0.0.1',
    });
    expect(connect).not.toHaveProperty('connection');
    expect(events(batches, id).find((event) => event.type === 'resolve')).toEqual({
      type: 'resolve',
      t: expect.any(Number),
      host: '127.0.0.1',
      addresses: ['127.0.0.1'],
    });
    const [summary] = await service.listHistory();
    expect(summary?.connection).toMatchObject({
      host: '127.0.0.1',
      addresses: ['127.0.0.1'],
      remoteAddress: '127.0.0.1',
      remotePort: demo.port,
      reused: false,
    });
  });

  it('cancels a running exchange', async () => {
    const batches = start();
    const id = service.send(spec('/chunked?count=50&size=8&delay=100'));
    await sleep(250);
    expect(service.cancel(id)).toBe(true);
    const end = await finished(batches, id);
    expect(end.status).toBe('cancelled');
    expect(service.cancel(id)).toBe(false);
    expect((await service.listHistory())[0]).toMatchObject({ id, status: 'cancelled' });
  });

  it('reports a framing error with its location, keeping what was received', async () => {
    const batches = start();
    const id = service.send(spec('/malformed/bad-chunk-size'));
    const end = await finished(batches, id);
    expect(end).toMatchObject({
      status: 'error',
      error: { code: 'ERR_HTTP_INVALID_CHUNK_SIZE', name: 'HttpProtocolError', fault: 'server', direction: 'rx' },
    });
    const offset = end.error!.offset!;
    const bytes = await service.readBytes(id, 'rx', offset, offset + 2);
    expect(new TextDecoder().decode(bytes)).toBe('zz');
  });

  it('previews only the first bytes of a response, however large', async () => {
    const batches = start({ flushMs: 20, previewBytes: 1024, maxFrames: 50 });
    const id = service.send(spec('/content-length?size=2000000'));
    const end = await finished(batches, id);
    expect(end.bytesReceived).toBeGreaterThan(2_000_000);
    for (const direction of ['tx', 'rx'] as const) {
      const previewed = events(batches, id).reduce(
        (n, e) => n + (e.type === 'bytes' && e.direction === direction ? e.data.length : 0),
        0,
      );
      expect(previewed).toBeLessThanOrEqual(1024);
    }
    expect(batches.some((b) => b.previewDropped > 0)).toBe(true);
  });

  it('refuses a spec it cannot send, saying why', () => {
    start();
    expect(() => service.send(spec('', { url: 'example.com' }))).toThrow(/must start with http:\/\/ or https:\/\//);
  });
});

describe('ExchangeService and a server that answers before the upload is done', () => {
  it('keeps the early 413 with its body, says how much of the upload went, and records it in history', async () => {
    const server = await rawServer(async (socket) => {
      await readHead(socket);
      socket.write('HTTP/1.1 413 Content Too Large\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntoo large');
      setTimeout(() => socket.destroy(), 50);
    });
    try {
      const batches = start();
      const file = join(uploadDir, 'large.bin');
      writeFileSync(file, Buffer.alloc(64 * 1024 * 1024, 0x62));
      const granted = await service.files.grant(file);
      const id = service.send({
        ...spec('/'),
        url: `${server.url}/upload`,
        method: 'PUT',
        body: { kind: 'file', file: granted, framing: 'length', chunkSize: 65536 },
      });
      const end = await finished(batches, id);
      expect(end.status).toBe('done');
      const stopped = events(batches, id).find((e) => e.type === 'upload-stopped');
      expect(stopped).toMatchObject({ code: 413, total: 64 * 1024 * 1024 });
      expect(stopped?.type === 'upload-stopped' && stopped.sent).toBeLessThan(64 * 1024 * 1024);
      const [summary] = await service.listHistory();
      expect(summary).toMatchObject({
        id,
        code: 413,
        status: 'done',
        uploadStopped: { code: 413, total: 64 * 1024 * 1024 },
      });
      const rx = new TextDecoder().decode(await service.readBytes(id, 'rx', 0, 1000));
      expect(rx).toMatch(/^HTTP\/1\.1 413 Content Too Large\r\n[\s\S]*too large$/);
    } finally {
      await server.close();
    }
  });
});

describe('ExchangeService resources', () => {
  const pem = (n: number) => `-----BEGIN CERTIFICATE-----\nMIIB${n}\n-----END CERTIFICATE-----`;

  it('keeps one pool per TLS setting whatever the timeouts, and closes it once idle', async () => {
    const batches = start(undefined, { poolIdleMs: 100 });
    const ids = Array.from({ length: 30 }, (_, i) =>
      service.send(spec('/content-length?size=10', { timeoutMs: 1000 + i })),
    );
    expect(service.poolCount).toBe(1);
    for (const id of ids) expect((await finished(batches, id)).status).toBe('done');
    for (let i = 0; i < 100 && service.poolCount > 0; i++) await sleep(20);
    expect(service.poolCount).toBe(0);
    // A new exchange after that gets a new pool and works.
    expect((await finished(batches, service.send(spec('/content-length?size=10')))).status).toBe('done');
  });

  it('keeps at most MAX_IDLE_POOLS idle pools, closing the least recently used', async () => {
    const batches = start();
    for (let i = 0; i < MAX_IDLE_POOLS + 6; i++) {
      const id = service.send(spec('/content-length?size=10', { caPem: pem(i) }));
      expect((await finished(batches, id)).status).toBe('done');
    }
    expect(service.poolCount).toBeLessThanOrEqual(MAX_IDLE_POOLS + 1);
  });

  it('refuses past maxRunning exchanges at once, saying what to do, and takes more once one ends', async () => {
    const batches = start(undefined, { maxRunning: 2 });
    const a = service.send(spec('/slow-head?delay=2000'));
    service.send(spec('/slow-head?delay=2000'));
    expect(() => service.send(spec('/content-length?size=10'))).toThrow(
      /2 exchanges are running, as many as may run at once: wait for one to end, or cancel one/,
    );
    service.cancel(a);
    await finished(batches, a);
    expect((await finished(batches, service.send(spec('/content-length?size=10')))).status).toBe('done');
  });
});

describe('rechunk', () => {
  it('cuts any stream into pieces of the chosen size', async () => {
    async function* source() {
      yield Uint8Array.of(1, 2, 3);
      yield Uint8Array.of(4);
      yield Uint8Array.of(5, 6, 7, 8, 9);
    }
    const out: number[][] = [];
    for await (const piece of rechunk(source(), 4)) out.push([...piece]);
    expect(out).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  });
});

describe('ExchangeService exports', () => {
  it('streams the decoded body (no chunk framing) and the exact wire bytes of a capture', async () => {
    const batches = start();
    const id = service.send(spec('/chunked-extensions'));
    const end = await finished(batches, id);
    expect((await collect(service.exportBody(id))).toString('latin1')).toBe('Hello, world!');
    const raw = (await collect(service.exportRaw(id, 'rx'))).toString('latin1');
    expect(raw).toHaveLength(end.bytesReceived);
    expect(raw).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*7;part=1\r\nHello, \r\n[\s\S]*X-Checksum: 3f9a\r\n\r\n$/);
  });

  it('names each export the same way for both shells, and reads nothing until its bytes are asked for', async () => {
    const batches = start();
    const id = service.send(spec('/chunked-extensions'));
    await finished(batches, id);
    expect((['body', 'body-wire', 'tx', 'rx'] as const).map((what) => service.exported(id, what).name)).toEqual([
      `${id}-body.bin`,
      `${id}-body-as-sent.bin`,
      `${id}-request.raw`,
      `${id}-response.raw`,
    ]);
    expect((await collect(service.exported(id, 'body').source())).toString()).toBe('Hello, world!');
    expect(await collect(service.exported(id, 'rx').source())).toEqual(await collect(service.exportRaw(id, 'rx')));
    // A capture that is not there fails only once read.
    const missing = service.exported('nosuchcapture-1', 'rx');
    await expect(collect(missing.source())).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('ExchangeService decoded bodies', () => {
  it.each(['gzip', 'deflate', 'br'])(
    'undoes %s as a layer above the wire bytes: both lengths, windows of the content, both forms saved',
    async (coding) => {
      const batches = start();
      const id = service.send(spec(`/encoded?items=300&coding=${coding}&chunk=700`));
      expect(await finished(batches, id)).toMatchObject({ status: 'done' });
      const document = demoDocument(300);
      const content = Buffer.from(document, 'utf8');
      const info = await service.describeBody(id);
      expect(info).toMatchObject({
        codings: [coding],
        contentType: 'application/json; charset=utf-8',
        decodedLength: content.length,
      });
      expect(info.error).toBeUndefined();
      const wire = await collect(service.exportBody(id, 'wire'));
      expect(info.wireLength).toBe(wire.length);
      expect(wire.length).toBeLessThan(content.length / 3);
      // A window in the middle, and one past the end.
      expect(Buffer.from(await service.readBody(id, 1000, 1100))).toEqual(content.subarray(1000, 1100));
      expect(await service.readBody(id, content.length + 5, content.length + 10)).toHaveLength(0);
      expect((await collect(service.exportBody(id))).toString('utf8')).toBe(document);
      // Kept beside the capture: asked again, the same answer without decoding again.
      expect(await service.describeBody(id)).toEqual(info);
    },
  );

  it('says in words where a corrupt encoding fails, and keeps what decoded and the wire bytes', async () => {
    const batches = start();
    const id = service.send(spec('/malformed/corrupt-gzip'));
    expect(await finished(batches, id)).toMatchObject({ status: 'done' });
    const info = await service.describeBody(id);
    expect(info.error).toMatchObject({
      name: 'BodyDecodingError',
      code: 'ERR_BODY_DECODING',
      message: expect.stringMatching(/^The body's gzip encoding is corrupt after [\d,]+ decoded bytes \(/),
    });
    expect(info.decodedLength).toBeLessThan(Buffer.byteLength(demoDocument(20)));
    const decoded = Buffer.from(await service.readBody(id, 0, info.decodedLength)).toString('utf8');
    expect(demoDocument(20).startsWith(decoded)).toBe(true);
    expect((await collect(service.exportBody(id, 'wire'))).length).toBe(info.wireLength);
  });

  it('takes a body with no coding as it is, and an unknown coding as an error that names it', async () => {
    const batches = start();
    const plain = service.send(spec('/text'));
    await finished(batches, plain);
    const info = await service.describeBody(plain);
    expect(info).toMatchObject({ codings: [], contentType: 'text/plain; charset=utf-8' });
    expect(info.decodedLength).toBe(info.wireLength);
    expect(Buffer.from(await service.readBody(plain, 0, info.decodedLength)).toString('utf8')).toContain('Καλημέρα');

    const s = await rawServer(async (socket) => {
      await readHead(socket);
      socket.end('HTTP/1.1 200 OK\r\nContent-Encoding: compress\r\nContent-Length: 3\r\n\r\nabc');
    });
    try {
      const odd = service.send({ ...spec('/'), url: s.url });
      await finished(batches, odd);
      expect((await service.describeBody(odd)).error).toMatchObject({
        code: 'ERR_BODY_CODING_UNSUPPORTED',
        message: expect.stringContaining('Content-Encoding "compress" is not one the inspector can decode'),
      });
      expect((await collect(service.exportBody(odd, 'wire'))).toString()).toBe('abc');
    } finally {
      await s.close();
    }
  });

  it("reads the request's body too, dechunked, with the request's Content-Type", async () => {
    const batches = start();
    const id = service.send(
      spec('/echo', {
        method: 'PUT',
        headers: [{ name: 'Content-Type', value: 'application/json; charset=utf-8', enabled: true }],
        body: { kind: 'text', text: '{"city":"Zürich"}', framing: 'chunked', chunkSize: 5 },
      }),
    );
    await finished(batches, id);
    const content = Buffer.from('{"city":"Zürich"}', 'utf8');
    expect(await service.describeBody(id, 'tx')).toEqual({
      codings: [],
      contentType: 'application/json; charset=utf-8',
      wireLength: content.length,
      decodedLength: content.length,
    });
    expect(Buffer.from(await service.readBody(id, 0, 100, 'tx'))).toEqual(content);
    // The response's body is another: the echo of the whole request.
    expect((await service.describeBody(id)).decodedLength).toBeGreaterThan(content.length);
  });

  it('refuses to decode the body of an exchange still running', async () => {
    const batches = start();
    const id = service.send(spec('/chunked?count=3&size=8&delay=300'));
    await sleep(50);
    expect(() => service.describeBody(id)).toThrow(expect.objectContaining({ code: 'ERR_EXCHANGE_RUNNING' }));
    await finished(batches, id);
  });
});
