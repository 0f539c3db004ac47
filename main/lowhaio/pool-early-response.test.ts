// Uploads against servers that answer before the body is all there (RFC 9112 section 9.5), over real
// sockets: a 413 as soon as the head is read (the server then reads on, or closes), interim responses
// during the upload, and Expect: 100-continue answered with 100, with a final status, or not at all.
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buffered, Pool } from './pool';
import { rawServer, readHead, readUntil, type RunningServer } from './test-support/servers';
import type { WireEvent } from './wire-events';

const servers: RunningServer[] = [];
const pools: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of pools.splice(0)) await close();
  for (const server of servers.splice(0)) await server.close();
});

async function serve(script: (socket: Socket) => Promise<void>): Promise<RunningServer> {
  const server = await rawServer(script);
  servers.push(server);
  return server;
}

function pool(options: Parameters<typeof Pool>[0] = {}) {
  const [request, close] = Pool(options);
  pools.push(close);
  return request;
}

const MiB = 1024 * 1024;

/** A body of `pieces` pieces of 64 KiB, made as they are asked for; counts how many were. */
function body(pieces: number) {
  const counter = { pulled: 0 };
  const source = async function* () {
    const piece = new Uint8Array(64 * 1024).fill(0x61);
    for (let i = 0; i < pieces; i++) {
      counter.pulled++;
      yield piece;
    }
  };
  return { source, counter };
}

/** Reads and drops everything the client sends. */
function drain(socket: Socket): void {
  socket.on('data', () => {});
  socket.resume();
}

const TOO_LARGE = 'HTTP/1.1 413 Content Too Large\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntoo large';

