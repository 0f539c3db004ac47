// How this works: browser mode serves the built renderer and InspectorApi over one loopback
// HTTP + WebSocket server, so the same UI runs in any browser. Safe by construction:
// - bound to 127.0.0.1 only;
// - nothing is served without the random access token: the URL printed at start carries it once
//   (?token=...), which sets an HttpOnly, SameSite=Strict cookie for the rest;
// - the Host header must name this server (DNS rebinding), the WebSocket's Origin must be this
//   server's own origin (cross-site WebSocket hijacking), and no CORS header is ever sent;
// - a slow page gets batch summaries (no bytes, no frames) instead of an unbounded send queue;
// - an upload slice is taken only by POST /upload/<pull id>, from this server's own origin, for a
//   pull it asked of that page, and of exactly the length it asked for.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ExchangeBatch } from '../../shared/exchange-events';
import type { Direction } from '../../shared/frames';
import { BACKEND_METHODS, BEGIN_UPLOAD, type BackendApi } from '../../shared/inspector-api';
import { decodeMessage, encodeMessage, type RpcRequest } from '../../shared/rpc-protocol';
import { SLICE } from '../exchange/upload-source';
import { summarize } from '../exchange/batching';
import type { UploadRegistry } from '../exchange/upload-source';
import { serializeError } from '../lowhaio';

/** What browser mode streams for downloads (the exchange service's exports). */
export interface Exports {
  body(id: string): AsyncIterable<Uint8Array>;
  raw(id: string, direction: Direction): AsyncIterable<Uint8Array>;
}

export interface BrowserModeOptions {
  backend: BackendApi;
  exports: Exports;
  /** Where files offered by pages are registered, to be pulled as their exchanges need them. */
  uploads: UploadRegistry;
  subscribe: (listener: (batch: ExchangeBatch) => void) => () => void;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) for any free port. */
  port?: number;
  /** Fixed token, for tests; random otherwise. */
  token?: string;
  /** Bytes queued on a socket past which batches are summarized (default 8 MiB). */
  maxQueuedBytes?: number;
}

