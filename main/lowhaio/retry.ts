// How this works: a layer over a request function, as the Python lowhaio-retry package is. It
// retries a request that failed before its response arrived, when that is safe: an
// HttpConnectionError means no byte was sent, so any method may be retried; an HttpDataError means
// the server may have acted, so only idempotent methods (RFC 9110 section 9.2.2) are retried, and
// only with a body that can be sent again. Malformed responses and aborts are never retried.
import { HttpConnectionError, HttpDataError, HttpProtocolError } from './errors';
import type { RequestFunction } from './pool';

export interface RetryOptions {
  /** Tries in all, the first included (default 3). */
  attempts?: number;
  /** Wait before try `n` (2 for the first retry), in ms (default 50, 100, 200...). */
  delay?: (attempt: number) => number;
  onRetry?: (info: { attempt: number; error: unknown }) => void;
}

export const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

export function isRetryable(method: string, error: unknown, bodyReplayable: boolean): boolean {
  if (error instanceof HttpConnectionError) return true;
  if (error instanceof HttpProtocolError) return false;
  return error instanceof HttpDataError && IDEMPOTENT_METHODS.has(method) && bodyReplayable;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function retryable(request: RequestFunction, options: RetryOptions = {}): RequestFunction {
  const attempts = options.attempts ?? 3;
  const delay = options.delay ?? ((attempt) => 50 * 2 ** (attempt - 2));
  return async (method, url, requestOptions = {}) => {
    const replayable = requestOptions.body === undefined || typeof requestOptions.body === 'function';
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(method, url, requestOptions);
      } catch (error) {
        if (attempt >= attempts || requestOptions.signal?.aborted || !isRetryable(method, error, replayable))
          throw error;
        options.onRetry?.({ attempt: attempt + 1, error });
        await wait(delay(attempt + 1), requestOptions.signal);
      }
    }
  };
}
