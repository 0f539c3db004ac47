// How this works: browser mode serves the built renderer and InspectorApi over one loopback
// HTTP + WebSocket server, so the same UI runs in any browser. Safe by construction:
// - bound to 127.0.0.1 only; Host must name this server, once (DNS rebinding, RFC 9112 section 3.2);
// - the page itself (the built renderer: nothing secret) is served to anyone who reaches it; all
//   that acts or reads a capture needs the access token, which no other local server ever sees
//   (access.ts): the WebSocket's hello, the token header on upload slices, one-time tickets on
//   downloads; no cookie is ever set;
// - the WebSocket's Origin must be this server's own origin (cross-site WebSocket hijacking), and no
//   CORS header is ever sent;
// - every argument of every call is checked against its method's schema (rpc-session.ts), and no
//   request, frame or message can end the process: each handler's failure becomes an error answer
//   and a log line;
// - a slow page gets batch summaries (no bytes, no frames) instead of an unbounded send queue;
// - an upload slice is taken only by POST /upload/<pull id>, from this server's own origin, with the
//   token, for a pull it asked of a page, and of exactly the length it asked for.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import type { ExchangeBatch } from '../../shared/exchange-events';
import type { AppServices, Backend } from '../app-services';
import type { ExchangeService } from '../exchange/exchange-service';
import type { UploadRegistry } from '../exchange/upload-source';
import { AccessToken, DEFAULT_TOKEN_LIFETIME_MS, TOKEN_HEADER, Tickets, hostProblem, tokenRefusal } from './access';
import { HELLO_TIMEOUT_MS, MAX_UPLOADS_PER_PAGE, PendingSlices, serveSocket, type ExportTicket } from './rpc-session';

/** What browser mode streams for downloads: the exchange service's exports, under its names. */
export type Exports = Pick<ExchangeService, 'exported'>;

export interface BrowserModeOptions {
  backend: Backend;
  exports: Exports;
  /** Where files offered by pages are registered, to be pulled as their exchanges need them. */
  uploads: UploadRegistry;
  subscribe: (listener: (batch: ExchangeBatch) => void) => () => void;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) for any free port. */
  port?: number;
  /** Fixed first token, for tests; random otherwise. */
  token?: string;
  /** How long a token is good for (default 12 hours); then a new one is made and onTokenRotated told. */
  tokenLifetimeMs?: number;
  /** Hears the URL to open once the token has been replaced. */
  onTokenRotated?: (url: string) => void;
  /** Bytes queued on a socket past which batches are summarized (default 8 MiB). */
  maxQueuedBytes?: number;
  /** WebSockets open at once (default 16); one more is refused with 503. */
  maxSockets?: number;
  /** Files one page may have offered at once (default MAX_UPLOADS_PER_PAGE). */
  maxUploadsPerPage?: number;
  /** How long a new WebSocket may take to say hello (default HELLO_TIMEOUT_MS). */
  helloTimeoutMs?: number;
  /** Where failures are logged (default console.error). */
  log?: (line: string) => void;
}

/** What browser mode serves of the app's services: their backend, batches, exports and uploads. */
export function servedBy(
  services: AppServices,
): Pick<BrowserModeOptions, 'backend' | 'subscribe' | 'exports' | 'uploads'> {
  const { service } = services;
  return {
    backend: services.backend,
    subscribe: (listener) => service.subscribe(listener),
    exports: service,
    uploads: service.uploads,
  };
}

