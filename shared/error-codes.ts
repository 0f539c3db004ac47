// Every error code the app gives, in one union: errors carry one of these as `code`, and what the
// UI says about a code (shared/explain.ts) is keyed by this type, so a renamed or unknown code fails
// to compile instead of silently losing its advice. Codes are stable: never reworded once shipped.

export const ERROR_CODES = [
  // The core, in the bytes (HttpProtocolError, HttpHeaderTooLong; RFC 9112).
  'ERR_HTTP_BARE_CR',
  'ERR_HTTP_BARE_LF',
  'ERR_HTTP_CHUNK_LINE_TOO_LONG',
  'ERR_HTTP_CHUNK_SIZE_OVERFLOW',
  'ERR_HTTP_CL_AND_TE',
  'ERR_HTTP_CONFLICTING_CONTENT_LENGTH',
  'ERR_HTTP_DATA_AFTER_BODY',
  'ERR_HTTP_HEADER_TOO_LONG',
  'ERR_HTTP_INVALID_CHUNK_EXTENSION',
  'ERR_HTTP_INVALID_CHUNK_SIZE',
  'ERR_HTTP_INVALID_CONTENT_LENGTH',
  'ERR_HTTP_INVALID_HEADER',
  'ERR_HTTP_INVALID_HEADER_NAME',
  'ERR_HTTP_INVALID_HEADER_VALUE',
  'ERR_HTTP_INVALID_STATUS_CODE',
  'ERR_HTTP_INVALID_STATUS_LINE',
  'ERR_HTTP_INVALID_TRANSFER_ENCODING',
  'ERR_HTTP_INVALID_VERSION',
  'ERR_HTTP_MISSING_CHUNK_CRLF',
  'ERR_HTTP_NOT_HTTP',
  'ERR_HTTP_OBS_FOLD',
  'ERR_HTTP_SPACE_BEFORE_COLON',
  'ERR_HTTP_TOO_MANY_INFORMATIONAL',
  'ERR_HTTP_UNEXPECTED_101',
  'ERR_HTTP_UNFRAMED_BODY',
  'ERR_HTTP_CONNECTION_CLOSED',
  // The core, the request as given (HttpInvalidRequestError): nothing was sent.
  'ERR_HTTP_BODY_LENGTH_MISMATCH',
  'ERR_HTTP_CONNECT_TARGET',
  'ERR_HTTP_INVALID_METHOD',
  'ERR_HTTP_INVALID_TARGET',
  'ERR_HTTP_INVALID_URL',
  'ERR_HTTP_REDIRECT_BODY',
  'ERR_HTTP_TOO_MANY_REDIRECTS',
  'ERR_HTTP_TWO_HOSTS',
  'ERR_HTTP_UNSUPPORTED_SCHEME',
  'ERR_HTTP_URL_CREDENTIALS',
  'ERR_HTTP_POOL_CLOSED',
  // The core, between the two ends (HttpConnectionError, HttpDataError).
  'ERR_HTTP_CONNECT',
  'ERR_HTTP_DNS',
  'ERR_HTTP_SOCKET',
  'ERR_HTTP_TIMEOUT',
  'ERR_HTTP_TLS',
  'ERR_HTTP_TLS_PLAIN_HTTP',
  // The exchange service (ServiceError).
  'ERR_INVALID_SPEC',
  'ERR_EXCHANGE_ID_TAKEN',
  'ERR_TOO_MANY_EXCHANGES',
  'ERR_EXCHANGE_RUNNING',
  'ERR_FILE_REFUSED',
  'ERR_FILE_NOT_GRANTED',
  'ERR_CAPTURE_WRITE',
  'ERR_CAPTURE_INTERRUPTED',
  // A body's content coding (BodyDecodingError, main/exchange/body-decoding.ts).
  'ERR_BODY_DECODING',
  'ERR_BODY_CODING_UNSUPPORTED',
  // Saved requests (CollectionError, main/collections/).
  'ERR_COLLECTION_NOT_CHOSEN',
  'ERR_COLLECTION_PATH',
  'ERR_COLLECTION_EXISTS',
  'ERR_COLLECTION_MISSING',
  'ERR_COLLECTION_TOO_LARGE',
  'ERR_COLLECTION_NOT_EMPTY',
  'ERR_COLLECTION_IO',
  // The API's transports (ApiArgumentError).
  'ERR_INVALID_ARGUMENT',
  'ERR_UPLOAD_NOT_YOURS',
  'ERR_TOO_MANY_UPLOADS',
  // Anything thrown that carries no code of ours (its own code, if any, is kept as systemCode).
  'ERR_UNKNOWN',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
