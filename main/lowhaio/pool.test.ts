import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { findTilingFault } from '../../shared/frames';
import { latin1 } from '../../shared/visible-bytes';
import { chunked } from './chunked';
import {
  HttpConnectionClosedError,
  HttpConnectionError,
  HttpDataError,
  HttpDnsError,
  HttpInvalidRequestError,
  HttpProtocolError,
} from './errors';
import { buffered, streamed } from './pool';
import { useFixtures } from './test-support/fixtures';
import { httpServer, rawServer, readHead, readUntil } from './test-support/servers';
import type { WireEvent } from './wire-events';

const { pool, server } = useFixtures();

const text = async (body: AsyncIterable<Uint8Array>) => latin1(await buffered(body));

describe('Pool: requests and responses', () => {
  it('sends method, target, params and headers as given and returns code, lower-cased headers and body', async () => {
    let seen = '';
    const s = await server(
      rawServer(async (socket) => {
        seen = await readHead(socket);
        socket.write(
          'HTTP/1.1 201 Created\r\nX-Case: Kept \r\nset-cookie: a\r\nSet-Cookie: b\r\nContent-Length: 5\r\n\r\nhello',
        );
      }),
    );
    const request = pool();
    const [code, headers, body] = await request('GET', `${s.url}/path?a=1`, {
      params: [['q', 'x y']],
      headers: [
        ['X-First', '1'],
        ['x-second', '2'],
      ],
    });
    expect(seen).toBe(`GET /path?a=1&q=x+y HTTP/1.1\r\nhost: 127.0.0.1:${s.port}\r\nX-First: 1\r\nx-second: 2\r\n\r\n`);
    expect(code).toBe(201);
    expect(headers).toEqual([
      ['x-case', 'Kept'],
      ['set-cookie', 'a'],
      ['set-cookie', 'b'],
      ['content-length', '5'],
    ]);
    expect(await text(body)).toBe('hello');
  });

  it('sends a body with Content-Length, and a chunked body with trailers', async () => {
    const s = await server(
      httpServer((req, res) => {
        const parts: Buffer[] = [];
        req.on('data', (c: Buffer) => parts.push(c));
        req.on('end', () =>
          res.end(
            JSON.stringify({
              te: req.headers['transfer-encoding'] ?? null,
              body: Buffer.concat(parts).toString(),
              trailers: req.trailers,
            }),
          ),
        );
      }),
    );
    const request = pool();
    const [, , plain] = await request('POST', s.url, { headers: [['content-length', '5']], body: streamed('hello') });
    expect(JSON.parse(await text(plain))).toEqual({ te: null, body: 'hello', trailers: {} });
    const pieces = async function* () {
      yield new TextEncoder().encode('ab');
      yield new TextEncoder().encode('cd');
    };
    const [, , chunkedBody] = await request('POST', s.url, {
      headers: [['transfer-encoding', 'chunked']],
      body: chunked(pieces(), { trailers: [['x-sum', '4']] }),
    });
    expect(JSON.parse(await text(chunkedBody))).toEqual({ te: 'chunked', body: 'abcd', trailers: { 'x-sum': '4' } });
  });

  it('refuses a body without framing, and a body longer than its Content-Length, closing the connection', async () => {
    const s = await server(httpServer((_req, res) => res.end('x')));
    const request = pool();
    await expect(request('POST', s.url, { body: streamed('abc') })).rejects.toMatchObject({
      code: 'ERR_HTTP_UNFRAMED_BODY',
    });
    expect(s.connections).toBe(0);
    const error = await request('POST', s.url, { headers: [['content-length', '2']], body: streamed('abc') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HttpDataError);
    expect(error).toMatchObject({ code: 'ERR_HTTP_BODY_LENGTH_MISMATCH' });
  });

  it('refuses an invalid request before connecting', async () => {
    const s = await server(rawServer(() => {}));
    const request = pool();
    await expect(request('GET', s.url, { headers: [['x', 'a\r\nb']] })).rejects.toBeInstanceOf(HttpInvalidRequestError);
    await expect(request('G T', s.url)).rejects.toMatchObject({ code: 'ERR_HTTP_INVALID_METHOD' });
    expect(s.connections).toBe(0);
  });
});

describe('Pool: connection reuse', () => {
  const okServer = () =>
    server(
      rawServer(async (socket) => {
        for (;;) {
          const head = await readHead(socket);
          if (!head) return;
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        }
      }),
    );

  it('reuses a connection once its body has been read to the end', async () => {
    const s = await okServer();
    const request = pool();
    const events: WireEvent[] = [];
    for (let i = 0; i < 3; i++) {
      const [, , body] = await request('GET', s.url, { observe: (e) => events.push(e) });
      expect(await text(body)).toBe('ok');
    }
    expect(s.connections).toBe(1);
    expect(events.filter((e) => e.type === 'connect').map((e) => e.type === 'connect' && e.reused)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('does not reuse when keepAliveTimeout is 0, after the keep-alive time, or after Connection: close', async () => {
    const s = await okServer();
    const noReuse = pool({ keepAliveTimeout: 0 });
    for (let i = 0; i < 2; i++) await text((await noReuse('GET', s.url))[2]);
    expect(s.connections).toBe(2);

    const shortLived = pool({ keepAliveTimeout: 50 });
    await text((await shortLived('GET', s.url))[2]);
    await sleep(120);
    expect(s.closedConnections).toBeGreaterThanOrEqual(3);
    await text((await shortLived('GET', s.url))[2]);
    expect(s.connections).toBe(4);

    const closing = pool();
    await text((await closing('GET', s.url, { headers: [['connection', 'close']] }))[2]);
    await text((await closing('GET', s.url))[2]);
    expect(s.connections).toBe(6);
  });

  it('notices the server closing an idle pooled connection and opens a new one', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        await sleep(20);
        socket.end();
      }),
    );
    const request = pool();
    await text((await request('GET', s.url))[2]);
    await sleep(80);
    const [code, , body] = await request('GET', s.url);
    expect(code).toBe(200);
    expect(await text(body)).toBe('ok');
    expect(s.connections).toBe(2);
  });

  it('drops a pooled connection on which bytes arrived while idle', async () => {
    const s = await server(
      rawServer(async (socket) => {
        for (;;) {
          const head = await readHead(socket);
          if (!head) return;
          socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
          await sleep(20);
          socket.write('HTTP/1.1 200 OK\r\n');
        }
      }),
    );
    const request = pool();
    await text((await request('GET', s.url))[2]);
    await sleep(60);
    await text((await request('GET', s.url))[2]);
    expect(s.connections).toBe(2);
  });

  it('never reads bytes after a complete response as another response, and does not reuse that connection', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil');
      }),
    );
    const request = pool();
    const events: WireEvent[] = [];
    expect(await text((await request('GET', s.url, { observe: (e) => events.push(e) }))[2])).toBe('ok');
    expect(events.find((e) => e.type === 'end')).toMatchObject({ reusable: false });
    expect(events.find((e) => e.type === 'extraneous')).toBeDefined();
    // Every byte read is reported, the stray ones as a frame of their own after the response's.
    const wire = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil';
    const rx = events.flatMap((e) => (e.type === 'bytes' && e.direction === 'rx' ? [latin1(e.data)] : []));
    expect(rx.join('')).toBe(wire);
    const frames = events.flatMap((e) => (e.type === 'frame' && e.direction === 'rx' ? [e.frame] : []));
    expect(findTilingFault(frames, wire.length)).toBeNull();
    expect(frames[frames.length - 1]).toEqual({
      kind: 'extraneous',
      start: wire.indexOf('okHTTP') + 2,
      end: wire.length,
    });
  });

  it('reuses only connections to an address the host resolves to now (DNS-aware)', async () => {
    let answer = ['127.0.0.1'];
    const script = async (socket: import('node:net').Socket) => {
      for (;;) {
        const head = await readHead(socket);
        if (!head) return;
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n${socket.localAddress}`);
      }
    };
    const first = await server(rawServer(script, '127.0.0.1'));
    const second = await server(rawServer(script, '127.0.0.2', first.port));
    const request = pool({ resolve: async () => answer });
    const url = `http://inspector.test:${first.port}/`;
    expect(await text((await request('GET', url))[2])).toBe('127.0.0.1');
    expect(await text((await request('GET', url))[2])).toBe('127.0.0.1');
    answer = ['127.0.0.2'];
    expect(await text((await request('GET', url))[2])).toBe('127.0.0.2');
    expect([first.connections, second.connections]).toEqual([1, 1]);
    answer = ['127.0.0.2', '127.0.0.1'];
    await text((await request('GET', url))[2]);
    expect([first.connections, second.connections]).toEqual([1, 1]);
  });

  it('closes the connection when the consumer stops reading early', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n');
        socket.write('x'.repeat(1000));
      }),
    );
    const request = pool();
    const [, , body] = await request('GET', s.url);
    for await (const piece of body) {
      expect(piece.length).toBeGreaterThan(0);
      break;
    }
    await sleep(50);
    expect(s.closedConnections).toBe(1);
  });
});

