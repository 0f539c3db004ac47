// How this works: what can go wrong with the folder of saved requests, each with its code: no folder
// chosen yet, a path the store refuses (outside the folder, not .http), an entry already there or
// gone, a file too large, a folder not empty, or the file system's own error (its code kept).
import type { ErrorCode } from '../../shared/error-codes';
import type { Fault } from '../../shared/serialized-error';

export class CollectionError extends Error {
  override name = 'CollectionError';

  constructor(
    readonly code: Extract<ErrorCode, `ERR_COLLECTION_${string}`>,
    message: string,
    readonly fault: Fault | undefined = 'caller',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
