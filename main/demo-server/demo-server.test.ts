import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buffered, chunked, Pool, streamed } from '../lowhaio';
import type { WireEvent } from '../lowhaio/wire-events';
import { SCENARIOS } from './scenarios';
import { startDemoServer, type DemoServer } from './server';

let demo: DemoServer;
const [request, close] = Pool();
beforeAll(async () => {
  demo = await startDemoServer();
});
afterAll(async () => {
  await close();
  await demo.close();
});

const text = async (body: AsyncIterable<Uint8Array>) => new TextDecoder().decode(await buffered(body));

describe('demo server', () => {
  it('lists its scenarios at /', async () => {
    const [code, headers, body] = await request('GET', `${demo.url}/`);
    expect(code).toBe(200);
    expect(headers).toContainEqual(['content-type', 'application/json']);
    const { scenarios } = JSON.parse(await text(body)) as { scenarios: Array<{ path: string }> };
    expect(scenarios.map((s) => s.path)).toContain('/chunked');
    expect(scenarios.length).toBeGreaterThanOrEqual(13);
  });

  it('streams chunks live: each arrives on its own, delay ms apart, before the response ends', async () => {
    const events: WireEvent[] = [];
    const [code, , body] = await request('GET', `${demo.url}/chunked?count=4&size=10&delay=60`, {
      observe: (e) => events.push(e),
    });
    expect(code).toBe(200);
    const arrivals: number[] = [];
    for await (const piece of body) {
      expect(piece.length).toBe(10);
      arrivals.push(performance.now());
    }
    expect(arrivals).toHaveLength(4);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThan(40);
    const sizes = events.flatMap((e) => (e.type === 'frame' && e.frame.kind === 'chunk-size' ? [e.frame.size] : []));
    expect(sizes).toEqual([10, 10, 10, 10, 0]);
  });

  it('sends many small chunks fast, every one whole and in order, and 1,000,000 at most', async () => {
    const events: WireEvent[] = [];
    const [code, , body] = await request('GET', `${demo.url}/chunked?count=200000&size=7&delay=0`, {
      observe: (e) => events.push(e),
    });
    expect(code).toBe(200);
    const data = await buffered(body);
    expect(data.length).toBe(200_000 * 7);
    const sizes = events.flatMap((e) => (e.type === 'frame' && e.frame.kind === 'chunk-size' ? [e.frame.size] : []));
    expect(sizes.length).toBe(200_001);
    expect(sizes.every((size, i) => size === (i < 200_000 ? 7 : 0))).toBe(true);
    // Chunk i starts at shift (i * 7) % 45 of the filler sentence: the chunks came in order.
    const sentence = 'The quick brown fox jumps over the lazy dog. ';
    for (const i of [0, 1, 12_345, 199_999]) {
      const shift = (i * 7) % sentence.length;
      expect(new TextDecoder().decode(data.subarray(i * 7, i * 7 + 7))).toBe(
        sentence.repeat(2).slice(shift, shift + 7),
      );
    }
    const [tooMany, , tooManyBody] = await request('GET', `${demo.url}/chunked?count=1000001&size=1&delay=0`);
    expect([tooMany, await text(tooManyBody)]).toEqual([
      400,
      '/chunked: count=1000001 is not an integer from 0 to 1,000,000; leave it out for 5.\n',
    ]);
  });

  it('answers a parameter it cannot use with 400 and what it takes, and the connection goes on', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/chunked?size=0', /size=0 is not an integer from 1 to 1,048,576/],
      ['/chunked?delay=-5', /delay=-5 is not an integer from 0 to 60,000/],
      ['/chunked?count=lots', /count=lots is not an integer/],
      ['/status?code=101', /code=101 switches protocols, .*RFC 9110 section 7\.8/],
      ['/status?code=600', /code=600 is not an integer from 100 to 599/],
      ['/content-length?size=1.5', /size=1.5 is not an integer/],
      ['/redirect?hops=0', /hops=0 is not an integer from 1 to 50/],
    ];
    let opened = 0;
    const countNew = (e: WireEvent) => void (e.type === 'connect' && !e.reused && opened++);
    for (const [path, message] of cases) {
      const [code, headers, body] = await request('GET', `${demo.url}${path}`, { observe: countNew });
      expect([path, code]).toEqual([path, 400]);
      expect(headers).toContainEqual(['content-type', 'text/plain; charset=utf-8']);
      expect(await text(body)).toMatch(message);
    }
    // A 400 leaves the connection usable: the next request goes on it.
    const [code, , body] = await request('GET', `${demo.url}/status?code=204`, { observe: countNew });
    expect(code).toBe(204);
    await buffered(body);
    expect(opened).toBeLessThanOrEqual(1);
  });

  it('folds a header over three lines at /obs-fold, which lowhaio unfolds with one space per fold', async () => {
    const [code, headers, body] = await request('GET', `${demo.url}/obs-fold`);
    expect(code).toBe(200);
    expect(headers).toContainEqual(['x-folded', 'first part, second part, third part']);
    expect(await text(body)).toBe('The X-Folded header came over three lines.\n');
  });

  it('answers /too-large on the head alone, and lowhaio keeps that answer, sending little of the body', async () => {
    const events: WireEvent[] = [];
    const piece = new Uint8Array(65536);
    const [code, , body] = await request('PUT', `${demo.url}/too-large`, {
      headers: [['content-length', String(512 * 65536)]],
      body: async function* () {
        for (let i = 0; i < 512; i++) yield piece;
      },
      observe: (event) => events.push(event),
    });
    expect(code).toBe(413);
    expect(await text(body)).toMatch(/answered as soon as it read the head/);
    const stopped = events.find((event) => event.type === 'upload-stopped');
    expect(stopped?.type === 'upload-stopped' && stopped.sent).toBeLessThan(512 * 65536);
  });

  it('answers a request with two Host headers with 400 (RFC 9112 section 3.2) and closes', async () => {
    const socket = connect(demo.port, '127.0.0.1');
    socket.write(`GET /content-length?size=10 HTTP/1.1\r\nHost: 127.0.0.1:${demo.port}\r\nHost: other.example\r\n\r\n`);
    const parts: Buffer[] = [];
    socket.on('data', (part: Buffer) => parts.push(part));
    await once(socket, 'close');
    const answer = Buffer.concat(parts).toString('latin1');
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*Connection: close\r\n/);
    expect(answer).toMatch(/exactly one Host header \(RFC 9112 section 3\.2\); this one has 2\.\n$/);
  });

  it('a client that goes away mid-response leaves the server serving the next one', async () => {
    const controller = new AbortController();
    const [, , body] = await request('GET', `${demo.url}/chunked?count=1000000&size=1000&delay=0`, {
      signal: controller.signal,
    });
    let received = 0;
    await expect(
      (async () => {
        for await (const piece of body) {
          received += piece.length;
          if (received > 5_000_000) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    const [code, , rest] = await request('GET', `${demo.url}/content-length?size=10`);
    expect([code, (await text(rest)).length]).toEqual([200, 10]);
  });

  it('sends chunk extensions and trailers', async () => {
    const events: WireEvent[] = [];
    const [, , body] = await request('GET', `${demo.url}/chunked-extensions`, { observe: (e) => events.push(e) });
    expect(await text(body)).toBe('Hello, world!');
    const extensions = events.flatMap((e) =>
      e.type === 'frame' && e.frame.kind === 'chunk-size' ? [e.frame.extensions] : [],
    );
    expect(extensions).toEqual([
      [['part', '1']],
      [
        ['part', '2'],
        ['note', 'last data'],
      ],
      [['done', null]],
    ]);
    expect(events.find((e) => e.type === 'end')).toMatchObject({
      trailers: [
        ['Server-Timing', 'total;dur=12'],
        ['X-Checksum', '3f9a'],
      ],
    });
  });

  it('frames bodies by Content-Length and by the close of the connection', async () => {
    expect((await text((await request('GET', `${demo.url}/content-length?size=100`))[2])).length).toBe(100);
    const events: WireEvent[] = [];
    const [, , body] = await request('GET', `${demo.url}/close-delimited?size=50`, { observe: (e) => events.push(e) });
    expect((await text(body)).length).toBe(50);
    expect(events.find((e) => e.type === 'end')).toMatchObject({ reusable: false });
  });

  it('echoes the exact bytes of a request, chunked upload included', async () => {
    const [, , plain] = await request('POST', `${demo.url}/echo?x=1`, {
      headers: [
        ['content-length', '5'],
        ['X-Case', 'Kept'],
      ],
      body: streamed('hello'),
    });
    expect(await text(plain)).toBe(
      `POST /echo?x=1 HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\ncontent-length: 5\r\nX-Case: Kept\r\n\r\nhello`,
    );
    const pieces = async function* () {
      yield new TextEncoder().encode('ab');
      yield new TextEncoder().encode('cde');
    };
    const [, , echoed] = await request('PUT', `${demo.url}/echo`, {
      headers: [['transfer-encoding', 'chunked']],
      body: chunked(pieces(), { trailers: [['x-t', '1']] }),
    });
    expect(await text(echoed)).toMatch(/\r\n\r\n2\r\nab\r\n3\r\ncde\r\n0\r\nx-t: 1\r\n\r\n$/);
  });

  it('echoes a large upload byte for byte, however many reads it came in', async () => {
    const size = 20 * 1024 * 1024;
    const upload = new Uint8Array(size);
    for (let i = 0; i < size; i++) upload[i] = (i * 31) & 0xff;
    const pieces = async function* () {
      for (let at = 0; at < size; at += 100_000) yield upload.subarray(at, Math.min(size, at + 100_000));
    };
    const [, , echoed] = await request('PUT', `${demo.url}/echo`, {
      headers: [['content-length', String(size)]],
      body: pieces,
    });
    const bytes = await buffered(echoed);
    const bodyStart = Buffer.from(bytes).indexOf('\r\n\r\n') + 4;
    expect(new TextDecoder().decode(bytes.subarray(0, bodyStart))).toBe(
      `PUT /echo HTTP/1.1\r\nhost: 127.0.0.1:${demo.port}\r\ncontent-length: ${size}\r\n\r\n`,
    );
    expect(bytes.length).toBe(bodyStart + size);
    expect(Buffer.from(bytes.subarray(bodyStart)).equals(Buffer.from(upload))).toBe(true);
  });

  it('takes an upload of any size where it does not echo it (100 MiB, chunked), without keeping it', async () => {
    const piece = new Uint8Array(1024 * 1024).fill(0x61);
    const pieces = async function* () {
      for (let i = 0; i < 100; i++) yield piece;
    };
    const [code, , body] = await request('PUT', `${demo.url}/status?code=204`, {
      headers: [['transfer-encoding', 'chunked']],
      body: () => chunked(pieces()),
    });
    await buffered(body);
    expect(code).toBe(204);
  });

  it('answers any status, and follows a redirect chain to its end', async () => {
    const [code, , body] = await request('GET', `${demo.url}/status?code=418`);
    expect([code, await text(body)]).toEqual([418, "418 I'm a teapot\n"]);
    const [redirect, headers, rest] = await request('GET', `${demo.url}/redirect?hops=2`);
    await buffered(rest);
    expect([redirect, headers.find(([n]) => n === 'location')?.[1]]).toEqual([302, '/redirect?hops=1']);
  });

  it('builds a slow head one header at a time', async () => {
    const times: number[] = [];
    const started = performance.now();
    const [, headers, body] = await request('GET', `${demo.url}/slow-head?delay=30`, {
      observe: (e) => void (e.type === 'frame' && e.frame.kind === 'header' && times.push(e.t - started)),
    });
    expect(await text(body)).toBe('final');
    expect(headers.filter(([n]) => n === 'x-slow')).toHaveLength(2);
    expect(times[3]! - times[0]!).toBeGreaterThan(60);
  });

  it.each([
    ['/malformed/bad-chunk-size', 'ERR_HTTP_INVALID_CHUNK_SIZE'],
    ['/malformed/oversized-header', 'ERR_HTTP_HEADER_TOO_LONG'],
    ['/malformed/truncated-body', 'ERR_HTTP_CONNECTION_CLOSED'],
    ['/malformed/bare-lf', 'ERR_HTTP_BARE_LF'],
  ])('serves %s, which lowhaio refuses with %s', async (path, code) => {
    const error = await request('GET', `${demo.url}${path}`)
      .then(([, , body]) => buffered(body))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
  });

  it('sends 103 Early Hints, then the final response, on one exchange', async () => {
    const events: WireEvent[] = [];
    const [code, headers, body] = await request('GET', `${demo.url}/early-hints?delay=20`, {
      observe: (e) => events.push(e),
    });
    expect(await text(body)).toContain('The final response.');
    expect(code).toBe(200);
    expect(headers).toContainEqual(['link', '</style.css>; rel=preload; as=style']);
    const interim = events.filter((e) => e.type === 'informational');
    expect(interim).toEqual([
      expect.objectContaining({ code: 103, headers: [['Link', '</style.css>; rel=preload; as=style']] }),
    ]);
    expect(events.find((e) => e.type === 'reuse')).toMatchObject({ reusable: true });
  });

  it.each([
    ['GET', 'Hello', 16],
    ['HEAD', '', 21],
  ])(
    'sends a body longer than its Content-Length: to %s, the bytes after the response are framed as such',
    async (method, read, stray) => {
      const events: WireEvent[] = [];
      const [, , body] = await request(method, `${demo.url}/malformed/body-longer-than-length`, {
        observe: (e) => events.push(e),
      });
      expect(await text(body)).toBe(read);
      const frames = events.flatMap((e) => (e.type === 'frame' && e.direction === 'rx' ? [e.frame] : []));
      const last = frames[frames.length - 1]!;
      expect([last.kind, last.end - last.start]).toEqual(['extraneous', stray]);
      expect(events.find((e) => e.type === 'reuse')).toMatchObject({ reusable: false });
    },
  );

  it('serves both Content-Length and chunked: chunked wins and the connection is not reused', async () => {
    const events: WireEvent[] = [];
    const [, , body] = await request('GET', `${demo.url}/malformed/content-length-and-chunked`, {
      observe: (e) => events.push(e),
    });
    expect(await text(body)).toBe('Hello');
    expect(events.find((e) => e.type === 'end')).toMatchObject({ reusable: false });
  });

  it('closes the connection after its response when the request asks for that (Connection: close), and only then', async () => {
    const socket = connect(demo.port, '127.0.0.1');
    let received = '';
    let ended = false;
    socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
    socket.on('end', () => (ended = true));
    await once(socket, 'connect');
    // Kept alive: the second request goes over the same connection.
    socket.write('GET /status?code=204 HTTP/1.1\r\nHost: demo\r\n\r\n');
    await expect.poll(() => received).toMatch(/^HTTP\/1\.1 204 .*\r\n\r\n$/s);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ended).toBe(false);
    // "close" among other options, in any case: the response, then the server's end of the connection.
    received = '';
    socket.write('GET /nowhere HTTP/1.1\r\nHost: demo\r\nConnection: keep-alive, Close\r\n\r\n');
    await once(socket, 'end');
    expect(received).toMatch(/^HTTP\/1\.1 404 Not Found\r\n/);
    const length = Number(/content-length: (\d+)/i.exec(received)![1]);
    expect(received.length - received.indexOf('\r\n\r\n') - 4).toBe(length);
    socket.destroy();
  });
  it('says "Connection: close" in every well-formed response it closes after, and only then', async () => {
    /** Sends one request on a connection of its own; the response head, and whether the server ended the connection. */
    const exchange = async (target: string, closing: boolean) => {
      const socket = connect(demo.port, '127.0.0.1');
      let received = '';
      socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
      await once(socket, 'connect');
      socket.write(`GET ${target} HTTP/1.1\r\nHost: demo\r\n${closing ? 'Connection: close\r\n' : ''}\r\n`);
      const ended = await Promise.race([
        once(socket, 'end').then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 300)),
      ]);
      socket.destroy();
      // The final response's head: interim (1xx) heads before it do not say how the connection ends.
      let at = 0;
      while (/^HTTP\/1\.1 1\d\d /.test(received.slice(at))) at = received.indexOf('\r\n\r\n', at) + 4;
      const head = received.slice(at, received.indexOf('\r\n\r\n', at));
      return {
        fields: head
          .split('\r\n')
          .slice(1)
          .filter((line) => /^connection:/i.test(line)),
        ended,
      };
    };
    // Every scenario but the malformed ones (their bytes are fixed), with no delays; the server's own
    // responses too: the list, a 404 and a 400.
    const targets = [
      ...SCENARIOS.filter((scenario) => !scenario.path.startsWith('/malformed/')).map(
        (scenario) =>
          `${scenario.path}?${new URLSearchParams(Object.entries(scenario.params ?? {}).map(([name, value]): [string, string] => [name, name === 'delay' ? '0' : value]))}`,
      ),
      '/',
      '/nowhere',
      '/chunked?count=many',
    ];
    expect(targets.length).toBeGreaterThanOrEqual(11);
    for (const target of targets) {
      expect(await exchange(target, true), target).toEqual({ fields: ['Connection: close'], ended: true });
      const kept = await exchange(target, false);
      // Scenarios that always close say so, asked or not.
      if (target.startsWith('/close-delimited') || target.startsWith('/too-large'))
        expect(kept, target).toEqual({ fields: ['Connection: close'], ended: true });
      else expect(kept, target).toEqual({ fields: [], ended: false });
    }
  });
});

