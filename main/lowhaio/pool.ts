// How this works: Pool() returns [request, close], as the Python lowhaio does. A request checks its
// input (nothing is sent if it is invalid), resolves the host, takes an idle pooled connection whose
// peer is among the host's current addresses (DNS-aware reuse) or opens a new one (TCP, then TLS),
// and runs the exchange (exchange.ts). The connection returns to the pool when the response body
// has been read to its end and both sides allow reuse; it is closed on anything else: an early stop,
// an error, an abort, a framing doubt. Idle connections close after keepAliveTimeout, or as soon as
// the server closes them or sends a stray byte.
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import {
  connectTcp,
  handshake,
  resolveHost,
  summarizeCertificate,
  summarizeChain,
  systemResolver,
  type Resolver,
} from './connect';
import { Connection, nextConnectionId } from './connection';
import { HttpError } from './errors';
import { checkBodyFraming, runExchange, type Body, type Response } from './exchange';
import { serializeRequestHead } from './request-serializer';
import { DEFAULT_MAX_HEADER_LENGTH } from './response-parser';
import type { Observer } from './wire-events';

export interface PoolOptions {
  /** Idle time after which a pooled connection is closed, in ms (default 15000; 0 disables reuse). */
  keepAliveTimeout?: number;
  /** Longest wait without progress while connecting, handshaking, sending or receiving, in ms (default 10000). */
  socketTimeout?: number;
  /** Largest response head in bytes (default 16384). */
  maxHeaderLength?: number;
  /**
   * With Expect: 100-continue, how long to wait for 100 Continue before sending the body anyway, in
   * ms (default 1000, as curl does).
   */
  expectContinueTimeout?: number;
  /** TLS options for https: ca, rejectUnauthorized, client certificates... */
  tls?: ConnectionOptions;
  /** Host name to addresses (default: the system resolver, every A and AAAA record). */
  resolve?: Resolver;
}

export interface RequestOptions {
  /** This request's longest wait without progress, in ms (default: the pool's socketTimeout). */
  socketTimeout?: number;
  /** This request's wait for 100 Continue, in ms (default: the pool's expectContinueTimeout). */
  expectContinueTimeout?: number;
  params?: Iterable<[string, string]>;
  headers?: Iterable<[string, string]>;
  body?: Body;
  signal?: AbortSignal;
  observe?: Observer;
}

export type RequestFunction = (method: string, url: string, options?: RequestOptions) => Promise<Response>;
export type CloseFunction = () => Promise<void>;