describe('Pool: errors', () => {
  it('says a refused connection is a connection error (safe to retry)', async () => {
    const s = await rawServer(() => {});
    await s.close();
    const error = await pool()('GET', s.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect(error).toMatchObject({ code: 'ERR_HTTP_CONNECT' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('says a failed lookup is a DNS error', async () => {
    const request = pool({
      resolve: async () =>
        Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' })),
    });
    const error = await request('GET', 'http://nowhere.test/').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpDnsError);
    expect((error as Error).message).toMatch(/Could not resolve nowhere.test: .*ENOTFOUND/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('says a garbled response is a protocol error located in the bytes (a data error)', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnot-hex\r\n');
      }),
    );
    const error = await pool()('GET', s.url)
      .then(([, , body]) => text(body))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpProtocolError);
    expect(error).toBeInstanceOf(HttpDataError);
    expect(error).toMatchObject({ code: 'ERR_HTTP_INVALID_CHUNK_SIZE', offset: 47, fault: 'server' });
  });

  it('says a response cut short is a closed-connection error', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
      }),
    );
    const [, , body] = await pool()('GET', s.url);
    const error = await text(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpConnectionClosedError);
    expect((error as Error).message).toMatch(/7 more body byte/);
  });

  it('reads a close-delimited body to the end of the connection', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write('HTTP/1.0 200 OK\r\n\r\npart one, ');
        await sleep(10);
        socket.end('part two');
      }),
    );
    expect(await text((await pool()('GET', s.url))[2])).toBe('part one, part two');
  });
});

