// How this works: the steps before any request byte is sent — resolving the host, opening a TCP
// connection (trying each address in turn), and the TLS handshake with SNI and certificate
// verification. Every failure here is an HttpConnectionError (or its HttpDnsError, HttpTlsError,
// HttpConnectionTimeoutError children), so a caller knows a retry is safe. Each step is bounded by
// socketTimeout and ends early on abort, with the signal's reason.
import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import {
  connect as tlsConnect,
  type ConnectionOptions,
  type DetailedPeerCertificate,
  type PeerCertificate,
  type TLSSocket,
} from 'node:tls';
import { SlabReader } from './slab-reader';
import {
  HttpConnectionError,
  HttpConnectionTimeoutError,
  HttpDnsError,
  HttpTlsError,
  type ConnectionPhase,
} from './errors';
import type { TlsSummary } from './wire-events';

export type Resolver = (host: string) => Promise<string[]>;

/**
 * Bytes a socket reads ahead of its consumer before Node stops reading (and TCP's window closes).
 * Large enough that a fast consumer never waits on a stop/start of reading, small enough that a
 * slow one holds little.
 */
export const READ_BUFFER = 256 * 1024;

/** The system resolver (getaddrinfo), every A and AAAA record. */
export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Runs `start` until it settles, the timeout passes or the signal aborts. `cancel` undoes a step
 * cut short (closes its socket).
 */
function bounded<T>(
  phase: ConnectionPhase,
  what: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  start: () => Promise<T>,
  cancel: () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      cancel();
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      finish();
      cancel();
      reject(
        new HttpConnectionTimeoutError(
          phase,
          `${what} took longer than ${timeoutMs} ms (socketTimeout); nothing was sent, so the request can be retried.`,
        ),
      );
    }, timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    start().then(
      (value) => {
        finish();
        resolve(value);
      },
      (error: unknown) => {
        finish();
        reject(error);
      },
    );
  });
}

export async function resolveHost(
  host: string,
  resolver: Resolver,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string[]> {
  if (isIP(host)) return [host];
  const addresses = await bounded(
    'resolve',
    `Resolving ${host}`,
    timeoutMs,
    signal,
    async () => {
      try {
        return await resolver(host);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new HttpDnsError(
          'ERR_HTTP_DNS',
          `Could not resolve ${host}: ${(error as Error).message}${code ? ` (${code})` : ''}. Check the host name, or the network's DNS.`,
          { cause: error },
        );
      }
    },
    () => {},
  );
  if (addresses.length === 0) throw new HttpDnsError('ERR_HTTP_DNS', `${host} resolved to no address.`);
  return addresses;
}

/** A connected TCP socket, and the reader of its bytes when it reads into our slabs. */
export interface TcpSocket {
  socket: Socket;
  reader: SlabReader | null;
}

function openTcp(
  address: string,
  port: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  slabs: boolean,
): Promise<TcpSocket> {
  let socket: Socket | null = null;
  return bounded(
    'connect',
    `Connecting to ${address} port ${port}`,
    timeoutMs,
    signal,
    () =>
      new Promise<TcpSocket>((resolve, reject) => {
        const reader = slabs ? new SlabReader() : null;
        // readableHighWaterMark reaches the socket's Duplex constructor (Node's types omit it).
        const tcpOptions = {
          host: address,
          port,
          noDelay: true,
          readableHighWaterMark: READ_BUFFER,
          ...(reader ? { onread: reader.onread } : {}),
        };
        socket = netConnect(tcpOptions);
        reader?.attach(socket);
        socket.once('connect', () => {
          socket!.removeAllListeners('error');
          resolve({ socket: socket!, reader });
        });
        socket.once('error', (error) => {
          socket!.destroy();
          reject(error);
        });
      }),
    () => socket?.destroy(),
  );
}

/**
 * Connects to the first address that accepts; fails with the last address's error. With `slabs`
 * (plain HTTP; TLS reads the socket itself) the socket reads into a SlabReader.
 */
export async function connectTcp(
  host: string,
  addresses: string[],
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
  slabs = false,
): Promise<TcpSocket> {
  let last: unknown;
  for (const address of addresses) {
    try {
      return await openTcp(address, port, timeoutMs, signal, slabs);
    } catch (error) {
      if (signal?.aborted || error instanceof HttpConnectionTimeoutError) throw error;
      last = error;
    }
  }
  const code = (last as NodeJS.ErrnoException).code;
  throw new HttpConnectionError(
    'ERR_HTTP_CONNECT',
    `Could not connect to ${host} port ${port} (tried ${addresses.join(', ')}): ${(last as Error).message}${code ? ` (${code})` : ''}. Is a server listening there?`,
    { cause: last },
  );
}

export function summarizeCertificate(certificate: PeerCertificate | null | undefined): TlsSummary | null {
  if (!certificate || Object.keys(certificate).length === 0) return null;
  const flat = (entry: unknown): Record<string, string> =>
    Object.fromEntries(
      Object.entries((entry ?? {}) as Record<string, string | string[]>).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.join(', ') : String(v),
      ]),
    );
  return {
    subject: flat(certificate.subject),
    issuer: flat(certificate.issuer),
    validFrom: certificate.valid_from,
    validTo: certificate.valid_to,
    fingerprint256: certificate.fingerprint256,
    ...(certificate.subjectaltname ? { subjectAltName: certificate.subjectaltname } : {}),
  };
}

