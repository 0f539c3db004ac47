// How this works: one schema per API method, for the arguments every transport hands the main
// process (Electron IPC, the browser-mode WebSocket). Each transport calls checkedParams(method,
// params) before anything else, so a page (or a script that took it over) can name no path, no
// direction outside tx/rx and no value of the wrong shape: it gets an ApiArgumentError that says
// which argument is wrong and what it takes. Pure (zod): both sides can use it.
import * as z from 'zod';
import { isApiMethod, type ApiMethod } from './api-methods';
import type { ErrorCode } from './error-codes';
import { EXCHANGE_ID } from './exchange-id';
import { MAX_FIND_QUERY } from './find-query';
import { MAX_CHUNK_SIZE, type ExchangeSpec } from './exchange-spec';

/** The most rows a header or parameter table may send, and the longest text one of them may hold. */
export const MAX_ROWS = 1000;
export const MAX_FIELD_TEXT = 256 * 1024;
/** A text body is typed in the composer; files are for anything larger. */
export const MAX_TEXT_BODY = 16 * 1024 * 1024;
/** Longest wait without progress one exchange may ask for (a day). */
export const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;

const exchangeId = z
  .string()
  .regex(EXCHANGE_ID, 'an exchange id (lower-case letters, digits and "-", 6 to 64 of them)');
const direction = z.enum(['tx', 'rx']);
const bodyForm = z.enum(['decoded', 'wire']);
const byteCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(MAX_FIELD_TEXT);
const handle = z.string().regex(/^[A-Za-z0-9_-]{8,80}$/, 'an id the shell gave (letters, digits, "_" and "-")');

/**
 * A path inside the collection ("api/login.http"): names separated by "/", none empty or starting
 * with "." (so no ".." either), none with \\ < > : " | ? * or NUL. The collection store checks again,
 * against the disk (links that lead out).
 */
const collectionPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(
    /^(?!.*(?:^|\/)\.)(?:[^/\\\0<>:"|?*]+\/)*[^/\\\0<>:"|?*]+$/,
    'a path inside the collection: names separated by "/", none empty or starting with "."',
  );
/** A saved request file's text: 1 MiB of UTF-8 is at most this many UTF-16 units. */
const MAX_REQUEST_FILE_TEXT = 1024 * 1024;

const row = z.strictObject({ name: shortText, value: shortText, enabled: z.boolean() });
const framing = z.enum(['length', 'chunked']);
const chunkSize = z.number().int().min(1).max(MAX_CHUNK_SIZE);

/**
 * A file to upload is a handle, never a path: `fileId` is what the shell granted (its own file
 * dialog, a file dropped on the window), `uploadId` what a browser page offered.
 */
const fileRef = z.discriminatedUnion('via', [
  z.strictObject({
    via: z.literal('path'),
    fileId: handle,
    name: shortText,
    size: byteCount,
  }),
  z.strictObject({ via: z.literal('upload'), uploadId: handle, name: shortText, size: byteCount }),
]);

/** A multipart field: text (a name and a value), or a file (its handle, never a path) and its type. */
const multipartPart = z.union([
  z.strictObject({ name: shortText, value: z.string().max(MAX_TEXT_BODY) }),
  z.strictObject({ name: shortText, file: fileRef, contentType: z.string().min(1).max(256) }),
]);

const body = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('text'), text: z.string().max(MAX_TEXT_BODY), framing, chunkSize }),
  z.strictObject({ kind: z.literal('file'), file: fileRef, framing, chunkSize }),
  z.strictObject({
    kind: z.literal('multipart'),
    boundary: z.string().min(1).max(70),
    parts: z.array(multipartPart).max(MAX_ROWS),
    framing,
    chunkSize,
  }),
]);