export interface BrowserModeServer {
  /** The URL to open, token (in its fragment) included. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

export async function startBrowserModeServer(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const maxQueued = options.maxQueuedBytes ?? 8 * 1024 * 1024;
  const maxSockets = options.maxSockets ?? 16;
  const assets = sirv(options.rendererDir, { dev: false, etag: true, single: false });
  let port = 0;
  let origin = '';
  const pageUrl = (token: string) => `${origin}/#token=${token}`;
  const token = new AccessToken(options.token, options.tokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS, (fresh) =>
    options.onTokenRotated?.(pageUrl(fresh)),
  );
  const tickets = new Tickets<ExportTicket>();
  const slices = new PendingSlices();
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  const refuse = (response: ServerResponse, status: number, message: string) => {
    if (response.headersSent) return void response.destroy();
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${message}\n`);
  };

  /** Streams what a one-time ticket names from disk, as a download. */
  const sendExport = async (response: ServerResponse, ticket: string) => {
    const named = tickets.redeem(ticket);
    if (!named) return refuse(response, 403, 'This download link is used or expired: press Save again.');
    const { id, what } = named;
    const { name, source } = options.exports.exported(id, what);
    const iterator = source()[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await iterator.next();
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return refuse(
        response,
        missing ? 404 : 500,
        missing ? `No capture ${id}.` : `Could not read capture ${id}: ${(error as Error).message}`,
      );
    }
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${name}"`,
    });
    const rest = async function* () {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    };
    await pipeline(Readable.from(rest()), response).catch((error: Error) => {
      log(`browser mode: download of ${id} (${what}) broke off: ${error.message}`);
      response.destroy(error);
    });
  };

  /** Takes the slice a page POSTs for one of its pulls. */
  const receiveSlice = (request: IncomingMessage, response: ServerResponse, pullId: string) => {
    if (!allowedOrigins().has(request.headers.origin ?? ''))
      return refuse(response, 403, 'Upload slices are taken only from the page this server serves.');
    const check = token.check(request.headers[TOKEN_HEADER]);
    if (check !== 'ok') return refuse(response, 403, tokenRefusal(check));
    const pull = slices.take(pullId);
    if (!pull)
      return refuse(
        response,
        404,
        `No upload slice ${pullId} is waiting (it was answered already, or its page closed).`,
      );
    const parts: Buffer[] = [];
    let received = 0;
    request.on('data', (part: Buffer) => {
      received += part.length;
      if (received <= pull.length) return void parts.push(part);
      // Longer than asked: read no more of it.
      pull.settle(
        new Error(
          `The page sent more than the ${pull.length} bytes of an upload slice; the file may have changed since it was chosen.`,
        ),
      );
      refuse(response, 413, `Expected ${pull.length} bytes, got more.`);
      request.destroy();
    });
    request.on('error', (error) =>
      pull.settle(new Error(`The upload slice from the page broke off: ${error.message}`)),
    );
    request.on('end', () => {
      if (received > pull.length) return;
      if (received !== pull.length) {
        pull.settle(
          new Error(
            `The page sent ${received} bytes for an upload slice of ${pull.length}; the file may have changed since it was chosen.`,
          ),
        );
        return refuse(response, 400, `Expected ${pull.length} bytes, got ${received}.`);
      }
      pull.settle(Buffer.concat(parts, received));
      response.writeHead(204).end();
    });
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const host = hostProblem(request, allowedHosts());
    if (host) return refuse(response, host.status, host.message);
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('cache-control', 'no-store');
    const url = new URL(request.url ?? '/', `http://${HOST}:${port}`);
    const slice = /^\/upload\/([A-Za-z0-9_-]{16,64})$/.exec(url.pathname);
    if (slice && request.method === 'POST') return receiveSlice(request, response, slice[1]!);
    const exported = /^\/export\/([A-Za-z0-9_-]{16,64})$/.exec(url.pathname);
    if (exported && request.method === 'GET') return sendExport(response, exported[1]!);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return refuse(response, 405, 'Only the page, its assets and the API live here.');
    assets(request, response, () => refuse(response, 404, 'Not found.'));
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: Error) => {
      log(`browser mode: ${request.method} ${request.url?.slice(0, 200)} failed: ${error.stack ?? error.message}`);
      refuse(response, 500, 'The server could not answer this request; it goes on serving.');
    });
  });
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
    log(`browser mode: a client sent what is not HTTP/1.1: ${error.message}`);
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  sockets.on('error', (error) => log(`browser mode: WebSocket server error: ${error.message}`));
  server.on('upgrade', (request, socket, head) => {
    // Until the handshake is done, a socket error is ours to handle; ws takes it over after that.
    const onError = (error: Error) => log(`browser mode: upgrade socket error: ${error.message}`);
    socket.on('error', onError);
    const url = new URL(request.url ?? '/', `http://${HOST}:${port}`);
    const host = hostProblem(request, allowedHosts());
    const refusal = host
      ? `${host.status} ${host.status === 400 ? 'Bad Request' : 'Misdirected Request'}`
      : url.pathname !== '/rpc' || !allowedOrigins().has(request.headers.origin ?? '')
        ? '403 Forbidden'
        : sockets.clients.size >= maxSockets
          ? '503 Service Unavailable'
          : null;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      socket.off('error', onError);
      serveSocket(ws, {
        backend: options.backend,
        uploads: options.uploads,
        subscribe: options.subscribe,
        token,
        tickets,
        slices,
        maxQueued,
        maxUploadsPerPage: options.maxUploadsPerPage ?? MAX_UPLOADS_PER_PAGE,
        helloTimeoutMs: options.helloTimeoutMs ?? HELLO_TIMEOUT_MS,
        log,
      });
    });
  });

  server.listen(options.port ?? 0, HOST);
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;
  return {
    url: pageUrl(token.current),
    origin,
    port,
    close: async () => {
      token.dispose();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