describe('a response that comes while the body is being sent', () => {
  it('stops the upload, is returned with its body, and the connection is not reused (the server reads on)', async () => {
    const server = await serve(async (socket) => {
      await readHead(socket);
      socket.write(TOO_LARGE);
      drain(socket);
    });
    const request = pool();
    const events: WireEvent[] = [];
    const { source, counter } = body(1024); // 64 MiB
    const [code, , responseBody] = await request('PUT', `${server.url}/upload`, {
      headers: [['content-length', String(64 * MiB)]],
      body: source,
      observe: (event) => events.push(event),
    });
    expect(code).toBe(413);
    expect(new TextDecoder().decode(await buffered(responseBody))).toBe('too large');
    const stopped = events.find((event) => event.type === 'upload-stopped');
    expect(stopped).toMatchObject({ type: 'upload-stopped', code: 413, total: 64 * MiB });
    expect(stopped?.type === 'upload-stopped' && stopped.sent).toBeLessThan(64 * MiB);
    expect(counter.pulled).toBeLessThan(1024);
    // Its body cut short, the connection must not carry another request.
    const [again] = await request('PUT', `${server.url}/upload`, {
      headers: [['content-length', '65536']],
      body: body(1).source,
    });
    expect(again).toBe(413);
    expect(server.connections).toBe(2);
  });

  it('keeps the 413 when the server closes the connection after it (no EPIPE, no ECONNRESET, no "received 0 B")', async () => {
    const server = await serve(async (socket) => {
      await readHead(socket);
      socket.write(TOO_LARGE);
      // Close soon after, with the upload's bytes unread (the kernel answers the rest with RST).
      setTimeout(() => socket.destroy(), 50);
    });
    const request = pool();
    const events: WireEvent[] = [];
    const [code, , responseBody] = await request('PUT', `${server.url}/upload`, {
      headers: [['content-length', String(256 * MiB)]],
      body: body(4096).source,
      observe: (event) => events.push(event),
    });
    expect(code).toBe(413);
    expect(new TextDecoder().decode(await buffered(responseBody))).toBe('too large');
    expect(events.some((event) => event.type === 'error')).toBe(false);
    const stopped = events.find((event) => event.type === 'upload-stopped');
    expect(stopped?.type === 'upload-stopped' && stopped.sent).toBeLessThan(256 * MiB);
  });

  it('keeps the 413 even when the server closes at once', async () => {
    const server = await serve(async (socket) => {
      await readHead(socket);
      socket.end(TOO_LARGE);
      socket.destroySoon();
    });
    const request = pool();
    const [code, , responseBody] = await request('PUT', `${server.url}/upload`, {
      headers: [['content-length', String(64 * MiB)]],
      body: body(1024).source,
    });
    expect(code).toBe(413);
    expect(new TextDecoder().decode(await buffered(responseBody))).toBe('too large');
  });

  it('reports interim responses as they arrive during the upload', async () => {
    const server = await serve(async (socket) => {
      await readHead(socket);
      const exactly = (n: number) => (text: string) => (text.length >= n ? n : -1);
      await readUntil(socket, exactly(MiB));
      socket.write('HTTP/1.1 102 Processing\r\n\r\n');
      await readUntil(socket, exactly(7 * MiB));
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
    const request = pool();
    const events: WireEvent[] = [];
    const [code] = await request('PUT', `${server.url}/upload`, {
      headers: [['content-length', String(8 * MiB)]],
      body: body(128).source,
      observe: (event) => events.push(event),
    });
    expect(code).toBe(200);
    const interim = events.findIndex((event) => event.type === 'informational');
    const lastSent = events.findLastIndex((event) => event.type === 'bytes' && event.direction === 'tx');
    expect(events[interim]).toMatchObject({ code: 102, reason: 'Processing' });
    expect(interim).toBeLessThan(lastSent);
    expect(events.some((event) => event.type === 'upload-stopped')).toBe(false);
  });
});

describe('Expect: 100-continue', () => {
  const expectHeaders = (length: number): Array<[string, string]> => [
    ['content-length', String(length)],
    ['expect', '100-continue'],
  ];

  it('waits for 100 Continue before the body, then sends it', async () => {
    let bodyBytes = 0;
    let continueAt = 0;
    let firstBodyAt = 0;
    const server = await serve(async (socket) => {
      // The head alone: what came with it would be body bytes sent before the 100.
      const head = await readUntil(socket, (text) => text.length);
      expect(head.endsWith('\r\n\r\n')).toBe(true);
      socket.on('data', (part: Buffer) => {
        firstBodyAt ||= performance.now();
        bodyBytes += part.length;
        if (bodyBytes === 4 * 65536) socket.write('HTTP/1.1 204 No Content\r\n\r\n');
      });
      socket.resume();
      setTimeout(() => {
        continueAt = performance.now();
        socket.write('HTTP/1.1 100 Continue\r\n\r\n');
      }, 100);
    });
    const request = pool();
    const events: WireEvent[] = [];
    const [code] = await request('PUT', `${server.url}/upload`, {
      headers: expectHeaders(4 * 65536),
      body: body(4).source,
      observe: (event) => events.push(event),
    });
    expect(code).toBe(204);
    expect(bodyBytes).toBe(4 * 65536);
    expect(firstBodyAt).toBeGreaterThan(continueAt);
    const interim = events.findIndex((event) => event.type === 'informational');
    const firstBody = events.findIndex(
      (event) => event.type === 'bytes' && event.direction === 'tx' && event.offset > 0,
    );
    expect(events[interim]).toMatchObject({ code: 100 });
    expect(interim).toBeLessThan(firstBody);
  });

  it('never sends the body when a final response comes instead of 100', async () => {
    let received = 0;
    const server = await serve(async (socket) => {
      await readHead(socket);
      socket.on('data', (part: Buffer) => (received += part.length));
      socket.write('HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n');
    });
    const request = pool();
    const events: WireEvent[] = [];
    const { source, counter } = body(16);
    const [code] = await request('PUT', `${server.url}/upload`, {
      headers: expectHeaders(16 * 65536),
      body: source,
      observe: (event) => events.push(event),
    });
    expect(code).toBe(417);
    expect(counter.pulled).toBe(0);
    expect(events.find((event) => event.type === 'upload-stopped')).toMatchObject({ code: 417, sent: 0 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toBe(0);
  });

  it('sends the body anyway after expectContinueTimeout when the server says nothing', async () => {
    let headAt = 0;
    let bodyAt = 0;
    const server = await serve(async (socket) => {
      await readHead(socket);
      headAt = performance.now();
      let got = 0;
      socket.on('data', (part: Buffer) => {
        bodyAt ||= performance.now();
        got += part.length;
        if (got === 65536) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      });
      socket.resume();
    });
    const request = pool({ expectContinueTimeout: 300 });
    const [code] = await request('PUT', `${server.url}/upload`, {
      headers: expectHeaders(65536),
      body: body(1).source,
    });
    expect(code).toBe(200);
    expect(bodyAt - headAt).toBeGreaterThanOrEqual(250);
    expect(bodyAt - headAt).toBeLessThan(2000);
  });
});
