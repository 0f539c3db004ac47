// lowhaio: a streaming-first HTTP/1.1 client. This module is its public API. The framing engine
// (sans-I/O: bytes in, events and frames out) is exported for the layers above and for tests.
export {
  HttpConnectionClosedError,
  HttpConnectionError,
  HttpDataError,
  HttpDnsError,
  HttpError,
  HttpHeaderTooLong,
  HttpInvalidRequestError,
  HttpProtocolError,
  HttpTlsError,
  serializeError,
} from './errors';
export { ResponseParser, DEFAULT_MAX_HEADER_LENGTH } from './response-parser';
export type { ParserState, ResponseEvent, ResponseHead, ResponseParserOptions } from './response-parser';
export { serializeRequestHead, requestTarget, requestBodyFraming } from './request-serializer';
export type { RequestBodyFraming, RequestHead, RequestTarget } from './request-serializer';
export { RequestBodyFramer } from './request-body-framer';
export { ChunkedBodyReader, chunked, parseChunkSizeLine } from './chunked';
export type { BodyEvent, ChunkedOptions } from './chunked';
export type { BodyFraming } from './body-framing';
export { Pool, streamed, buffered } from './pool';
export { fileBody, DEFAULT_FILE_PIECE } from './file-body';
export type { FileBodyOptions } from './file-body';
export type { PoolOptions, RequestOptions, RequestFunction, CloseFunction } from './pool';
export type { Body, Headers, Response } from './exchange';
export type { WireEvent, Observer, TlsSummary } from './wire-events';
export { HttpConnectionTimeoutError, HttpDataTimeoutError } from './errors';
export { systemResolver } from './connect';
export type { Resolver } from './connect';
export { redirectable, redirectMethod } from './redirect';
export type { RedirectHop, RedirectOptions } from './redirect';
export { retryable, isRetryable, IDEMPOTENT_METHODS } from './retry';
export type { RetryOptions } from './retry';
