// How this works: the exchange service's own failures, beside the core's HttpError tree (which is
// the lowhaio library's, about HTTP): a spec or a file the service refuses, and a capture it cannot
// write. Each has a typed code (shared/error-codes.ts) and crosses IPC as plain data through the
// core's serializeError, which reads `code` and `fault`.
import type { ErrorCode } from '../../shared/error-codes';
import type { Fault } from '../../shared/serialized-error';

export class ServiceError extends Error {
  override name = 'ServiceError';
  readonly fault: Fault | undefined = undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The caller asked for what the service will not do (a spec it cannot send, a file it may not read): nothing was sent.
 */
export class ServiceRefusal extends ServiceError {
  override name = 'ServiceRefusal';
  override readonly fault = 'caller';

  constructor(
    code: Extract<
      ErrorCode,
      | 'ERR_INVALID_SPEC'
      | 'ERR_EXCHANGE_ID_TAKEN'
      | 'ERR_TOO_MANY_EXCHANGES'
      | 'ERR_FILE_REFUSED'
      | 'ERR_FILE_NOT_GRANTED'
      | 'ERR_EXCHANGE_RUNNING'
      | 'ERR_INVALID_ARGUMENT'
    >,
    message: string,
  ) {
    super(code, message);
  }
}
