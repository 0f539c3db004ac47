// The demo server's scenarios: small, named HTTP/1.1 behaviours for exploring and teaching, each
// written byte by byte on the raw socket so that the bytes on the wire are exactly the ones meant
// (including the malformed ones). Each returns whether the connection may carry another request.
// Well-formed heads are built by responseHead(), which adds "Connection: close" when the request
// asked for the close; the malformed scenarios write their bytes exactly as given, and close.
import type { Socket } from 'node:net';
import { setImmediate as yieldTurn, setTimeout as sleep } from 'node:timers/promises';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { listsClose } from '../lowhaio/request-serializer';
import type { DemoRequest } from './request-reader';

export type Outcome = 'keep-alive' | 'close';

/** Most chunks /chunked sends. */
export const MAX_CHUNKS = 1_000_000;

export interface Scenario {
  path: string;
  title: string;
  description: string;
  /** Query parameters it understands, with their defaults. */
  params?: Record<string, string>;
  /** The scenario needs the request's body bytes (the others get its length only). */
  keepsBody?: boolean;
  /** The scenario answers on the head alone, reads no body, and closes the connection. */
  answersBeforeBody?: boolean;
  run(socket: Socket, request: DemoRequest): Promise<Outcome>;
}

function write(socket: Socket, data: string | Uint8Array): Promise<void> {
  if (socket.destroyed) return Promise.resolve();
  return socket.write(data) ? Promise.resolve() : drained(socket);
}

/** Resolves once the socket can take more, or is closed (a client that went away must not leave a scenario waiting). */
function drained(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}

/**
 * A query parameter a scenario cannot use: the server answers 400 with this message, before any byte of the scenario.
 */
export class DemoParameterError extends Error {
  override readonly name = 'DemoParameterError';
}

/** The integer query parameter `name` (`fallback` when absent), which must lie in [min, max]. */
function int(request: DemoRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = request.query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DemoParameterError(
      `${request.path}: ${name}=${raw} is not an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}; leave it out for ${fallback}.`,
    );
  }
  return value;
}

/** Whether the request's Connection header lists "close" (RFC 9112 section 9.6). */
export function asksToClose(request: DemoRequest): boolean {
  return request.headers.some(([name, value]) => name.toLowerCase() === 'connection' && listsClose(value));
}

/**
 * A well-formed response head: status line, `fields`, and "Connection: close" when the request asked
 * for the close (RFC 9112 section 9.6: the server SHOULD say so in the response it closes after).
 */
export function responseHead(request: DemoRequest, status: string, fields: string[]): string {
  const all =
    asksToClose(request) && !fields.some((field) => /^connection:/i.test(field))
      ? [...fields, 'Connection: close']
      : fields;
  return `HTTP/1.1 ${status}\r\n${all.map((field) => `${field}\r\n`).join('')}\r\n`;
}

const FILLER_TEXT = 'The quick brown fox jumps over the lazy dog. ';

/** Filler text for bodies: readable, so the wire view shows something meaningful. */
function filler(size: number, seed = 0): string {
  const start = seed % FILLER_TEXT.length;
  return FILLER_TEXT.repeat(Math.ceil((size + start) / FILLER_TEXT.length)).slice(start, start + size);
}

/**
 * The bytes of chunk `index` of a `size`-byte chunked body: size line, filler data starting at a
 * shifted place in the sentence (so neighbouring chunks look different), CRLF. Built once per shift
 * and reused: a fast many-chunk scenario must not spend the app's CPU making strings.
 */
function chunkMaker(size: number): (index: number) => Buffer {
  const made = new Map<number, Buffer>();
  return (index) => {
    const shift = (index * 7) % FILLER_TEXT.length;
    let bytes = made.get(shift);
    if (!bytes) {
      bytes = Buffer.from(`${size.toString(16)}\r\n${filler(size, shift)}\r\n`, 'latin1');
      made.set(shift, bytes);
    }
    return bytes;
  };
}

const CRLF = Buffer.from('\r\n');

/** Content codings /encoded can apply (RFC 9110 section 8.4.1). */
const COMPRESSORS: Record<string, (data: Buffer) => Buffer> = {
  gzip: (data) => gzipSync(data),
  deflate: (data) => deflateSync(data),
  br: (data) => brotliCompressSync(data),
};

/** A JSON document of `items` records, with text beyond ASCII, for the body views. */
export function demoDocument(items: number): string {
  const cities = ['Zürich', 'São Paulo', 'Kraków', 'Αθήνα', 'Москва', '東京', 'Reykjavík'];
  const records = Array.from({ length: items }, (_, id) => ({
    id,
    city: cities[id % cities.length],
    active: id % 3 !== 0,
    score: Math.round((id * 7.31) % 100) / 10,
    tags: ['demo', `group-${id % 4}`],
    note: id % 5 === 0 ? null : FILLER_TEXT.trim(),
  }));
  return `${JSON.stringify({ generated: 'lowhaio demo server', count: items, records })}\n`;
}

