import { describe, expect, it } from 'vitest';
import { latin1 } from '../../shared/visible-bytes';
import { HttpConnectionError } from './errors';
import { buffered, streamed } from './pool';
import { useFixtures } from './test-support/fixtures';
import { redirectable, redirectMethod, type RedirectHop } from './redirect';
import { isRetryable, retryable } from './retry';
import { HttpDataError, HttpProtocolError } from './errors';
import { httpServer, rawServer, readHead } from './test-support/servers';
import type { WireEvent } from './wire-events';

const { pool, server: start } = useFixtures();

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Redirects /r/<code>/<rest> with that code to /<rest>; answers anything else with what it saw. */
async function redirectServer(seen: Seen[]) {
  return start(
    httpServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(parts).toString() });
        const match = /^\/r\/(\d{3})(\/.*)$/.exec(req.url!);
        if (match) {
          res.writeHead(Number(match[1]), { location: match[2] });
          res.end('moved');
        } else if (req.url === '/loop') {
          res.writeHead(302, { location: '/loop' });
          res.end();
        } else res.end(`${req.method} ${req.url}`);
      });
    }),
  );
}

describe('redirectable', () => {
  it('follows a chain, reports each hop, and drains each redirect so one connection serves them all', async () => {
    const seen: Seen[] = [];
    const s = await redirectServer(seen);
    const hops: RedirectHop[] = [];
    const events: WireEvent[] = [];
    const request = redirectable(pool(), { onRedirect: (hop) => hops.push(hop) });
    const [code, , body] = await request('GET', `${s.url}/r/301/r/307/final`, { observe: (e) => events.push(e) });
    expect(code).toBe(200);
    expect(latin1(await buffered(body))).toBe('GET /final');
    expect(hops.map((h) => [h.code, h.hop, h.to])).toEqual([
      [301, 1, `${s.url}/r/307/final`],
      [307, 2, `${s.url}/final`],
    ]);
    expect(events.filter((e) => e.type === 'redirect')).toHaveLength(2);
    expect(s.connections).toBe(1);
  });

  it('turns POST into GET without its body on 303 (and 301, 302), and keeps both on 307 and 308', async () => {
    const seen: Seen[] = [];
    const s = await redirectServer(seen);
    const request = redirectable(pool());
    for (const code of [301, 302, 303, 307, 308]) {
      seen.length = 0;
      const [, , body] = await request('POST', `${s.url}/r/${code}/done`, {
        headers: [
          ['content-length', '4'],
          ['content-type', 'text/plain'],
        ],
        body: streamed('data'),
      });
      await buffered(body);
      const final = seen[1]!;
      const kept = code === 307 || code === 308;
      expect([code, final.method, final.body, final.headers['content-type'] ?? null]).toEqual([
        code,
        kept ? 'POST' : 'GET',
        kept ? 'data' : '',
        kept ? 'text/plain' : null,
      ]);
    }
  });

  it('refuses to resend a one-shot body, and stops a loop at maxRedirects', async () => {
    const s = await redirectServer([]);
    const request = redirectable(pool(), { maxRedirects: 3 });
    const oneShot = (async function* () {
      yield new TextEncoder().encode('x');
    })();
    await expect(
      request('PUT', `${s.url}/r/307/x`, { headers: [['content-length', '1']], body: oneShot }),
    ).rejects.toMatchObject({ code: 'ERR_HTTP_REDIRECT_BODY' });
    await expect(request('GET', `${s.url}/loop`)).rejects.toMatchObject({
      code: 'ERR_HTTP_TOO_MANY_REDIRECTS',
      message: expect.stringMatching(/Stopped after 3 redirects/),
    });
  });

  it('drops credentials when the redirect leaves the origin', async () => {
    const seen: Seen[] = [];
    const other = await redirectServer(seen);
    const first = await start(
      httpServer((_req, res) => {
        res.writeHead(302, { location: `${other.url}/landed` });
        res.end();
      }),
    );
    const [, , body] = await redirectable(pool())('GET', first.url, {
      headers: [
        ['authorization', 'Bearer secret'],
        ['x-keep', '1'],
      ],
    });
    await buffered(body);
    expect(seen[0]!.headers['authorization']).toBeUndefined();
    expect(seen[0]!.headers['x-keep']).toBe('1');
  });

  it('picks the method for each code as RFC 9110 says', () => {
    expect(redirectMethod(303, 'PUT')).toBe('GET');
    expect(redirectMethod(303, 'HEAD')).toBe('HEAD');
    expect(redirectMethod(302, 'POST')).toBe('GET');
    expect(redirectMethod(302, 'PUT')).toBe('PUT');
    expect(redirectMethod(308, 'POST')).toBe('POST');
  });
});

describe('retryable', () => {
  it('decides by error side and method', () => {
    const connection = new HttpConnectionError('ERR_HTTP_CONNECT', 'refused');
    const data = new HttpDataError('ERR_HTTP_SOCKET', 'reset');
    const protocol = new HttpProtocolError('ERR_HTTP_BARE_CR', 'bad', { fault: 'server', direction: 'rx', offset: 0 });
    expect(isRetryable('POST', connection, false)).toBe(true);
    expect(isRetryable('POST', data, true)).toBe(false);
    expect(isRetryable('PUT', data, true)).toBe(true);
    expect(isRetryable('PUT', data, false)).toBe(false);
    expect(isRetryable('GET', protocol, true)).toBe(false);
    expect(isRetryable('GET', new Error('other'), true)).toBe(false);
  });

  it('retries a GET whose connection was closed without an answer, on a real socket', async () => {
    const s = await start(
      rawServer(async (socket, index) => {
        await readHead(socket);
        if (index === 0) socket.destroy();
        else socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      }),
    );
    const retries: number[] = [];
    const request = retryable(pool(), { delay: () => 1, onRetry: ({ attempt }) => retries.push(attempt) });
    const [code, , body] = await request('GET', s.url);
    expect([code, latin1(await buffered(body))]).toEqual([200, 'ok']);
    expect(retries).toEqual([2]);
  });

  it('does not retry a POST that may have reached the server', async () => {
    const s = await start(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.destroy();
      }),
    );
    const request = retryable(pool(), { delay: () => 1 });
    await expect(
      request('POST', s.url, { headers: [['content-length', '1']], body: streamed('x') }),
    ).rejects.toBeInstanceOf(HttpDataError);
    expect(s.connections).toBe(1);
  });

  it('retries a refused connection, for any method, up to the attempts given', async () => {
    const s = await rawServer(() => {});
    await s.close();
    const retries: number[] = [];
    const request = retryable(pool(), { attempts: 4, delay: () => 1, onRetry: ({ attempt }) => retries.push(attempt) });
    await expect(request('POST', s.url)).rejects.toBeInstanceOf(HttpConnectionError);
    expect(retries).toEqual([2, 3, 4]);
  });
});
