// An error as it crosses a process boundary: plain data, structured-clone-safe. Framing errors
// carry where in the bytes they happened, so the UI can highlight the offending bytes.
import type { ErrorCode } from './error-codes';
import type { Direction } from './frames';

/** Who is to blame: the server's response, the caller's request, or the network between them. */
export type Fault = 'server' | 'caller' | 'network';

export interface SerializedError {
  /** Class name, e.g. "HttpProtocolError". */
  name: string;
  /** Stable identifier, e.g. "ERR_HTTP_INVALID_CHUNK_SIZE"; never reworded (shared/error-codes.ts). */
  code: ErrorCode;
  /** The code of a thrown error that is not one of ours (a Node system error's "ECONNRESET"), kept as it came. */
  systemCode?: string;
  /** What happened, where in the bytes, and what to do. */
  message: string;
  fault?: Fault;
  /** The direction whose bytes are at fault. */
  direction?: Direction;
  /** Exchange-relative offset of the offending byte. */
  offset?: number;
  /** The offending element (a line, a chunk) spans [start, end). */
  start?: number;
  end?: number;
  /** The RFC 9112 section of the rule that was broken. */
  rfc9112Section?: string;
  cause?: SerializedError;
}