const UTF8_TEXT = [
  'Latin with accents: café, naïve, Ærøskøbing, Łódź',
  'Greek: Καλημέρα κόσμε',
  'Cyrillic: Здравствуй, мир',
  'CJK: 你好，世界 / こんにちは',
  'Emoji: 🚀 🌍 ✅',
  'A line of ASCII to compare with.',
  '',
].join('\n');

/** A response whose gzip body has its middle damaged (the framing around it is fine). */
function corruptGzip(): Buffer {
  const body = gzipSync(Buffer.from(demoDocument(20), 'utf8'));
  for (let i = Math.floor(body.length / 2); i < Math.floor(body.length / 2) + 16; i++) body[i] = 0xff - body[i]!;
  const head = `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

const STATUS_REASONS: Record<number, string> = {
  100: 'Continue',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  418: "I'm a teapot",
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A malformed response: fixed bytes, then the server closes the connection. */
function malformed(name: string, title: string, description: string, bytes: string | Buffer): Scenario {
  return {
    path: `/malformed/${name}`,
    title: `Malformed: ${title}`,
    description,
    async run(socket) {
      await write(socket, bytes);
      return 'close';
    },
  };
}

export const SCENARIOS: Scenario[] = [
  {
    path: '/chunked',
    title: 'Live chunked response',
    description:
      'Transfer-Encoding: chunked, `count` chunks of `size` bytes, `delay` ms apart: watch them arrive one by one. With `mark`, the data of chunk number `mark` starts with ">>> chunk N <<<" (something to find).',
    params: { count: '5', size: '32', delay: '400' },
    async run(socket, request) {
      const count = int(request, 'count', 5, 0, MAX_CHUNKS);
      const size = int(request, 'size', 32, 1, 1 << 20);
      const delay = int(request, 'delay', 400, 0, 60_000);
      const mark = int(request, 'mark', 0, 0, MAX_CHUNKS);
      await write(
        socket,
        responseHead(request, '200 OK', ['Content-Type: text/plain; charset=utf-8', 'Transfer-Encoding: chunked']),
      );
      const plain = chunkMaker(size);
      /** Chunk `index` (from 0); chunk number `mark` (from 1) carries the marker. */
      let chunk = plain;
      if (mark > 0) {
        const marked = Buffer.from(plain(mark - 1));
        const marker = Buffer.from(`>>> chunk ${mark} <<<`, 'latin1');
        marker.copy(marked, marked.indexOf('\r\n') + 2, 0, Math.min(marker.length, size));
        chunk = (index) => (index === mark - 1 ? marked : plain(index));
      }
      if (delay > 0) {
        // Live: each chunk is a write of its own, delay ms after the last.
        for (let i = 0; i < count; i++) {
          if (i > 0) await sleep(delay);
          await write(socket, chunk(i));
        }
      } else {
        // As fast as it goes: about 256 KiB of chunks per write (one writev of the corked chunks, not
        // a system call per chunk), and the server, which shares its thread with the app, lets the
        // reading side in after each.
        for (let i = 0; i < count && !socket.destroyed;) {
          socket.cork();
          let corked = 0;
          let room = true;
          while (i < count && corked < 256 * 1024) {
            const bytes = chunk(i++);
            corked += bytes.length;
            room = socket.write(bytes);
          }
          socket.uncork();
          if (!room) await drained(socket);
          await yieldTurn();
        }
      }
      await write(socket, '0\r\n\r\n');
      return 'keep-alive';
    },
  },
  {
    path: '/chunked-extensions',
    title: 'Chunk extensions and trailers',
    description: 'Chunks with extensions (name, name=token, name="quoted") and trailer fields after the last chunk.',
    async run(socket, request) {
      await write(
        socket,
        responseHead(request, '200 OK', [
          'Content-Type: text/plain',
          'Transfer-Encoding: chunked',
          'Trailer: Server-Timing, X-Checksum',
        ]) +
          '7;part=1\r\nHello, \r\n' +
          '6;part=2;note="last data"\r\nworld!\r\n' +
          '0;done\r\nServer-Timing: total;dur=12\r\nX-Checksum: 3f9a\r\n\r\n',
      );
      return 'keep-alive';
    },
  },
  {
    path: '/content-length',
    title: 'Content-Length body',
    description: 'A body of `size` bytes framed by Content-Length.',
    params: { size: '64' },
    async run(socket, request) {
      const body = Buffer.from(filler(int(request, 'size', 64, 0, 64 << 20)), 'latin1');
      await write(
        socket,
        responseHead(request, '200 OK', ['Content-Type: text/plain', `Content-Length: ${body.length}`]),
      );
      await write(socket, body);
      return 'keep-alive';
    },
  },
  {
    path: '/close-delimited',
    title: 'Close-delimited body',
    description: 'No Content-Length and no Transfer-Encoding: the body ends when the server closes the connection.',
    params: { size: '64' },
    async run(socket, request) {
      const body = Buffer.from(filler(int(request, 'size', 64, 0, 64 << 20)), 'latin1');
      await write(socket, responseHead(request, '200 OK', ['Content-Type: text/plain', 'Connection: close']));
      await write(socket, body);
      return 'close';
    },
  },
  {
    path: '/echo',
    title: 'Echo',
    description:
      'Answers with the exact bytes of the request it received, head and body (up to 64 MiB): see what your upload looked like.',
    keepsBody: true,
    async run(socket, request) {
      await write(
        socket,
        responseHead(request, '200 OK', [
          'Content-Type: application/octet-stream',
          `Content-Length: ${request.raw.length}`,
        ]),
      );
      await write(socket, request.raw);
      return 'keep-alive';
    },
  },
  {
    path: '/obs-fold',
    title: 'A folded header (obs-fold)',
    description:
      'A header field folded over three lines, as HTTP/1.0-era servers wrote them (obsolete, RFC 9112 section 5.2): a client must read each fold as one space. The bytes show the folds as they came.',
    async run(socket, request) {
      const body = 'The X-Folded header came over three lines.\n';
      await write(
        socket,
        responseHead(request, '200 OK', [
          'Content-Type: text/plain; charset=utf-8',
          'X-Folded: first part,\r\n  second part,\r\n\tthird part',
          `Content-Length: ${body.length}`,
        ]) + body,
      );
      return 'keep-alive';
    },
  },
  {
    path: '/too-large',
    title: 'An answer before the upload is done',
    description:
      'Answers 413 Content Too Large as soon as it has read the request head, reads none of the body, and closes the connection: a client that sends the whole body before it reads loses the answer (RFC 9112 section 9.5).',
    answersBeforeBody: true,
    async run(socket, request) {
      const body =
        'This demo server takes no upload here: it answered as soon as it read the head, and closes the connection.\n';
      await write(
        socket,
        responseHead(request, '413 Content Too Large', [
          'Content-Type: text/plain; charset=utf-8',
          `Content-Length: ${body.length}`,
          'Connection: close',
        ]) + body,
      );
      return 'close';
    },
  },
  {
    path: '/status',
    title: 'Any status',
    description:
      'Answers with the status `code`, 100 to 599 (RFC 9110 section 15): a final status with a short body, unless it has none (204, 304); an interim one (1xx) is followed by a final 200 on the same exchange. Not 101, which answers only a request that asked to upgrade (RFC 9110 section 7.8).',
    params: { code: '418' },
    async run(socket, request) {
      const code = int(request, 'code', 418, 100, 599);
      if (code === 101)
        throw new DemoParameterError(
          `${request.path}: code=101 switches protocols, which a server may do only when the request asked with Upgrade (RFC 9110 section 7.8); try 100, 102 or 103.`,
        );
      const reason = STATUS_REASONS[code] ?? 'Status';
      if (code < 200) {
        await write(socket, `HTTP/1.1 ${code} ${reason}\r\n\r\n`);
        const body = `The final response, after a ${code} ${reason}.\n`;
        await write(
          socket,
          responseHead(request, '200 OK', ['Content-Type: text/plain', `Content-Length: ${body.length}`]) + body,
        );
        return 'keep-alive';
      }
      const bodiless = code === 204 || code === 304;
      const body = bodiless ? '' : `${code} ${reason}\n`;
      await write(
        socket,
        responseHead(
          request,
          `${code} ${reason}`,
          bodiless ? [] : ['Content-Type: text/plain', `Content-Length: ${body.length}`],
        ) + body,
      );
      return 'keep-alive';
    },
  },
  {
    path: '/slow-head',
    title: 'Slow head',
    description: 'Sends the status line, then one header every `delay` ms: watch the head build up.',
    params: { delay: '500' },
    async run(socket, request) {
      const delay = int(request, 'delay', 500, 0, 60_000);
      await write(socket, 'HTTP/1.1 200 OK\r\n');
      for (const line of [
        'Content-Type: text/plain',
        'X-Slow: one',
        'X-Slow: two',
        'Content-Length: 5',
        ...(asksToClose(request) ? ['Connection: close'] : []),
      ]) {
        await sleep(delay);
        await write(socket, `${line}\r\n`);
      }
      await sleep(delay);
      await write(socket, '\r\nfinal');
      return 'keep-alive';
    },
  },
  {
    path: '/redirect',
    title: 'Redirects',
    description: 'A chain of `hops` 302 redirects ending at /content-length.',
    params: { hops: '3' },
    async run(socket, request) {
      const hops = int(request, 'hops', 3, 1, 50);
      const location = hops <= 1 ? '/content-length' : `/redirect?hops=${hops - 1}`;
      await write(socket, responseHead(request, '302 Found', [`Location: ${location}`, 'Content-Length: 0']));
      return 'keep-alive';
    },
  },
  {
    path: '/encoded',
    title: 'A compressed JSON body',
    description:
      'A JSON document of `items` records, compressed with Content-Encoding `coding` (gzip, deflate or br) and sent in chunks of `chunk` bytes: the body views show it decoded and pretty, and the wire bytes as they came.',
    params: { items: '40', coding: 'gzip', chunk: '512' },
    async run(socket, request) {
      const items = int(request, 'items', 40, 0, 100_000);
      const chunk = int(request, 'chunk', 512, 1, 1 << 20);
      const coding = request.query.get('coding') || 'gzip';
      const compress = COMPRESSORS[coding];
      if (!compress)
        throw new DemoParameterError(
          `${request.path}: coding=${coding} is not one of ${Object.keys(COMPRESSORS).join(', ')}.`,
        );
      const encoded = compress(Buffer.from(demoDocument(items), 'utf8'));
      await write(
        socket,
        responseHead(request, '200 OK', [
          'Content-Type: application/json; charset=utf-8',
          `Content-Encoding: ${coding}`,
          'Transfer-Encoding: chunked',
        ]),
      );
      for (let at = 0; at < encoded.length; at += chunk) {
        const piece = encoded.subarray(at, at + chunk);
        await write(socket, Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, CRLF]));
      }
      await write(socket, '0\r\n\r\n');
      return 'keep-alive';
    },
  },
  {
    path: '/text',
    title: 'UTF-8 text',
    description:
      'Plain text in several scripts (accents, Greek, Cyrillic, CJK, emoji), UTF-8 with its charset said: the Text view decodes it, the wire view shows its bytes.',
    async run(socket, request) {
      const body = Buffer.from(UTF8_TEXT, 'utf8');
      await write(
        socket,
        responseHead(request, '200 OK', ['Content-Type: text/plain; charset=utf-8', `Content-Length: ${body.length}`]),
      );
      await write(socket, body);
      return 'keep-alive';
    },
  },
  malformed(
    'corrupt-gzip',
    'corrupt gzip',
    'Content-Encoding: gzip, but the compressed bytes are damaged halfway: the framing is fine, the decoding fails.',
    corruptGzip(),
  ),
  {
    path: '/early-hints',
    title: 'Interim response: 103 Early Hints',
    description:
      'A 103 Early Hints interim response with a Link field, then, `delay` ms later, the final 200: two messages on one exchange (RFC 9110 section 15.2.4).',
    params: { delay: '300' },
    async run(socket, request) {
      const delay = int(request, 'delay', 300, 0, 60_000);
      const link = 'Link: </style.css>; rel=preload; as=style';
      await write(socket, `HTTP/1.1 103 Early Hints\r\n${link}\r\n\r\n`);
      await sleep(delay);
      const body = '<!doctype html>\n<link rel="stylesheet" href="/style.css">\n<p>The final response.</p>\n';
      await write(
        socket,
        responseHead(request, '200 OK', [
          'Content-Type: text/html; charset=utf-8',
          link,
          `Content-Length: ${body.length}`,
        ]) + body,
      );
      return 'keep-alive';
    },
  },
  malformed(
    'body-longer-than-length',
    'a body longer than its Content-Length',
    'Content-Length says 5 but 21 bytes follow: the 16 after the fifth belong to no response. Sent as HEAD, all 21 do (a response to HEAD has no body, RFC 9110 section 9.3.2).',
    'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nHello and 16 strays.\n',
  ),
  malformed(
    'bad-chunk-size',
    'bad chunk size',
    'A chunk-size line that is not hex.',
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\nzz\r\nnope\r\n0\r\n\r\n',
  ),
  malformed(
    'content-length-and-chunked',
    'Content-Length and Transfer-Encoding',
    'Both framings at once (a request-smuggling pattern): chunked wins, the connection must not be reused.',
    'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n0\r\n\r\n',
  ),
  malformed(
    'oversized-header',
    'oversized header',
    'A header of 20000 bytes: past the 16384-byte limit on a response head.',
    `HTTP/1.1 200 OK\r\nX-Huge: ${'h'.repeat(20_000)}\r\nContent-Length: 2\r\n\r\nok`,
  ),
  malformed(
    'truncated-body',
    'truncated body',
    'Content-Length says 100 but the server closes after 20 bytes.',
    `HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n${filler(20)}`,
  ),
  malformed(
    'bare-lf',
    'bare LF',
    'Lines ended by LF alone instead of CR LF.',
    'HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 2\n\nok',
  ),
];

export function findScenario(path: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.path === path);
}
