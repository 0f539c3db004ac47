// What the composer sends: one exchange, as plain data. Pure helpers turn it into the header rows
// and body framing that will go on the wire, so the composer can show them before sending.
import { boundaryProblems, type MultipartPart } from './multipart';

export interface HeaderRow {
  name: string;
  value: string;
  /** A disabled row stays in the composer but is not sent. */
  enabled: boolean;
}

export type BodyFraming = 'length' | 'chunked';

/**
 * A file to upload: on the machine that runs the service (the desktop app, streamed from disk), or
 * in the browser (browser mode, streamed over the WebSocket as the request needs it). Never a path:
 * `fileId` is the service's grant for a file the shell's own dialog (or a drop on the window) chose,
 * `uploadId` a file a browser page offered; the page can name nothing else.
 */
export type FileRef =
  | { via: 'path'; fileId: string; name: string; size: number }
  | { via: 'upload'; uploadId: string; name: string; size: number };

export type BodySpec =
  | { kind: 'none' }
  | { kind: 'text'; text: string; framing: BodyFraming; chunkSize: number }
  | { kind: 'file'; file: FileRef; framing: BodyFraming; chunkSize: number }
  /** multipart/form-data (shared/multipart.ts): text fields and files, between boundary lines. */
  | { kind: 'multipart'; boundary: string; parts: MultipartPart[]; framing: BodyFraming; chunkSize: number };

export interface ExchangeSpec {
  method: string;
  url: string;
  /** Query parameters appended to the URL's query, URL-encoded (disabled rows are not sent). */
  params?: HeaderRow[];
  headers: HeaderRow[];
  body: BodySpec;
  /** Longest wait without progress, in ms. */
  timeoutMs: number;
  /** Verify the server's TLS certificate (on by default). */
  verifyTls: boolean;
  /** Extra CA certificate(s), PEM, trusted for this exchange. */
  caPem?: string;
  /**
   * Follow a 3xx response to its Location: the page sends each hop as an exchange of its own
   * (shared/redirect-rules.ts says what the next request is). The service sends one request.
   */
  followRedirects?: boolean;
}

export const DEFAULT_CHUNK_SIZE = 16 * 1024;
export const MAX_CHUNK_SIZE = 16 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What is wrong with a chunk size, in words; empty when it is right. */
export function chunkSizeProblems(chunkSize: number): string[] {
  if (Number.isInteger(chunkSize) && chunkSize >= 1 && chunkSize <= MAX_CHUNK_SIZE) return [];
  return [`The chunk size must be a whole number of bytes from 1 to ${MAX_CHUNK_SIZE}.`];
}

/** Problems that stop a spec from being sent, in words for the composer; empty when it can go. */
export function specProblems(spec: ExchangeSpec): string[] {
  const problems: string[] = [];
  if (spec.method.trim() === '') problems.push('Choose a method.');
  if (!/^https?:\/\//i.test(spec.url.trim())) problems.push('The URL must start with http:// or https://.');
  if (spec.body.kind !== 'none') problems.push(...chunkSizeProblems(spec.body.chunkSize));
  if (spec.body.kind === 'multipart') {
    problems.push(...boundaryProblems(spec.body.boundary));
    if (spec.body.parts.some((part) => part.name.trim() === '')) problems.push('Every multipart field needs a name.');
  }
  if (!Number.isFinite(spec.timeoutMs) || spec.timeoutMs < 100) problems.push('The timeout must be at least 100 ms.');
  if (
    spec.caPem !== undefined &&
    spec.caPem.trim() !== '' &&
    !/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(spec.caPem)
  ) {
    problems.push(
      'The extra CA certificate must be PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.',
    );
  }
  return problems;
}

/** Whether an enabled header row of `spec` is named `name` (lower case), whatever its case and spaces. */
export function hasHeader(spec: { headers: readonly HeaderRow[] }, name: string): boolean {
  return spec.headers.some((row) => row.enabled && row.name.trim().toLowerCase() === name);
}

/**
 * How the body goes on the wire, decided once for the composer (which shows it) and the service
 * (which sends it), so that header and encoding never disagree (RFC 9112 section 6):
 * - `from: 'row'`: an enabled Transfer-Encoding or Content-Length row frames the body. With a
 *   Transfer-Encoding row the body is chunk-encoded (the core refuses one not ending in chunked, or
 *   beside a Content-Length); with a Content-Length row it goes as it is (the core checks its length).
 * - `from: 'composer'`: no such row; the composer's framing choice adds its header.
 * - `from: 'none'`: no body.
 */
export interface BodyPlan {
  from: 'row' | 'composer' | 'none';
  /** Whether the service wraps the body in the chunked coding. */
  chunkEncode: boolean;
  /** The framing header the client adds, or null (no body, or a row gives it). */
  added: FramingHeader | null;
  /** The enabled row that frames the body, when `from` is 'row'. */
  row: FramingHeader | null;
}

export type FramingHeader = 'content-length' | 'transfer-encoding';

/** What bodyPlan needs of a body: whether there is one, and the framing chosen for it. */
export type PlannedBody = { kind: 'none' } | { kind: 'text' | 'file' | 'multipart'; framing: BodyFraming };

export function bodyPlan(spec: { headers: readonly HeaderRow[]; body: PlannedBody }): BodyPlan {
  if (spec.body.kind === 'none') return { from: 'none', chunkEncode: false, added: null, row: null };
  if (hasHeader(spec, 'transfer-encoding'))
    return { from: 'row', chunkEncode: true, added: null, row: 'transfer-encoding' };
  if (hasHeader(spec, 'content-length')) return { from: 'row', chunkEncode: false, added: null, row: 'content-length' };
  const chunked = spec.body.framing === 'chunked';
  return { from: 'composer', chunkEncode: chunked, added: chunked ? 'transfer-encoding' : 'content-length', row: null };
}

/**
 * The header rows that will be sent: enabled rows in order, plus the framing header the body needs
 * (bodyPlan). `bodyLength` is the body's size in bytes, when known.
 */
export function wireHeaders(spec: ExchangeSpec, bodyLength: number | null): Array<[string, string]> {
  const rows = spec.headers
    .filter((row) => row.enabled && row.name.trim() !== '')
    .map((row): [string, string] => [row.name.trim(), row.value]);
  // A multipart body says its boundary in its Content-Type (RFC 7578 section 4.1), unless a row gives one.
  if (spec.body.kind === 'multipart' && !hasHeader(spec, 'content-type'))
    rows.push(['content-type', multipartContentType(spec.body.boundary)]);
  const { added } = bodyPlan(spec);
  if (added === 'transfer-encoding') return [...rows, ['transfer-encoding', 'chunked']];
  if (added === 'content-length' && bodyLength !== null) return [...rows, ['content-length', String(bodyLength)]];
  return rows;
}

/** The Content-Type of a multipart/form-data body with this boundary (quoted when it must be). */
export function multipartContentType(boundary: string): string {
  return `multipart/form-data; boundary=${/^[0-9A-Za-z'+_\-.]+$/.test(boundary) ? boundary : `"${boundary}"`}`;
}

/** The enabled query parameters of a spec, as name-value pairs. */
export function wireParams(spec: ExchangeSpec): Array<[string, string]> {
  return (spec.params ?? [])
    .filter((row) => row.enabled && row.name !== '')
    .map((row): [string, string] => [row.name, row.value]);
}