export const exchangeSpecSchema = z.strictObject({
  method: z.string().min(1).max(64),
  url: z
    .string()
    .min(1)
    .max(64 * 1024),
  params: z.array(row).max(MAX_ROWS).optional(),
  headers: z.array(row).max(MAX_ROWS),
  body,
  timeoutMs: z.number().int().min(100).max(MAX_TIMEOUT_MS),
  verifyTls: z.boolean(),
  caPem: z
    .string()
    .max(1024 * 1024)
    .optional(),
  followRedirects: z.boolean().optional(),
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The schema and the ExchangeSpec type say the same (this fails to compile when they drift apart). */
const specSchemaMatchesType: Same<z.infer<typeof exchangeSpecSchema>, ExchangeSpec> = true;
void specSchemaMatchesType;

/** The arguments of every method a transport carries, in order (its table: api-methods.ts). */
export const API_PARAMS = {
  getAppInfo: z.tuple([]),
  /** The spec, and the exchange id the page chose (a new one when left out). */
  send: z.tuple([exchangeSpecSchema, exchangeId.optional()]),
  cancel: z.tuple([exchangeId]),
  readBytes: z.tuple([exchangeId, direction, byteCount, byteCount]),
  readFrames: z.tuple([exchangeId, byteCount.optional()]),
  describeBody: z.tuple([exchangeId, direction.optional()]),
  findInCapture: z.tuple([
    exchangeId,
    direction,
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('text'), text: z.string().min(1).max(MAX_FIND_QUERY), caseSensitive: z.boolean() }),
      z.object({ kind: z.literal('hex'), hex: z.string().min(1).max(MAX_FIND_QUERY) }),
    ]),
    byteCount.optional(),
  ]),
  readBody: z.tuple([exchangeId, byteCount, byteCount, direction.optional()]),
  listHistory: z.tuple([]),
  getSpec: z.tuple([exchangeId]),
  deleteHistory: z.tuple([exchangeId]),
  clearHistory: z.tuple([]),
  getDemoServer: z.tuple([]),
  listCollection: z.tuple([]),
  readRequestFile: z.tuple([collectionPath]),
  writeRequestFile: z.tuple([collectionPath, z.string().max(MAX_REQUEST_FILE_TEXT), z.enum(['create', 'replace'])]),
  renameCollectionEntry: z.tuple([collectionPath, collectionPath]),
  deleteCollectionEntry: z.tuple([collectionPath]),
  createCollectionFolder: z.tuple([collectionPath]),
  chooseCollectionFolder: z.tuple([]),
  saveBody: z.tuple([exchangeId, bodyForm.optional()]),
  saveRaw: z.tuple([exchangeId, direction]),
  /** A file name (no folder), the text, and its media type. */
  saveText: z.tuple([
    z.string().regex(/^[\w][\w .()-]{0,120}$/, 'a file name: letters, digits, " .()-_", no folder'),
    z.string().max(256 * 1024 * 1024),
    z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'a media type, as application/json'),
  ]),
  chooseUploadFile: z.tuple([]),
  /** Electron: the path of a File dropped on the window, as the preload read it (webUtils). */
  useDroppedFile: z.tuple([z.string().min(1).max(4096)]),
  /** Browser mode: a page offers a file of this many bytes. */
  beginUpload: z.tuple([byteCount]),
  /** Browser mode: a one-time ticket to download a capture's body or one direction's bytes. */
  exportTicket: z.tuple([exchangeId, z.enum(['body', 'body-wire', 'tx', 'rx'])]),
} as const satisfies Record<ApiMethod, z.ZodTuple>;

/** Every method of the table has its schema here, and nothing else is (fails to compile otherwise). */
const schemaForEveryMethod: Same<keyof typeof API_PARAMS, ApiMethod> = true;
void schemaForEveryMethod;

type CheckedParams<M extends ApiMethod> = z.output<(typeof API_PARAMS)[M]>;

/**
 * Arguments a transport refused before the service saw them: of the wrong shape
 * (ERR_INVALID_ARGUMENT), or well formed but not this caller's to use (another code). Plain data
 * across IPC (code, message).
 */
export class ApiArgumentError extends Error {
  override name = 'ApiArgumentError';
  readonly fault = 'caller';

  constructor(
    message: string,
    readonly code: Extract<
      ErrorCode,
      'ERR_INVALID_ARGUMENT' | 'ERR_UPLOAD_NOT_YOURS' | 'ERR_TOO_MANY_UPLOADS'
    > = 'ERR_INVALID_ARGUMENT',
  ) {
    super(message);
  }
}

/** What is wrong with the first problem zod found, in words: "argument 1 (spec) .body.file.path: ...". */
function describe(method: string, issue: z.core.$ZodIssue): string {
  const [index, ...rest] = issue.path;
  const where =
    index === undefined
      ? 'the arguments'
      : `argument ${Number(index) + 1}${rest.length > 0 ? ` at ${rest.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('')}` : ''}`;
  return `${method}: ${where}: ${issue.message}`;
}

/** The arguments of `method`, checked; throws ApiArgumentError for an unknown method or a wrong argument. */
export function checkedParams<M extends ApiMethod>(method: M, params: unknown): CheckedParams<M>;
export function checkedParams(method: string, params: unknown): unknown[];
export function checkedParams(method: string, params: unknown): unknown[] {
  if (!isApiMethod(method)) throw new ApiArgumentError(`There is no API method "${String(method).slice(0, 80)}".`);
  const result = API_PARAMS[method].safeParse(params);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ApiArgumentError(`Refused ${describe(method, issue)}. Nothing was done.`);
  }
  return result.data as unknown[];
}