/**
 * Sends `bytes` on a connection of its own and reads what comes back: until the server closes, or
 * until nothing has come for `quiet` ms (the connection then still open).
 */
async function raw(bytes: string, quiet = 300): Promise<{ received: string; closed: boolean }> {
  const socket = connect(demo.port, '127.0.0.1');
  let received = '';
  let closed = false;
  let last = Date.now();
  socket.on('data', (data: Buffer) => {
    received += data.toString('latin1');
    last = Date.now();
  });
  socket.on('end', () => (closed = true));
  await once(socket, 'connect');
  socket.write(bytes);
  while (!closed && Date.now() - last < quiet) await new Promise((resolve) => setTimeout(resolve, 20));
  socket.destroy();
  return { received, closed };
}

describe('demo server: it obeys the rules it teaches', () => {
  it('answers HEAD with the head alone (RFC 9110 section 9.3.2), its Content-Length what GET would say', async () => {
    for (const target of ['/content-length?size=10', '/chunked?count=3&size=4&delay=0', '/', '/nowhere']) {
      const { received, closed } = await raw(`HEAD ${target} HTTP/1.1\r\nHost: demo\r\n\r\n`);
      expect(received, target).toMatch(/\r\n\r\n$/);
      expect(received.indexOf('\r\n\r\n'), target).toBe(received.length - 4);
      expect(closed, target).toBe(false);
    }
    const { received } = await raw('HEAD /content-length?size=10 HTTP/1.1\r\nHost: demo\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*Content-Length: 10\r\n\r\n$/);
    // lowhaio reads it as a response without a body, and the connection stays usable.
    const events: WireEvent[] = [];
    const [code, , body] = await request('HEAD', `${demo.url}/content-length?size=10`, {
      observe: (e) => events.push(e),
    });
    expect(code).toBe(200);
    expect(await buffered(body)).toHaveLength(0);
    expect(events.find((e) => e.type === 'end')).toMatchObject({ reusable: true });
  });

  it('keeps a malformed scenario as malformed as it claims, HEAD or not', async () => {
    const { received } = await raw('HEAD /malformed/body-longer-than-length HTTP/1.1\r\nHost: demo\r\n\r\n');
    expect(received).toMatch(/\r\n\r\nHello and 16 strays\.\n$/);
  });

  it('answers HTTP/1.0 without chunked or interim responses, and closes unless asked to keep alive', async () => {
    // A chunked scenario: the chunks' data as a body ended by the close (RFC 9112 section 6.1).
    const chunked = await raw('GET /chunked?count=3&size=4&delay=0 HTTP/1.0\r\n\r\n');
    expect(chunked.closed).toBe(true);
    const [head = '', body] = chunked.received.split('\r\n\r\n');
    expect(head).not.toMatch(/transfer-encoding/i);
    expect(head).toMatch(/\r\nConnection: close$/);
    const [, , decoded] = await request('GET', `${demo.url}/chunked?count=3&size=4&delay=0`);
    expect(body).toBe(await text(decoded));
    expect(body).toHaveLength(12);
    // Kept alive when asked, with a length: the answer says so, and the connection stays.
    const kept = await raw('GET /content-length?size=5 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n');
    expect(kept.received).toMatch(/\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nThe q$/);
    expect(kept.closed).toBe(false);
    const closed = await raw('GET /content-length?size=5 HTTP/1.0\r\n\r\n');
    expect(closed.received).toMatch(/\r\nConnection: close\r\n\r\nThe q$/);
    expect(closed.closed).toBe(true);
    // No 1xx for an HTTP/1.0 client (RFC 9110 section 15.2): the final response alone.
    const early = await raw('GET /early-hints?delay=0 HTTP/1.0\r\n\r\n');
    expect(early.received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(early.received).not.toContain('103');
  });

  it('answers a request with both Content-Length and Transfer-Encoding with 400, and closes', async () => {
    const { received, closed } = await raw(
      'POST /content-length HTTP/1.1\r\nHost: demo\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n',
    );
    expect(received).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*Connection: close\r\n/);
    expect(received).toContain('both Content-Length and Transfer-Encoding');
    expect(closed).toBe(true);
  });

  it('answers Expect: 100-continue with 100 before the body, and the body is then read', async () => {
    const socket = connect(demo.port, '127.0.0.1');
    let received = '';
    socket.on('data', (data: Buffer) => (received += data.toString('latin1')));
    await once(socket, 'connect');
    socket.write('POST /echo HTTP/1.1\r\nHost: demo\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n');
    await expect.poll(() => received).toBe('HTTP/1.1 100 Continue\r\n\r\n');
    socket.write('hello');
    await expect.poll(() => received).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 200 OK\r\n[\s\S]*hello$/);
    socket.destroy();
    // The scenario that answers early gets no 100: its 413 is the answer.
    const early = await raw(
      'POST /too-large HTTP/1.1\r\nHost: demo\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n',
    );
    expect(early.received).toMatch(/^HTTP\/1\.1 413 Content Too Large\r\n/);
  });

  it('answers /echo over its limit with 413 rather than closing without a word', async () => {
    const { received, closed } = await raw(
      `POST /echo HTTP/1.1\r\nHost: demo\r\nContent-Length: ${64 * 1024 * 1024 + 1}\r\n\r\n`,
    );
    expect(received).toMatch(/^HTTP\/1\.1 413 Content Too Large\r\n[\s\S]*Connection: close\r\n/);
    expect(received).toContain('at most 64 MiB');
    expect(closed).toBe(true);
  });

  it('offers any status from 100 to 599, an interim one followed by a final 200', async () => {
    const { received } = await raw('GET /status?code=102 HTTP/1.1\r\nHost: demo\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 102 Processing\r\n\r\nHTTP\/1\.1 200 OK\r\n/);
    const [code, , body] = await request('GET', `${demo.url}/status?code=599`);
    expect(code).toBe(599);
    await buffered(body);
  });
});