describe('Pool: observer', () => {
  it('reports resolve, connect, bytes, frames, head and end, with bytes that join into the wire bytes and frames that tile them', async () => {
    const response =
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=1\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n';
    let requestBytes = '';
    const s = await server(
      rawServer(async (socket) => {
        requestBytes = await readUntil(socket, (t) => (t.endsWith('0\r\n\r\n') ? t.length : -1));
        for (const piece of response.match(/.{1,7}/gs)!) {
          socket.write(piece);
          await sleep(1);
        }
      }),
    );
    const events: WireEvent[] = [];
    const pieces = async function* () {
      yield new TextEncoder().encode('hello ');
      yield new TextEncoder().encode('world');
    };
    const [, , body] = await pool()('PUT', `${s.url}/up`, {
      headers: [['Transfer-Encoding', 'chunked']],
      body: chunked(pieces()),
      observe: (e) => events.push(e),
    });
    expect(await text(body)).toBe('abcde');
    expect(events.slice(0, 2).map((e) => e.type)).toEqual(['resolve', 'connect']);
    expect(events[events.length - 2]).toMatchObject({
      type: 'end',
      reusable: true,
      trailers: [['T', 'v']],
      bytesReceived: response.length,
    });
    expect(events[events.length - 1]).toMatchObject({ type: 'reuse', reusable: true, exchanges: 1 });
    for (const [direction, wire] of [
      ['tx', requestBytes],
      ['rx', response],
    ] as const) {
      const bytes = events.flatMap((e) => (e.type === 'bytes' && e.direction === direction ? [e] : []));
      let joined = '';
      for (const e of bytes) {
        expect(e.offset).toBe(joined.length);
        joined += latin1(e.data);
      }
      expect(joined).toBe(wire);
      const frames = events.flatMap((e) => (e.type === 'frame' && e.direction === direction ? [e.frame] : []));
      expect(findTilingFault(frames, wire.length)).toBeNull();
    }
    const txKinds = events.flatMap((e) => (e.type === 'frame' && e.direction === 'tx' ? [e.frame.kind] : []));
    expect(txKinds).toEqual([
      'request-line',
      'header',
      'header',
      'head-end',
      'chunk-size',
      'chunk-data',
      'chunk-end',
      'chunk-size',
      'chunk-data',
      'chunk-end',
      'chunk-size',
      'body-end',
    ]);
    const head = events.findIndex((e) => e.type === 'response-head');
    const firstRx = events.findIndex((e) => e.type === 'bytes' && e.direction === 'rx');
    expect(firstRx).toBeLessThan(head);
  });

  it('reports the error that ended an exchange, and that the connection ended with it', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nab');
      }),
    );
    const events: WireEvent[] = [];
    const [, , body] = await pool()('GET', s.url, { observe: (e) => events.push(e) });
    await text(body).catch(() => {});
    expect(events.filter((e) => e.type === 'error')).toHaveLength(1);
    expect(events[events.length - 1]).toMatchObject({ type: 'error', error: { code: 'ERR_HTTP_CONNECTION_CLOSED' } });
    expect(events.filter((e) => e.type === 'reuse')).toEqual([
      expect.objectContaining({
        reusable: false,
        because: expect.stringMatching(/^the exchange failed \(ERR_HTTP_CONNECTION_CLOSED\)/),
      }),
    ]);
  });

  it('counts the exchanges a connection carries, and says why it is not reused, with the RFC section', async () => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
        await readHead(socket);
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      }),
    );
    const request = pool();
    const seen: WireEvent[][] = [[], []];
    for (const events of seen) {
      const [, , body] = await request('GET', s.url, { observe: (e) => events.push(e) });
      expect(await text(body)).toBe('ok');
    }
    const [first, second] = seen.map((events) => ({
      connect: events.find((e) => e.type === 'connect'),
      reuse: events.find((e) => e.type === 'reuse'),
    }));
    expect(first!.connect).toMatchObject({ reused: false, earlierExchanges: 0 });
    expect(second!.connect).toMatchObject({
      reused: true,
      earlierExchanges: 1,
      connectionId: (first!.connect as { connectionId: number }).connectionId,
    });
    expect(first!.reuse).toEqual(expect.objectContaining({ reusable: true, exchanges: 1 }));
    expect(first!.reuse).not.toHaveProperty('because');
    expect(second!.reuse).toMatchObject({
      reusable: false,
      exchanges: 2,
      because: 'the response says Connection: close (RFC 9112 section 9.6)',
    });
  });

  it.each([
    [
      'bytes after a HEAD response',
      'HEAD',
      [],
      'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray',
      /^5 byte\(s\) came after the response's end.*RFC 9112 section 9\.3\)$/,
    ],
    [
      'a request that asked to close',
      'GET',
      [['Connection', 'close']],
      'HTTP/1.1 204 No Content\r\n\r\n',
      /^the request said Connection: close \(RFC 9112 section 9\.6\)$/,
    ],
    [
      'an HTTP/1.0 response',
      'GET',
      [],
      'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n',
      /^an HTTP\/1\.0 response without Connection: keep-alive \(RFC 9112 section 9\.3\)$/,
    ],
    [
      'a close-delimited body',
      'GET',
      [],
      'HTTP/1.1 200 OK\r\n\r\nall of it',
      /close of the connection: no Content-Length or Transfer-Encoding \(RFC 9112 section 6\.3, rule 8\)$/,
    ],
  ] as const)('says why the connection ends after %s', async (_name, method, headers, answer, because) => {
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        if (answer.endsWith('all of it')) socket.end(answer);
        else socket.write(answer);
      }),
    );
    const events: WireEvent[] = [];
    const [, , body] = await pool()(method, s.url, {
      headers: headers as unknown as Array<[string, string]>,
      observe: (e) => events.push(e),
    });
    await text(body);
    const reuse = events.filter((e) => e.type === 'reuse');
    expect(reuse).toHaveLength(1);
    expect(reuse[0]).toMatchObject({ reusable: false, exchanges: 1, because: expect.stringMatching(because) });
  });
});