export interface BrowserModeServer {
  /** The URL to open, token included. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const COOKIE = 'inspector_token';
const HOST = '127.0.0.1';
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sameSecret(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(request: IncomingMessage): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return undefined;
}

export async function startBrowserModeServer(options: BrowserModeOptions): Promise<BrowserModeServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxQueued = options.maxQueuedBytes ?? 8 * 1024 * 1024;
  const assets = sirv(options.rendererDir, { dev: false, etag: true, single: false });
  let port = 0;
  const allowedHosts = () => new Set([`${HOST}:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  const refuse = (response: ServerResponse, status: number, message: string) => {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${message}\n`);
  };

  /** Streams a capture export from disk as a download. */
  const sendExport = async (response: ServerResponse, id: string, what: string) => {
    const source = what === 'body' ? options.exports.body(id) : options.exports.raw(id, what === 'raw/tx' ? 'tx' : 'rx');
    const iterator = source[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await iterator.next();
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return refuse(response, missing ? 404 : 500, missing ? `No capture ${id}.` : `Could not read capture ${id}: ${(error as Error).message}`);
    }
    const name = what === 'body' ? `${id}-body.bin` : `${id}-${what === 'raw/tx' ? 'request' : 'response'}.raw`;
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename="${name}"` });
    const rest = async function* () {
      if (!first.done) yield first.value;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    };
    await pipeline(Readable.from(rest()), response).catch((error: Error) => response.destroy(error));
  };

  /** Upload slices asked of pages and not yet answered, by pull id. */
  const asked = new Map<string, { length: number; settle: (result: Uint8Array | Error) => void }>();

  /** Takes the slice a page POSTs for one of its pulls. */
  const receiveSlice = (request: IncomingMessage, response: ServerResponse, pullId: string) => {
    if (!allowedOrigins().has(request.headers.origin ?? '')) return refuse(response, 403, 'Upload slices are taken only from the page this server serves.');
    const pull = asked.get(pullId);
    if (!pull) return refuse(response, 404, `No upload slice ${pullId} is waiting (it was answered already, or its page closed).`);
    asked.delete(pullId);
    const parts: Buffer[] = [];
    let received = 0;
    request.on('data', (part: Buffer) => {
      received += part.length;
      if (received <= pull.length) parts.push(part);
    });
    request.on('error', (error) => pull.settle(new Error(`The upload slice from the page broke off: ${error.message}`)));
    request.on('end', () => {
      if (received !== pull.length) {
        pull.settle(new Error(`The page sent ${received} bytes for an upload slice of ${pull.length}; the file may have changed since it was chosen.`));
        return refuse(response, 400, `Expected ${pull.length} bytes, got ${received}.`);
      }
      pull.settle(Buffer.concat(parts, received));
      response.writeHead(204).end();
    });
  };

  const server = createServer((request, response) => {
    if (!allowedHosts().has(request.headers.host ?? '')) return refuse(response, 421, 'This server answers only to its own loopback address.');
    const url = new URL(request.url ?? '/', `http://${HOST}:${port}`);
    const given = url.searchParams.get('token');
    const authorized = sameSecret(given, token) || sameSecret(cookieToken(request), token);
    if (!authorized) return refuse(response, 403, 'Open the URL printed when browser mode started: it carries the access token.');
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('x-content-type-options', 'nosniff');
    response.setHeader('referrer-policy', 'no-referrer');
    response.setHeader('cache-control', 'no-store');
    if (given !== null) {
      response.setHeader('set-cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    const slice = /^\/upload\/([A-Za-z0-9_-]{16,64})$/.exec(url.pathname);
    if (slice && request.method === 'POST') return receiveSlice(request, response, slice[1]!);
    const exported = /^\/export\/([0-9a-z-]+)\/(body|raw\/tx|raw\/rx)$/.exec(url.pathname);
    if (exported) return void sendExport(response, exported[1]!, exported[2]!);
    assets(request, response, () => refuse(response, 404, 'Not found.'));
  });

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 16 * 1024 * 1024,
  });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', `http://${HOST}:${port}`);
    const ok =
      url.pathname === '/rpc' &&
      allowedHosts().has(request.headers.host ?? '') &&
      allowedOrigins().has(request.headers.origin ?? '') &&
      (sameSecret(cookieToken(request), token) || sameSecret(url.searchParams.get('token'), token));
    if (!ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  sockets.on('connection', (ws: WebSocket) => {
    const unsubscribe = options.subscribe((batch) => {
      if (ws.readyState !== ws.OPEN) return;
      const slow = ws.bufferedAmount > maxQueued;
      ws.send(encodeMessage({ kind: 'batch', batch: slow ? summarize(batch) : batch }));
    });
    // Files this page offered, and the slices asked of it and not yet answered.
    const offered = new Set<string>();
    const mine = new Set<string>();
    const beginUpload = (size: unknown): string => {
      const id = options.uploads.register(Number(size), (offset, length) => {
        if (ws.readyState !== ws.OPEN) return Promise.reject(new Error('The page that offered this upload has closed.'));
        if (length > SLICE) return Promise.reject(new RangeError(`an upload slice is at most ${SLICE} bytes, not ${length}`));
        const pullId = randomBytes(18).toString('base64url');
        return new Promise<Uint8Array>((resolve, reject) => {
          mine.add(pullId);
          asked.set(pullId, {
            length,
            settle: (result) => {
              mine.delete(pullId);
              asked.delete(pullId);
              if (result instanceof Error) reject(result);
              else resolve(result);
            },
          });
          ws.send(encodeMessage({ kind: 'upload-pull', uploadId: id, pullId, offset, length }));
        });
      });
      offered.add(id);
      return id;
    };
    ws.on('close', () => {
      unsubscribe();
      for (const id of offered) options.uploads.forget(id);
      for (const pullId of [...mine]) asked.get(pullId)?.settle(new Error('The page that offered this upload has closed.'));
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.close(1003, 'browser mode takes text messages only');
        return;
      }
      void (async () => {
        let request: RpcRequest;
        try {
          const message = decodeMessage(data.toString());
          if (message.kind === 'upload-error') {
            if (mine.has(message.pullId)) asked.get(message.pullId)?.settle(new Error(`The page could not send the file: ${message.message}`));
            return;
          }
          if (message.kind !== 'request') return;
          request = message;
        } catch (error) {
          ws.close(1007, `not a browser-mode message: ${(error as Error).message}`.slice(0, 120));
          return;
        }
        const method = BACKEND_METHODS.find((name) => name === request.method);
        try {
          let result: unknown;
          if (request.method === BEGIN_UPLOAD) result = beginUpload(request.params[0]);
          else if (method === undefined) throw new Error(`unknown method ${request.method}`);
          else result = await (options.backend[method] as (...params: unknown[]) => Promise<unknown>)(...request.params);
          ws.send(encodeMessage({ kind: 'response', id: request.id, result }));
        } catch (error) {
          ws.send(encodeMessage({ kind: 'response', id: request.id, error: serializeError(error) }));
        }
      })();
    });
  });

  server.listen(options.port ?? 0, HOST);
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