export function Pool(options: PoolOptions = {}): [RequestFunction, CloseFunction] {
  const keepAliveTimeout = options.keepAliveTimeout ?? 15_000;
  const poolSocketTimeout = options.socketTimeout ?? 10_000;
  const maxHeaderLength = options.maxHeaderLength ?? DEFAULT_MAX_HEADER_LENGTH;
  const resolver = options.resolve ?? systemResolver;
  const idle = new Map<string, Connection[]>();
  const active = new Set<Connection>();
  let closed = false;

  const forget = (connection: Connection) => {
    const list = idle.get(connection.key);
    const index = list?.indexOf(connection) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
    if (list?.length === 0) idle.delete(connection.key);
  };

  /** An idle connection to one of `addresses`, most recently used first, or null. */
  const takeIdle = (key: string, addresses: string[]): Connection | null => {
    const list = idle.get(key) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      const connection = list[i]!;
      if (!addresses.includes(connection.remoteAddress)) continue;
      list.splice(i, 1);
      if (list.length === 0) idle.delete(key);
      if (connection.unpark()) return connection;
      connection.destroy();
    }
    return null;
  };

  /** Why a connection whose exchange allows reuse still cannot be pooled, or undefined when it can. */
  const whyNotPooled = (connection: Connection): string | undefined => {
    if (closed) return 'the pool was closed';
    if (keepAliveTimeout <= 0) return 'this pool keeps no idle connections (its keepAliveTimeout is 0)';
    if (!connection.usable) return 'the server closed the connection, or sent bytes nobody asked for';
    return undefined;
  };

  const park = (connection: Connection) => {
    active.delete(connection);
    connection.park(keepAliveTimeout);
    const list = idle.get(connection.key) ?? [];
    list.push(connection);
    idle.set(connection.key, list);
  };

  const request: RequestFunction = async (method, url, requestOptions = {}) => {
    const { signal, observe } = requestOptions;
    const socketTimeout = requestOptions.socketTimeout ?? poolSocketTimeout;
    signal?.throwIfAborted();
    if (closed)
      throw new HttpError(
        'ERR_HTTP_POOL_CLOSED',
        'This pool has been closed; create a new Pool to send more requests.',
      );
    const head = serializeRequestHead(method, url, {
      ...(requestOptions.params ? { params: requestOptions.params } : {}),
      ...(requestOptions.headers ? { headers: requestOptions.headers } : {}),
    });
    checkBodyFraming(head, requestOptions.body);
    const { target } = head;
    const key = `${target.scheme}://${target.authority}`;
    let failed = false;
    try {
      const addresses = isIP(target.hostname)
        ? [target.hostname]
        : await resolveHost(target.hostname, resolver, socketTimeout, signal);
      observe?.({ type: 'resolve', t: performance.now(), host: target.hostname, addresses });
      let connection = takeIdle(key, addresses);
      const reused = connection !== null;
      const earlierExchanges = connection?.exchanges ?? 0;
      /** The connect event: when TCP connected (a new connection) or the pooled one was taken. */
      const connected = (socket: import('node:net').Socket, id: number) =>
        observe?.({
          type: 'connect',
          t: performance.now(),
          connection: id,
          connectionId: id,
          reused,
          earlierExchanges,
          localAddress: socket.localAddress ?? '',
          localPort: socket.localPort ?? 0,
          remoteAddress: socket.remoteAddress ?? '',
          remotePort: socket.remotePort ?? 0,
        });
      if (connection === null) {
        const tcp = await connectTcp(
          target.hostname,
          addresses,
          target.port,
          socketTimeout,
          signal,
          target.scheme === 'http',
        );
        const remoteAddress = tcp.socket.remoteAddress ?? '';
        const id = nextConnectionId();
        // TLS is a phase of its own: connect is told when TCP has connected, tls when the handshake ends.
        connected(tcp.socket, id);
        const socket =
          target.scheme === 'https'
            ? await handshake(tcp.socket, target.hostname, options.tls ?? {}, socketTimeout, signal)
            : tcp.socket;
        connection = new Connection(socket, key, remoteAddress, tcp.reader, id);
        const created = connection;
        created.onGone = () => {
          forget(created);
          active.delete(created);
        };
        if ('getPeerCertificate' in socket) {
          const tlsSocket = socket as import('node:tls').TLSSocket;
          const authorizationError = tlsSocket.authorizationError;
          observe?.({
            type: 'tls',
            t: performance.now(),
            connection: created.id,
            protocol: tlsSocket.getProtocol(),
            cipher: tlsSocket.getCipher().name,
            authorized: tlsSocket.authorized,
            ...(authorizationError ? { authorizationError: String(authorizationError) } : {}),
            peerCertificate: summarizeCertificate(tlsSocket.getPeerCertificate()),
            chain: summarizeChain(tlsSocket.getPeerCertificate(true)),
            alpn: tlsSocket.alpnProtocol || null,
          });
        }
      } else connected(connection.socket, connection.id);
      active.add(connection);
      const current = connection;
      current.exchanges++;
      /** Tells the observer, once, whether the connection goes back to the pool, and if not, why. */
      let told = false;
      const tellReuse = (because: string | undefined) => {
        if (told) return;
        told = true;
        observe?.({
          type: 'reuse',
          t: performance.now(),
          connection: current.id,
          reusable: because === undefined,
          exchanges: current.exchanges,
          ...(because === undefined ? {} : { because }),
        });
      };
      const onAbort = () => current.abort(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      return await runExchange(current, {
        // Methods are case-sensitive (RFC 9112 section 3.1): "head" is not HEAD.
        method,
        head,
        body: requestOptions.body,
        observe,
        socketTimeout,
        maxHeaderLength,
        expectContinueTimeout: requestOptions.expectContinueTimeout ?? options.expectContinueTimeout ?? 1000,
        release: (reusable, notReusableBecause) => {
          done();
          const because = reusable ? whyNotPooled(current) : (notReusableBecause ?? 'the exchange did not allow it');
          tellReuse(because);
          if (because === undefined) park(current);
          else {
            active.delete(current);
            current.destroy();
          }
        },
        fail: (error) => {
          done();
          tellReuse(
            error === null
              ? 'the response was not read to its end, so the rest of it is still on the wire'
              : signal?.aborted
                ? 'the exchange was cancelled'
                : `the exchange failed (${(error as { code?: string }).code ?? (error as Error).name}), so what is left on the wire is unknown`,
          );
          active.delete(current);
          current.destroy();
          if (error !== null && !failed) {
            failed = true;
            observe?.({ type: 'error', t: performance.now(), error: error as Error });
          }
        },
      });
    } catch (error) {
      if (!failed) {
        failed = true;
        observe?.({ type: 'error', t: performance.now(), error: error as Error });
      }
      throw error;
    }
  };

  const close: CloseFunction = async () => {
    closed = true;
    for (const connection of [...active, ...[...idle.values()].flat()]) connection.destroy();
    idle.clear();
    active.clear();
  };

  return [request, close];
}

/** A body that sends `data` (a string as UTF-8) and can be sent again, for redirects and retries. */
export function streamed(data: Uint8Array | string): () => AsyncIterable<Uint8Array> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return async function* () {
    yield bytes;
  };
}

/** Reads a whole body into one array. */
export async function buffered(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of body) {
    parts.push(part);
    length += part.length;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
