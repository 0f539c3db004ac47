// An exchange's error in plain words: whose fault, where in the bytes (the bytes marked are the
// offending element: a line, a field, a chunk's size line), the rule broken with the RFC's own
// sentence, kept apart from where the inspector chooses to refuse what the RFC lets a client
// accept; the desync warning only for real framing errors; what to do in the app. Pure.
import type { ErrorCode } from './error-codes';
import type { Explanation } from './explain';
import { QUOTES, RFC9112_TITLES, type RfcQuote } from './rfc-quotes';
import type { SerializedError } from './serialized-error';

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

/** Titles of errors that say more than whose fault they are. */
const TITLES: Partial<Record<ErrorCode, string>> = {
  ERR_CAPTURE_INTERRUPTED: 'The exchange was cut short when the app stopped',
  ERR_HTTP_CONNECTION_CLOSED: 'The response is incomplete',
};

const FAULTS: Record<string, string> = {
  server: "The server's bytes break HTTP/1.1",
  caller: 'The request cannot be sent as it is',
  network: 'The connection failed',
};

/** The RFC's sentences an error breaks, and what the inspector chooses beyond them, by code. */
function rulesOf(error: SerializedError): { quotes: RfcQuote[]; inspector: string[] } {
  switch (error.code) {
    case 'ERR_HTTP_BARE_LF':
      return {
        quotes: [QUOTES.bareLf],
        inspector: [
          'RFC 9112 section 2.2 lets a recipient accept a lone LF as a line end. The inspector refuses it: its policy, stricter than the RFC, because a reader that accepts LF alone and one that does not split the same bytes into different lines.',
        ],
      };
    case 'ERR_HTTP_BARE_CR':
      return {
        quotes: [QUOTES.bareCr],
        inspector: ['Of the two choices the RFC gives, the inspector takes the first: the element is invalid.'],
      };
    case 'ERR_HTTP_OBS_FOLD':
      if (error.rfc9112Section === '2.2')
        return {
          quotes: [QUOTES.whitespaceBeforeFirstField],
          inspector: [
            'Of the two choices the RFC gives, the inspector rejects the message: ignoring the lines would hide bytes from you.',
          ],
        };
      return {
        quotes: [QUOTES.obsFoldUserAgent, QUOTES.obsFoldSender],
        inspector: [
          'RFC 9112 section 5.2 has a user agent replace each fold with space and read on, and the inspector does so for ordinary fields. It refuses a fold where no field line can be continued, in a trailer, and in Content-Length or Transfer-Encoding: its policy, stricter than the RFC, so that where a body ends is never a guess.',
        ],
      };
    case 'ERR_HTTP_SPACE_BEFORE_COLON':
      return {
        quotes: [QUOTES.spaceBeforeColonServer, QUOTES.spaceBeforeColonProxy],
        inspector: [
          'The RFC binds servers (reject the request with 400) and proxies (remove the whitespace); it sets no rule for a client reading a response. The inspector refuses it: its policy, since such whitespace has made two readers disagree on a field name.',
        ],
      };
    case 'ERR_HTTP_HEADER_TOO_LONG':
      return {
        quotes: [QUOTES.noFieldLimit],
        inspector: [
          "HTTP sets no limit on a head; the limit is the inspector's own (maxHeaderLength, 16,384 bytes unless raised), so that a server cannot make it buffer without end.",
        ],
      };
    case 'ERR_HTTP_INVALID_CONTENT_LENGTH':
    case 'ERR_HTTP_CONFLICTING_CONTENT_LENGTH':
      return { quotes: [QUOTES.rule5, QUOTES.rule5UserAgent], inspector: [] };
    case 'ERR_HTTP_INVALID_TRANSFER_ENCODING':
      return { quotes: [QUOTES.chunkedOnce], inspector: [] };
    case 'ERR_HTTP_INVALID_CHUNK_SIZE':
    case 'ERR_HTTP_MISSING_CHUNK_CRLF':
      return { quotes: [QUOTES.chunkSize], inspector: [] };
    case 'ERR_HTTP_CHUNK_SIZE_OVERFLOW':
      return { quotes: [QUOTES.chunkSizeOverflow], inspector: [] };
    case 'ERR_HTTP_INVALID_STATUS_CODE':
      return { quotes: [QUOTES.statusRange], inspector: [] };
    case 'ERR_HTTP_UNEXPECTED_101':
      return {
        quotes: [QUOTES.upgradeOnlyAsked],
        inspector: ['The inspector never sends Upgrade, so a 101 switches to a protocol it did not ask for.'],
      };
    case 'ERR_HTTP_TOO_MANY_INFORMATIONAL':
      return {
        quotes: [QUOTES.interimParsed],
        inspector: [
          'RFC 9110 sets no bound on interim responses; the inspector takes at most 32 (maxInformational), its own limit.',
        ],
      };
    case 'ERR_HTTP_CONNECTION_CLOSED':
      return { quotes: [QUOTES.rule6, QUOTES.incompleteLength, QUOTES.incompleteChunked], inspector: [] };
    default:
      return { quotes: [], inspector: [] };
  }
}

