// How this works: exchanges as HAR 1.2 (the HTTP Archive format every browser's developer tools and
// most HTTP tools read; types from @types/har-format), built from what a capture holds: its summary,
// its frames (the heads' lines and fields, where each body's bytes are) and its bytes. A body is the
// application's view of it (chunk data joined, no framing): text when its type is textual and its
// bytes are UTF-8, base64 otherwise; past `bodyLimit` bytes it is cut, and the entry's comment says
// so. Timings come from the frames' times (send: the request's bytes; wait: to the first response
// byte; receive: the rest); what a capture does not time (DNS, connect) is -1, as HAR allows.
import type { Entry, Har, Header, QueryString } from 'har-format';
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { Direction, Frame } from '../../shared/frames';
import type { CapturedFrame } from '../../shared/inspector-api';

export interface CapturedExchange {
  summary: ExchangeSummary;
  frames: CapturedFrame[];
  /** Each direction's bytes from 0 (at most `bodyLimit` past its head were read). */
  bytes: Record<Direction, Uint8Array>;
}

export const HAR_BODY_LIMIT = 8 * 1024 * 1024;

const TEXTUAL =
  /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded|[\w.+-]*\+(json|xml))|image\/svg\+xml)/i;

function headersOf(frames: Frame[]): Header[] {
  const out: Header[] = [];
  for (const frame of frames) {
    if (frame.kind === 'head-end') break;
    if (frame.kind === 'header') out.push({ name: frame.name, value: frame.value });
  }
  return out;
}

/** The final head's frames (after any 1xx interim responses) and the body's byte ranges after it. */
function message(frames: Frame[], direction: Direction) {
  let start = 0;
  if (direction === 'rx') {
    // The last status line is the final response's (interim ones come before it).
    for (let i = 0; i < frames.length; i++) if (frames[i]!.kind === 'status-line') start = i;
  }
  const head = frames.slice(start);
  const end = head.findIndex((frame) => frame.kind === 'head-end');
  const headSize = end >= 0 ? head[end]!.end - (head[0]?.start ?? 0) : -1;
  const body = head
    .slice(end + 1)
    .filter((frame) => frame.kind === 'body' || frame.kind === 'chunk-data')
    .map((frame) => [frame.start, frame.end] as const);
  return { first: head[0], headers: headersOf(head), headSize, body };
}

function joined(bytes: Uint8Array, ranges: ReadonlyArray<readonly [number, number]>, limit: number) {
  const size = ranges.reduce((sum, [a, b]) => sum + (b - a), 0);
  const kept = Math.min(size, limit);
  const out = new Uint8Array(kept);
  let at = 0;
  for (const [a, b] of ranges) {
    if (at >= kept) break;
    const piece = bytes.subarray(a, Math.min(b, a + (kept - at)));
    out.set(piece, at);
    at += piece.length;
  }
  // Bytes past what was read (a capture larger than the limit) are not there: cut at what is.
  return { size, data: out.subarray(0, Math.min(at, kept)), cut: at < size };
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The body as HAR text: UTF-8 text when it is text, else base64. */
function content(data: Uint8Array, mimeType: string): { text: string; encoding?: 'base64' } {
  if (TEXTUAL.test(mimeType) || mimeType === '') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(data) };
    } catch {
      // Not UTF-8 after all: base64 keeps every byte.
    }
  }
  return { text: base64(data), encoding: 'base64' };
}

const header = (headers: Header[], name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value ?? '';

function queryString(url: string): QueryString[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    // A URL the page cannot parse (history keeps what was sent): no query to list.
    return [];
  }
}

export function harEntry(exchange: CapturedExchange, bodyLimit = HAR_BODY_LIMIT): Entry {
  const { summary } = exchange;
  const tx = exchange.frames.filter((f) => f.direction === 'tx');
  const rx = exchange.frames.filter((f) => f.direction === 'rx');
  const request = message(tx, 'tx');
  const response = message(rx, 'rx');
  const requestBody = joined(exchange.bytes.tx, request.body, bodyLimit);
  const responseBody = joined(exchange.bytes.rx, response.body, bodyLimit);
  const requestType = header(request.headers, 'content-type');
  const responseType = header(response.headers, 'content-type');
  const status = response.first?.kind === 'status-line' ? response.first : null;
  const times = (frames: CapturedFrame[]) => frames.map((f) => f.t).filter((t): t is number => t !== undefined);
  const [txTimes, rxTimes] = [times(tx), times(rx)];
  const sent = txTimes.length > 0 ? Math.max(...txTimes) : 0;
  const firstByte = rxTimes.length > 0 ? Math.min(...rxTimes) : sent;
  const total = summary.durationMs ?? (rxTimes.length > 0 ? Math.max(...rxTimes) : sent);
  const notes: string[] = [];
  if (requestBody.cut) notes.push(`request body cut at ${requestBody.data.length} of ${requestBody.size} bytes`);
  if (responseBody.cut) notes.push(`response body cut at ${responseBody.data.length} of ${responseBody.size} bytes`);
  if (summary.status !== 'done')
    notes.push(`exchange ${summary.status}${summary.error ? `: ${summary.error.message}` : ''}`);
  const entry: Entry = {
    startedDateTime: new Date(summary.startedAt).toISOString(),
    time: Math.max(0, total),
    request: {
      method: summary.method,
      url: summary.url,
      httpVersion: request.first?.kind === 'request-line' ? request.first.version : 'HTTP/1.1',
      cookies: [],
      headers: request.headers,
      queryString: queryString(summary.url),
      headersSize: request.headSize,
      bodySize: requestBody.size,
      ...(request.body.length > 0
        ? { postData: { mimeType: requestType, ...textOnly(content(requestBody.data, requestType)) } }
        : {}),
    },
    response: {
      status: status?.code ?? 0,
      statusText: status?.reason ?? '',
      httpVersion: status?.version ?? 'HTTP/1.1',
      cookies: [],
      headers: response.headers,
      content: { size: responseBody.size, mimeType: responseType, ...content(responseBody.data, responseType) },
      redirectURL: header(response.headers, 'location'),
      headersSize: response.headSize,
      bodySize: responseBody.size,
    },
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect: -1,
      ssl: -1,
      send: Math.max(0, sent - (txTimes.length > 0 ? Math.min(...txTimes) : 0)),
      wait: Math.max(0, firstByte - sent),
      receive: Math.max(0, total - firstByte),
    },
    ...(summary.connection?.remoteAddress ? { serverIPAddress: summary.connection.remoteAddress } : {}),
    ...(notes.length > 0 ? { comment: notes.join('; ') } : {}),
  };
  return entry;
}

/** postData holds text only (HAR 1.2 has no encoding there): base64 is said in its comment. */
function textOnly(body: { text: string; encoding?: 'base64' }): { text: string; comment?: string } {
  return body.encoding ? { text: body.text, comment: 'base64' } : { text: body.text };
}

export function harLog(entries: Entry[], version: string): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: 'Lowhaio Inspector', version },
      pages: [],
      entries,
    },
  };
}
