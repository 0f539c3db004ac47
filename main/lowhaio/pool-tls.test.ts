import { createSecureContext, type DetailedPeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { summarizeChain } from './connect';
import { HttpConnectionError, HttpTlsError } from './errors';
import { buffered } from './pool';
import { useFixtures } from './test-support/fixtures';
import { httpServer, rawServer, readHead, testCertificates, tlsServer } from './test-support/servers';
import type { WireEvent } from './wire-events';

const { pool, server } = useFixtures();

async function helloServer(options: Parameters<typeof tlsServer>[1] = {}) {
  return server(
    tlsServer(async (socket) => {
      for (;;) {
        if (!(await readHead(socket))) return;
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret');
      }
    }, options),
  );
}

describe('Pool: TLS', () => {
  it('verifies certificates by default and refuses one it cannot trust', async () => {
    const s = await helloServer();
    const error = await pool()('GET', `https://localhost:${s.port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTlsError);
    expect(error).toBeInstanceOf(HttpConnectionError);
    expect((error as Error).message).toMatch(
      /TLS handshake with localhost failed: .*self[- ]signed.*Pass the server's CA certificate/,
    );
  });

  it('trusts a CA given in the tls option, sends SNI, and reports the session', async () => {
    const s = await helloServer();
    const { cert } = await testCertificates();
    const events: WireEvent[] = [];
    const request = pool({ tls: { ca: cert }, resolve: async () => ['127.0.0.1'] });
    const [code, , body] = await request('GET', `https://localhost:${s.port}/`, { observe: (e) => events.push(e) });
    expect(code).toBe(200);
    expect(new TextDecoder().decode(await buffered(body))).toBe('secret');
    expect(s.servernames).toEqual(['localhost']);
    const tls = events.find((e) => e.type === 'tls');
    expect(tls).toMatchObject({
      type: 'tls',
      authorized: true,
      protocol: expect.stringMatching(/^TLSv1\.[23]$/),
      peerCertificate: { subject: { CN: 'localhost' } },
      alpn: null,
    });
    // A self-signed certificate is the whole chain: the walk stops at a certificate its own issuer.
    expect(tls?.type === 'tls' && tls.chain?.map((c) => c.subject['CN'])).toEqual(['localhost']);
    expect(events.map((e) => e.type).slice(0, 3)).toEqual(['resolve', 'connect', 'tls']);
    // The connection is pooled like a plain one.
    await buffered((await request('GET', `https://localhost:${s.port}/again`))[2]);
    expect(s.connections).toBe(1);
  });

  it('times TLS as its own phase: connect when TCP connects, tls when a slow handshake ends', async () => {
    const { cert, key } = await testCertificates();
    const context = createSecureContext({ cert, key });
    // The server holds its answer to the ClientHello for 400 ms.
    const s = await server(
      tlsServer(
        async (socket) => {
          await readHead(socket);
          socket.end('HTTP/1.1 204 No Content\r\n\r\n');
        },
        { SNICallback: (_name, done) => void setTimeout(() => done(null, context), 400) },
      ),
    );
    const events: WireEvent[] = [];
    const [code] = await pool({ tls: { ca: cert }, resolve: async () => ['127.0.0.1'] })(
      'GET',
      `https://localhost:${s.port}/`,
      { observe: (e) => events.push(e) },
    );
    expect(code).toBe(204);
    const at = (type: WireEvent['type']) => events.find((e) => e.type === type)!.t;
    expect(at('connect') - at('resolve')).toBeLessThan(200);
    expect(at('tls') - at('connect')).toBeGreaterThanOrEqual(350);
    const connect = events.find((e) => e.type === 'connect');
    const tls = events.find((e) => e.type === 'tls');
    expect(connect?.type === 'connect' && tls?.type === 'tls' && connect.connection === tls.connection).toBe(true);
  });

  it("says an https:// URL reached a plain HTTP server, not OpenSSL's words alone", async () => {
    const s = await server(httpServer((_request, response) => response.end('plain')));
    const error = await pool()('GET', `https://127.0.0.1:${s.port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTlsError);
    expect(error).toMatchObject({ code: 'ERR_HTTP_TLS_PLAIN_HTTP' });
    expect((error as Error).message).toMatch(/answered in plain HTTP, not TLS .*use an http:\/\/ URL/);
  });

  it('says an http:// URL reached a TLS server (one that answers with an alert record), at once', async () => {
    // A TLS server that reads a plain request and answers with a fatal alert (record type 21), then waits.
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write(Uint8Array.of(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46));
      }),
    );
    const started = performance.now();
    const error = await pool()('GET', `http://127.0.0.1:${s.port}/`).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(error).toMatchObject({ code: 'ERR_HTTP_NOT_HTTP' });
    expect((error as Error).message).toMatch(/answered with TLS .*use an https:\/\/ URL/);
  });

  it('sends no SNI for an IP address, and can skip verification when asked', async () => {
    const s = await helloServer();
    const events: WireEvent[] = [];
    const [code] = await pool({ tls: { rejectUnauthorized: false } })('GET', `https://127.0.0.1:${s.port}/`, {
      observe: (e) => events.push(e),
    });
    expect(code).toBe(200);
    expect(s.servernames).toEqual([false]);
    expect(events.find((e) => e.type === 'tls')).toMatchObject({
      authorized: false,
      authorizationError: expect.stringMatching(/SELF_SIGNED|self[- ]signed/i),
    });
  });

  it('refuses a certificate for another name even with its CA trusted', async () => {
    const s = await helloServer();
    const { cert } = await testCertificates();
    const error = await pool({ tls: { ca: cert }, resolve: async () => ['127.0.0.1'] })(
      'GET',
      `https://other.test:${s.port}/`,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpTlsError);
    expect((error as Error).message).toMatch(/other\.test/);
  });

  it('reports the protocol ALPN agreed on', async () => {
    const s = await helloServer({ ALPNProtocols: ['http/1.1'] });
    const { cert } = await testCertificates();
    const events: WireEvent[] = [];
    const request = pool({ tls: { ca: cert }, resolve: async () => ['127.0.0.1'] });
    await buffered((await request('GET', `https://localhost:${s.port}/`, { observe: (e) => events.push(e) }))[2]);
    expect(events.find((e) => e.type === 'tls')).toMatchObject({ alpn: 'http/1.1' });
  });
});

describe('summarizeChain', () => {
  it('walks from the server certificate through each issuer, and stops at one that issues itself', () => {
    const certificate = (cn: string, fingerprint: string) => ({
      subject: { CN: cn },
      issuer: { CN: 'issuer' },
      valid_from: 'Jan 1 2026',
      valid_to: 'Jan 1 2027',
      fingerprint256: fingerprint,
    });
    const root = { ...certificate('Root CA', 'CC'), issuerCertificate: undefined as unknown };
    root.issuerCertificate = root;
    const middle = { ...certificate('Intermediate', 'BB'), issuerCertificate: root };
    const leaf = { ...certificate('example.test', 'AA'), issuerCertificate: middle };
    const chain = summarizeChain(leaf as unknown as DetailedPeerCertificate);
    expect(chain.map((c) => [c.subject['CN'], c.fingerprint256])).toEqual([
      ['example.test', 'AA'],
      ['Intermediate', 'BB'],
      ['Root CA', 'CC'],
    ]);
  });
});