/**
 * Errors in how the body is delimited: where readers that disagree about them see different ends
 * of a response, which is what response splitting and desync are made of.
 */
const FRAMING_ERRORS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_HTTP_CL_AND_TE',
  'ERR_HTTP_CONFLICTING_CONTENT_LENGTH',
  'ERR_HTTP_INVALID_CONTENT_LENGTH',
  'ERR_HTTP_INVALID_TRANSFER_ENCODING',
  'ERR_HTTP_INVALID_CHUNK_SIZE',
  'ERR_HTTP_CHUNK_SIZE_OVERFLOW',
  'ERR_HTTP_INVALID_CHUNK_EXTENSION',
  'ERR_HTTP_MISSING_CHUNK_CRLF',
  'ERR_HTTP_BARE_LF',
  'ERR_HTTP_BARE_CR',
  'ERR_HTTP_OBS_FOLD',
  'ERR_HTTP_SPACE_BEFORE_COLON',
]);

/** An exchange's error in plain words: whose fault, where in the bytes, the rule broken, and what to do. */
export function explainError(error: SerializedError): Explanation {
  const notes: string[] = [];
  const warnings: string[] = [];
  if (error.offset !== undefined) {
    const side = error.direction === 'tx' ? 'request' : 'response';
    const marked = side === 'request' ? 'Request bytes' : 'Response bytes';
    const range = error.start !== undefined && error.end !== undefined && error.end > error.start + 1;
    notes.push(
      error.code === 'ERR_HTTP_CONNECTION_CLOSED'
        ? `The connection closed at byte ${error.offset} of the ${side}; everything before it is kept.`
        : range
          ? `The offending bytes are [${error.start}, ${error.end}) of the ${side} (from byte ${error.start} up to, not including, byte ${error.end}), the first wrong one at byte ${error.offset}; they are marked in ${marked}, and what arrived before them is kept.`
          : `The offending byte is byte ${error.offset} of the ${side}; it is marked in ${marked}, and what arrived before it is kept.`,
    );
  }
  if (error.fault === 'server' && FRAMING_ERRORS.has(error.code))
    warnings.push(
      'Readers that disagree on where a response ends are how response splitting and desync attacks work (RFC 9112 sections 6.3 and 11.1): what one reads as this body, another reads as the next response. The inspector stops here and closes the connection rather than guess.',
    );
  const advice = ERROR_ADVICE[error.code];
  if (advice) notes.push(advice);
  notes.push(`Error code ${error.code} (${error.name}): stable, to search for or to match in scripts.`);
  const section = error.rfc9112Section;
  const { quotes, inspector } = rulesOf(error);
  return {
    title: TITLES[error.code] ?? (error.fault ? FAULTS[error.fault]! : 'The exchange failed'),
    summary: error.message,
    warnings,
    notes,
    quotes,
    inspector,
    rfc9112Section: section ?? '',
    rfc9112Title: section ? (RFC9112_TITLES[section] ?? '') : '',
  };
}
