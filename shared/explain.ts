// Plain-words explanations of every frame the engine finds, with the RFC 9112 section that defines
// it: what the inspector's Explain panel shows to someone learning HTTP/1.1 framing. Pure.
import type { Direction, Frame } from './frames';

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
  'content-length': 'Content-Length gives the body\'s size in bytes: the body ends after exactly that many (RFC 9112 section 6.3).',
  'transfer-encoding': 'Transfer-Encoding lists the codings applied to the body; when the last is chunked, the body is a series of chunks ended by a zero-size chunk, and it wins over any Content-Length (RFC 9112 section 6.3).',
  connection: 'Connection: close means the connection ends after this message; keep-alive asks to keep it open (RFC 9112 section 9.3).',
  host: 'Host names the server the request is for, so one address can serve many sites (RFC 9112 section 3.2).',
  trailer: 'Trailer announces which fields will come after the body, in the chunked trailer section (RFC 9112 section 7.1.2).',
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
        notes: ['The target is in origin form: the path and query, without scheme or host (those are in the Host header).'],
        rfc9112Section: '3',
        rfc9112Title: 'Request Line',
      };
    case 'status-line': {
      const kind = STATUS_CLASSES[String(frame.code)[0] ?? ''] ?? 'unknown class';
      return {
        title: 'Status line',
        summary: `${frame.version} ${frame.code}${frame.reason ? ` ${frame.reason}` : ''}: version ${frame.version}, status code ${frame.code} (${kind})${frame.reason ? `, reason phrase "${frame.reason}"` : ', no reason phrase'}.`,
        notes: ['The reason phrase is for people: clients act on the three-digit code alone.'],
        rfc9112Section: '4',
        rfc9112Title: 'Status Line',
      };
    }
    case 'header': {
      const note = HEADER_NOTES[frame.name.toLowerCase()];
      return {
        title: 'Header field',
        summary: `${frame.name}: ${frame.value}, a field line of the ${side} head: a name, a colon, the value (spaces around it are not part of it), then CR LF.`,
        notes: [...(note ? [note] : []), 'Field names are case-insensitive; their order and repetitions are kept exactly as sent.'],
        rfc9112Section: '5',
        rfc9112Title: 'Field Syntax',
      };
    }
    case 'head-end':
      return {
        title: 'End of the head',
        summary: `An empty line (CR LF) ends the ${side}'s header section; the body, if any, starts right after it.`,
        notes: ['How long the body is comes from the head: chunked, Content-Length, or (for a response) the close of the connection.'],
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
      const extensions = frame.extensions.map(([name, value]) => (value === null ? `extension ${name}` : `extension ${name}=${value}`));
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
        summary: `${bytes(frame)} of chunk data (one read's worth: a chunk may arrive in several).`,
        notes: [],
        rfc9112Section: '7.1',
        rfc9112Title: 'Chunked Transfer Coding',
      };
    case 'chunk-end':
      return {
        title: 'End of chunk data',
        summary: 'The CR LF after a chunk\'s data; the next chunk-size line follows.',
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
  }
}
