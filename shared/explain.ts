// Plain-words explanations of every frame the engine finds, with the RFC 9112 section that defines
// it: what the inspector's Explain panel shows to someone learning HTTP/1.1 framing. Pure.
import type { ErrorCode } from './error-codes';
import type { Direction, Frame } from './frames';
import type { SerializedError } from './serialized-error';

export interface Explanation {
  /** What the bytes are, e.g. "Chunk-size line". */
  title: string;
  /** Its values in one sentence, e.g. "0x1a = 26 bytes of chunk data follow." */
  summary: string;
  /** Further notes that help read it. */
  notes: string[];
  rfc9112Section: string;
  rfc9112Title: string;
}

const STATUS_CLASSES: Record<string, string> = {
  '1': 'informational: an interim answer, the final response still follows',
  '2': 'success',
  '3': 'redirection',
  '4': 'client error',
  '5': 'server error',
};

const HEADER_NOTES: Record<string, string> = {
  'content-length':
    "Content-Length gives the body's size in bytes (the body ends after exactly that many), and frames the body only when there is no Transfer-Encoding, and never in a response to HEAD or a 304, which have no body: there it gives the size the body would have had (RFC 9112 sections 6.2 and 6.3, RFC 9110 section 8.6).",
  'transfer-encoding':
    'Transfer-Encoding lists the codings applied to the body; when the last is chunked, the body is a series of chunks ended by a zero-size chunk, and it wins over any Content-Length (RFC 9112 section 6.3).',
  connection:
    'Connection lists hop-by-hop options, meant for this connection only (RFC 9110 section 7.6.1). An HTTP/1.1 connection persists by default (RFC 9112 section 9.3): "close" ends it after this message (in a request: no further request follows), and "keep-alive" is the HTTP/1.0 way to opt in to persistence.',
  host: 'Host carries the authority (host and port) of the target; the scheme comes from the connection (TLS or not). A request has exactly one Host (RFC 9110 section 7.2, RFC 9112 section 3.2), so one address can serve many sites.',
  trailer:
    'Trailer says which fields might come after the body, in the chunked trailer section: a sender may send fewer (RFC 9110 section 6.6.2, RFC 9112 section 7.1.2).',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function bytes(frame: Frame): string {
  return plural(frame.end - frame.start, 'byte');
}

export function explainFrame(frame: Frame, direction: Direction): Explanation {
  const side = direction === 'tx' ? 'request' : 'response';
  switch (frame.kind) {
    case 'request-line':
      return {
        title: 'Request line',
        summary: `${frame.method} ${frame.target} ${frame.version}: the method, the request target and the protocol version, separated by single spaces and ended by CR LF.`,
        notes: [
          'The target is in origin form: the path and query, without scheme or host (those are in the Host header).',
        ],
        rfc9112Section: '3',
        rfc9112Title: 'Request Line',
      };
    case 'status-line': {
      const kind = STATUS_CLASSES[String(frame.code)[0] ?? ''] ?? 'unknown class';
      return {
        title: 'Status line',
        summary: `${frame.version} ${frame.code}${frame.reason ? ` ${frame.reason}` : ''}: version ${frame.version}, status code ${frame.code} (${kind})${frame.reason ? `, reason phrase "${frame.reason}"` : ', no reason phrase'}.`,
        notes: [
          ...(frame.code === 101
            ? [
                '101 Switching Protocols ends HTTP/1.1 on this connection: the bytes after this head belong to the protocol named in Upgrade (RFC 9110 section 7.8), as the bytes after a 2xx answer to CONNECT belong to the tunnel (RFC 9112 section 6.3, rule 2). The inspector sends no Upgrade, so it refuses a 101.',
              ]
            : frame.code >= 100 && frame.code < 200
              ? [
                  "An interim response: its head ends with an empty line and has no body; the final response's status line follows on the same exchange (RFC 9110 section 15.2).",
                ]
              : []),
          'The reason phrase is for people: clients act on the three-digit code alone.',
          'Status codes run from 100 to 599, their first digit the class (RFC 9110 section 15).',
        ],
        rfc9112Section: '4',
        rfc9112Title: 'Status Line',
      };
    }
    case 'header': {
      const note = HEADER_NOTES[frame.name.toLowerCase()];
      return {
        title: 'Header field',
        summary: `${frame.name}: ${frame.value}, a field line of the ${side} head: a name, a colon, the value (spaces around it are not part of it), then CR LF.`,
        notes: [
          ...(note ? [note] : []),
          ...(frame.folds && frame.folds.length > 0
            ? [
                `Folded over ${frame.folds.length + 1} lines (obs-fold, RFC 9112 section 5.2): a line that starts with a space or tab continues the field before. Folding is obsolete; a client must replace each fold (CR LF and the whitespace after it, marked in the bytes) with one space, so the value reads as above.`,
              ]
            : []),
          'Field names are case-insensitive; their order and repetitions are kept exactly as sent.',
        ],
        rfc9112Section: '5',
        rfc9112Title: 'Field Syntax',
      };
    }
    case 'head-end':
      return {
        title: 'End of the head',
        summary: `An empty line (CR LF) ends the ${side}'s header section; the body, if any, starts right after it.`,
        notes: [
          'How long the body is comes from the head: chunked, Content-Length, or (for a response) the close of the connection.',
        ],
        rfc9112Section: '2.1',
        rfc9112Title: 'Message Format',
      };
    case 'blank-line':
      return {
        title: 'Empty line before the status line',
        summary: 'An empty line (CR LF) before the start line, which a recipient may ignore.',
        notes: ['Some servers send one after an interim (1xx) response.'],
        rfc9112Section: '2.2',
        rfc9112Title: 'Message Parsing',
      };
    case 'body':
      return {
        title: 'Body bytes',
        summary: `${bytes(frame)} of the ${side} body, delimited by its Content-Length or by the close of the connection.`,
        notes: [],
        rfc9112Section: '6.3',
        rfc9112Title: 'Message Body Length',
      };
    case 'chunk-size': {
      const extensions = frame.extensions.map(([name, value]) =>
        value === null ? `extension ${name}` : `extension ${name}=${value}`,
      );
      return {
        title: frame.size === 0 ? 'Last chunk' : 'Chunk-size line',
        summary:
          frame.size === 0
            ? `0x0 = 0 bytes: the last chunk. Trailer fields, if any, and a final CR LF follow.${extensions.length ? ` With ${extensions.join(', ')}.` : ''}`
            : `chunk-size line: 0x${frame.size.toString(16)} = ${plural(frame.size, 'byte')} of chunk data follow${extensions.length ? `; ${extensions.join('; ')}` : ''}.`,
        notes: ['The size is hexadecimal; chunk extensions (after ";") carry per-chunk metadata and are rarely used.'],
        rfc9112Section: frame.extensions.length > 0 ? '7.1.1' : '7.1',
        rfc9112Title: frame.extensions.length > 0 ? 'Chunk Extensions' : 'Chunked Transfer Coding',
      };
    }
    case 'chunk-data':
      return {
        title: 'Chunk data',
        summary:
          direction === 'tx'
            ? `${bytes(frame)} of chunk data: one write's worth of the request body (a request body is never delimited by closing the connection, RFC 9112 section 6.3).`
            : `${bytes(frame)} of chunk data (one read's worth: a chunk may arrive in several).`,
        notes: [],
        rfc9112Section: '7.1',
        rfc9112Title: 'Chunked Transfer Coding',
      };
    case 'chunk-end':
      return {
        title: 'End of chunk data',
        summary: "The CR LF after a chunk's data; the next chunk-size line follows.",
        notes: [],
        rfc9112Section: '7.1',
        rfc9112Title: 'Chunked Transfer Coding',
      };
    case 'trailer':
      return {
        title: 'Trailer field',
        summary: `${frame.name}: ${frame.value}, a field sent after the body, in the chunked trailer section.`,
        notes: ['Trailers carry what is known only at the end, such as a checksum or the time taken.'],
        rfc9112Section: '7.1.2',
        rfc9112Title: 'Chunked Trailer Section',
      };
    case 'body-end':
      return {
        title: 'End of the chunked body',
        summary: 'The final CR LF after the last chunk and any trailers: the message is complete.',
        notes: [],
        rfc9112Section: '7.1',
        rfc9112Title: 'Chunked Transfer Coding',
      };
    case 'extraneous':
      return {
        title: "Bytes after the response's end",
        summary: `${bytes(frame)} that came after the response had ended. They belong to no response: this client sent one request, so it has nothing to pair them with, and they were not parsed.`,
        notes: [
          'A common cause is a server that sends a body with a response that has none (to HEAD, or a 204 or 304), or a Content-Length shorter than the body it sent.',
          'The connection was closed after them rather than reused: the next response on it could not be trusted to start where it seems to.',
        ],
        rfc9112Section: '9.3',
        rfc9112Title: 'Persistence',
      };
  }
}

/** RFC 9112's section titles, for the sections its rules are cited by. */
export const RFC9112_TITLES: Record<string, string> = {
  '2': 'Message',
  '2.1': 'Message Format',
  '2.2': 'Message Parsing',
  '2.3': 'HTTP Version',
  '3': 'Request Line',
  '3.2': 'Request Target',
  '4': 'Status Line',
  '5': 'Field Syntax',
  '5.1': 'Field Line Parsing',
  '5.2': 'Obsolete Line Folding',
  '6': 'Message Body',
  '6.1': 'Transfer-Encoding',
  '6.2': 'Content-Length',
  '6.3': 'Message Body Length',
  '7': 'Transfer Codings',
  '7.1': 'Chunked Transfer Coding',
  '7.1.1': 'Chunk Extensions',
  '7.1.2': 'Chunked Trailer Section',
  '7.1.3': 'Decoding Chunked',
  '8': 'Handling Incomplete Messages',
  '9': 'Connection Management',
  '9.3': 'Persistence',
  '9.5': 'Failures and Timeouts',
  '9.6': 'Tear-down',
};

/** What to do about an error in the app, by its stable code, beyond what its message says. */
const ERROR_ADVICE: Partial<Record<ErrorCode, string>> = {
  ERR_HTTP_TLS:
    'To trust this server, paste its CA certificate under Connection in the composer, or turn off Verify TLS certificates if you trust the network it is on.',
  ERR_HTTP_TIMEOUT:
    'If the server is only slow, raise the Timeout under Connection in the composer: it is the longest wait for any progress, not for the whole exchange.',
  ERR_HTTP_DNS: 'Check the host name in the URL; the demo server is always at 127.0.0.1.',
  ERR_HTTP_CONNECT:
    'Nothing accepted the connection at that address and port: check that the server is running and the port is right.',
  ERR_HTTP_CONNECTION_CLOSED:
    'The server closed the connection before the response was complete: what arrived is kept in the capture.',
  ERR_INVALID_SPEC: 'Fix what the message names in the composer, then send again.',
  ERR_CAPTURE_WRITE:
    'Free some disk space, or start the app with another data folder (--data-dir, or the LOWHAIO_INSPECTOR_DATA variable).',
  ERR_CAPTURE_INTERRUPTED:
    'The bytes shown are those that reached the disk before the app stopped; the last half second or so of them may be missing. Send the request again for the whole response.',
  ERR_HTTP_TOO_MANY_INFORMATIONAL:
    'A server that keeps sending interim responses (102 Processing, 103 Early Hints) without a final one would hold the exchange forever; the ones that came are kept in the capture.',
  ERR_FILE_REFUSED:
    "Choose a regular file: devices, FIFOs, folders, /proc and /sys, and the files of the app's own captures are never uploaded.",
  ERR_FILE_NOT_GRANTED: 'Choose the file again with "Choose file", or drop it on the window.',
  ERR_TOO_MANY_EXCHANGES: 'Cancel an exchange that runs, or wait for one to end, then send again.',
  ERR_UPLOAD_NOT_YOURS:
    'Choose the file again in this page: a file offered by another page (or one this page let go) cannot be sent from here.',
};

/** Titles of errors whose fault is nobody's in the bytes. */
const TITLES: Partial<Record<ErrorCode, string>> = {
  ERR_CAPTURE_INTERRUPTED: 'The exchange was cut short when the app stopped',
};

const FAULTS: Record<string, string> = {
  server: "The server's bytes break HTTP/1.1",
  caller: 'The request cannot be sent as it is',
  network: 'The connection failed',
};

/** An exchange's error in plain words: whose fault, where in the bytes, the rule broken, and what to do. */
export function explainError(error: SerializedError): Explanation {
  const notes: string[] = [];
  if (error.offset !== undefined) {
    const side = error.direction === 'tx' ? 'request' : 'response';
    notes.push(
      `The offending bytes start at byte ${error.offset} of the ${side}; they are marked in ${side === 'request' ? 'Request' : 'Response'} bytes, and what arrived before them is kept.`,
    );
  }
  if (error.fault === 'server' && error.offset !== undefined)
    notes.push(
      'A client that read past this point could be tricked (request smuggling, response splitting), so the inspector stops here and does not reuse the connection.',
    );
  const advice = ERROR_ADVICE[error.code];
  if (advice) notes.push(advice);
  notes.push(`Error code ${error.code} (${error.name}): stable, to search for or to match in scripts.`);
  const section = error.rfc9112Section;
  return {
    title: TITLES[error.code] ?? (error.fault ? FAULTS[error.fault]! : 'The exchange failed'),
    summary: error.message,
    notes,
    rfc9112Section: section ?? '',
    rfc9112Title: section ? (RFC9112_TITLES[section] ?? '') : '',
  };
}
