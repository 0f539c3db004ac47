import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { HttpConnectionError, HttpConnectionTimeoutError, HttpDataError, HttpDataTimeoutError } from './errors';
import { buffered } from './pool';
import { useFixtures } from './test-support/fixtures';
import { rawServer, readHead, type RunningServer } from './test-support/servers';
import type { WireEvent } from './wire-events';

const fixtures = useFixtures();
const pool = fixtures.pool;
const server = (script: Parameters<typeof rawServer>[0]): Promise<RunningServer> => fixtures.server(rawServer(script));

/** A body that never ends, in 1 MiB pieces. */
async function* endless(): AsyncGenerator<Uint8Array> {
  const piece = new Uint8Array(1 << 20);
  for (;;) yield piece;
}

/** Reads and ignores everything, never answers. */
const silent = () => server((socket) => void socket.resume());
/** Neither reads nor answers: a client's writes back up. */
const deaf = () => server(() => {});
const headThenStall = () =>
  server(async (socket) => {
    await readHead(socket);
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst part');
  });

async function closedSoon(s: RunningServer, count = 1): Promise<void> {
  for (let i = 0; i < 100 && s.closedConnections < count; i++) await sleep(10);
  expect(s.closedConnections, 'the server saw the connection close').toBe(count);
}

describe('Pool: abort', () => {
  it('rejects at once with the reason of a signal aborted before the call', async () => {
    const s = await silent();
    const controller = new AbortController();
    controller.abort();
    await expect(pool()('GET', s.url, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.connections).toBe(0);
  });

  it('aborts while resolving', async () => {
    const controller = new AbortController();
    const request = pool({ resolve: () => new Promise(() => {}) });
    setTimeout(() => controller.abort(), 20);
    await expect(request('GET', 'http://never.test/', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('aborts between resolving and connecting, with the reason given', async () => {
    const s = await silent();
    const controller = new AbortController();
    const events: WireEvent[] = [];
    const observe = (event: WireEvent) => {
      events.push(event);
      if (event.type === 'resolve') controller.abort(new Error('user pressed Cancel'));
    };
    await expect(pool()('GET', s.url, { signal: controller.signal, observe })).rejects.toThrow('user pressed Cancel');
    expect(events.map((e) => e.type)).toEqual(['resolve', 'error']);
    await sleep(20);
    expect(s.connections).toBe(0);
  });

  it('aborts during the TLS handshake, closing the socket', async () => {
    const s = await silent();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(pool()('GET', `https://127.0.0.1:${s.port}/`, { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await closedSoon(s);
  });

  it('aborts while sending a body the server does not read', async () => {
    const s = await deaf();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await expect(
      pool()('PUT', s.url, {
        headers: [['content-length', String(2 ** 40)]],
        body: endless(),
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - started).toBeLessThan(5000);
    s.sockets[0]!.resume();
    await closedSoon(s);
  });

  it('aborts while waiting for the response head', async () => {
    const s = await silent();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(pool()('GET', s.url, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await closedSoon(s);
  });

  it('aborts while the body is being read', async () => {
    const s = await headThenStall();
    const controller = new AbortController();
    const [code, , body] = await pool()('GET', s.url, { signal: controller.signal });
    expect(code).toBe(200);
    setTimeout(() => controller.abort(), 30);
    const received: string[] = [];
    const error = await (async () => {
      for await (const piece of body) received.push(new TextDecoder().decode(piece));
    })().catch((e: unknown) => e);
    expect(received).toEqual(['first part']);
    expect(error).toMatchObject({ name: 'AbortError' });
    await closedSoon(s);
  });

  it('leaves a finished exchange alone when its signal aborts later', async () => {
    const s = await server(async (socket) => {
      for (;;) {
        if (!(await readHead(socket))) return;
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      }
    });
    const request = pool();
    const controller = new AbortController();
    await buffered((await request('GET', s.url, { signal: controller.signal }))[2]);
    controller.abort();
    await buffered((await request('GET', s.url))[2]);
    expect(s.connections).toBe(1);
  });
});

describe('Pool: timeouts', () => {
  it('times out resolving as a connection error', async () => {
    const error = await pool({ socketTimeout: 50, resolve: () => new Promise(() => {}) })(
      'GET',
      'http://slow-dns.test/',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpConnectionTimeoutError);
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect(error).toMatchObject({ code: 'ERR_HTTP_TIMEOUT', phase: 'resolve' });
    expect((error as Error).message).toMatch(
      /Resolving slow-dns.test took longer than 50 ms \(socketTimeout\); nothing was sent/,
    );
  });

  it('times out a TLS handshake as a connection error', async () => {
    const s = await silent();
    const error = await pool({ socketTimeout: 80 })('GET', `https://127.0.0.1:${s.port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpConnectionTimeoutError);
    expect(error).toMatchObject({ phase: 'tls' });
    await closedSoon(s);
  });

  it('times out waiting for the response as a data error (the request was sent)', async () => {
    const s = await silent();
    const error = await pool({ socketTimeout: 80 })('GET', s.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpDataTimeoutError);
    expect(error).toBeInstanceOf(HttpDataError);
    expect(error).toMatchObject({ code: 'ERR_HTTP_TIMEOUT', phase: 'receive' });
    await closedSoon(s);
  });

  it('times out sending to a server that stops reading', async () => {
    const s = await deaf();
    const error = await pool({ socketTimeout: 150 })('PUT', s.url, {
      headers: [['content-length', String(2 ** 40)]],
      body: endless(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'HttpDataTimeoutError', phase: 'send' });
  });

  it('times out a stalled body, but not a slow consumer', async () => {
    const s = await headThenStall();
    const [, , body] = await pool({ socketTimeout: 80 })('GET', s.url);
    const iterator = body[Symbol.asyncIterator]();
    await sleep(200); // the consumer dawdles longer than socketTimeout: no timeout for that
    expect(new TextDecoder().decode((await iterator.next()).value)).toBe('first part');
    await expect(iterator.next()).rejects.toMatchObject({ name: 'HttpDataTimeoutError', phase: 'receive' });
  });
});

describe('Pool: the caller body after a failure', () => {
  it('closes the body it was sending when the exchange is aborted', async () => {
    const s = await deaf();
    const controller = new AbortController();
    let closed = false;
    async function* body(): AsyncGenerator<Uint8Array> {
      try {
        for (;;) yield new Uint8Array(1 << 20);
      } finally {
        closed = true;
      }
    }
    setTimeout(() => controller.abort(), 50);
    await expect(
      pool()('PUT', s.url, { headers: [['content-length', String(2 ** 40)]], body: body(), signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    await sleep(10);
    expect(closed).toBe(true);
  });
});