/** Most certificates of a chain told (a server may send any number). */
const MAX_CHAIN = 8;

/**
 * The chain the server sent, its own certificate first, then each issuer's as far as it goes (a
 * self-signed root is its own issuer: the walk stops there).
 */
export function summarizeChain(certificate: DetailedPeerCertificate | null | undefined): TlsSummary[] {
  const chain: TlsSummary[] = [];
  const seen = new Set<string>();
  for (let at = certificate; at && chain.length < MAX_CHAIN; at = at.issuerCertificate) {
    const summary = summarizeCertificate(at);
    if (!summary || seen.has(summary.fingerprint256)) break;
    seen.add(summary.fingerprint256);
    chain.push(summary);
  }
  return chain;
}

/** The TLS handshake over `socket`, with SNI for names and verification unless `options` turn it off. */
export function handshake(
  socket: Socket,
  host: string,
  options: ConnectionOptions,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TLSSocket> {
  let tlsSocket: TLSSocket | null = null;
  return bounded(
    'tls',
    `The TLS handshake with ${host}`,
    timeoutMs,
    signal,
    () =>
      new Promise<TLSSocket>((resolve, reject) => {
        // highWaterMark is a documented tls.connect option that Node's types omit.
        const tlsOptions = {
          highWaterMark: READ_BUFFER,
          ...options,
          socket,
          ...(isIP(host) ? {} : { servername: host }),
          ALPNProtocols: ['http/1.1'],
        };
        tlsSocket = tlsConnect(tlsOptions);
        tlsSocket.once('secureConnect', () => {
          tlsSocket!.removeAllListeners('error');
          resolve(tlsSocket!);
        });
        tlsSocket.once('error', (error: NodeJS.ErrnoException) => {
          tlsSocket!.destroy();
          // OpenSSL reads a plain HTTP answer ("HTTP/1.1 400 ...") as a record of a wrong version.
          if (
            /WRONG_VERSION_NUMBER|wrong version number|PACKET_LENGTH_TOO_LONG|packet length too long/i.test(
              `${error.code} ${error.message}`,
            )
          ) {
            reject(
              new HttpTlsError(
                'ERR_HTTP_TLS_PLAIN_HTTP',
                `The server at ${host} answered in plain HTTP, not TLS (OpenSSL: ${error.message.trim()}): it does not speak https on this port; use an http:// URL.`,
                { cause: error },
              ),
            );
            return;
          }
          const hint = /self[- ]signed|unable to verify|UNABLE_TO_GET_ISSUER|CERT_/i.test(
            `${error.code} ${error.message}`,
          )
            ? " Pass the server's CA certificate in the tls option (ca), or turn verification off for this host if you trust it."
            : '';
          reject(
            new HttpTlsError(
              'ERR_HTTP_TLS',
              `The TLS handshake with ${host} failed: ${error.message}${error.code ? ` (${error.code})` : ''}.${hint}`,
              { cause: error },
            ),
          );
        });
      }),
    () => {
      tlsSocket?.destroy();
      socket.destroy();
    },
  );
}
