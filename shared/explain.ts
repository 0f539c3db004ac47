// Plain-words explanations of every frame the engine finds, for someone learning HTTP/1.1 framing:
// what the bytes are in the message in front of them (a HEAD response's empty line says no body
// follows; an interim head says the final one comes next), the framing decision the core made and
// by which rule of RFC 9112 section 6.3, the RFC's own sentences with whom they bind, kept apart
// from what the inspector chooses for itself, and visible warnings for what is wrong. Pure.
import type { Direction, Frame } from './frames';
import { QUOTES, RFC9112_TITLES, type RfcQuote } from './rfc-quotes';
import type { FramingDecision } from './wire-events';

export interface Explanation {
  /** What the bytes are, e.g. "Chunk-size line". */
  title: string;
  /** Its values in one sentence, e.g. "0x1a = 26 bytes of chunk data follow." */
  summary: string;
  /** What is wrong or dangerous in this message, to be shown prominently. */
  warnings: string[];
  /** Further notes that help read it. */
  notes: string[];
  /** The RFCs' own sentences that apply: what the RFC requires, and of whom. */
  quotes: RfcQuote[];
  /** What the inspector chooses for itself (stricter than the RFC, or a limit of its own). */
  inspector: string[];
  rfc9112Section: string;
  rfc9112Title: string;
}

/** The message a frame belongs to, as far as it is known: what makes an explanation fit it. */
export interface MessageContext {
  direction: Direction;
  /** The request's method, as sent. */
  method?: string;
  /** The field lines of the head this frame belongs to (for a body frame: of its message). */
  fields?: ReadonlyArray<readonly [string, string]>;
  /** The response's status code (of the interim head, for a frame of one). */
  code?: number;
  /** The response's HTTP version, e.g. "HTTP/1.0". */
  version?: string;
  /** The frame belongs to an interim (1xx) response. */
  interim?: boolean;
  /** The core's framing decision for the final response, once its head came. */
  framing?: FramingDecision | null;
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

const RULE_QUOTES: Record<number, RfcQuote> = {
  1: QUOTES.rule1,
  2: QUOTES.rule2,
  3: QUOTES.rule3,
  6: QUOTES.rule6,
  8: QUOTES.rule8,
};

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function bytes(frame: Frame): string {
  return plural(frame.end - frame.start, 'byte');
}

/** How many field lines of `fields` have this name (case-insensitive). */
function count(fields: MessageContext['fields'], name: string): number {
  let n = 0;
  for (const [field] of fields ?? []) if (field.toLowerCase() === name) n++;
  return n;
}

/** The lower-cased elements of the list fields of this name (RFC 9110 section 5.6.1). */
function elements(fields: MessageContext['fields'], name: string): string[] {
  return (fields ?? [])
    .filter(([field]) => field.toLowerCase() === name)
    .flatMap(([, value]) => value.split(','))
    .map((element) => element.trim().toLowerCase())
    .filter((element) => element.length > 0);
}

function explanation(
  title: string,
  summary: string,
  section: string,
  more: Partial<Omit<Explanation, 'title' | 'summary' | 'rfc9112Section' | 'rfc9112Title'>> = {},
): Explanation {
  return {
    title,
    summary,
    warnings: more.warnings ?? [],
    notes: more.notes ?? [],
    quotes: more.quotes ?? [],
    inspector: more.inspector ?? [],
    rfc9112Section: section,
    rfc9112Title: RFC9112_TITLES[section] ?? '',
  };
}

/** Why a final response has no body, when it has none by rule 1 (null when it may have one). */
function bodilessBecause(context: MessageContext): { why: string; quote: RfcQuote } | null {
  if (context.direction !== 'rx' || context.interim) return null;
  if (context.method === 'HEAD') return { why: 'this is a response to HEAD', quote: QUOTES.headNoContent };
  if (context.code === 204) return { why: 'its status is 204 (No Content)', quote: QUOTES.noContent204 };
  if (context.code === 304) return { why: 'its status is 304 (Not Modified)', quote: QUOTES.notModified304 };
  return null;
}

/** What is wrong with the framing fields of a response head, shown on each frame of it. */
function responseWarnings(context: MessageContext): { warnings: string[]; quotes: RfcQuote[] } {
  const warnings: string[] = [];
  const quotes: RfcQuote[] = [];
  if (context.direction !== 'rx' || context.interim || !context.fields) return { warnings, quotes };
  const te = count(context.fields, 'transfer-encoding') > 0;
  const cl = count(context.fields, 'content-length') > 0;
  const bodiless = bodilessBecause(context);
  if (te && cl && !bodiless) {
    warnings.push(
      'This response has both Content-Length and Transfer-Encoding. Transfer-Encoding overrides Content-Length (RFC 9112 section 6.3, rule 3), so the body is read as the codings say; a sender must not send both (section 6.2), and a message that does may be an attempt at response splitting or request smuggling (sections 11.1 and 11.2). The connection will be closed after it, not reused.',
    );
    quotes.push(QUOTES.rule3, QUOTES.clWithTe);
  }
  if (te && (context.code === 204 || (context.code !== undefined && context.code < 200))) {
    warnings.push(
      `A ${context.code} response carries Transfer-Encoding, which a server must not send (RFC 9112 section 6.1): it has no body, so the field leaves the next bytes in doubt, and the connection will not be reused.`,
    );
    quotes.push(QUOTES.teOnBodiless);
  }
  if (te && (context.version === 'HTTP/1.0' || context.version === 'HTTP/0.9')) {
    warnings.push(
      `An ${context.version} response uses Transfer-Encoding, which HTTP/1.0 does not have: RFC 9112 section 6.1 has the client treat its framing as faulty and close the connection after it.`,
    );
    quotes.push(QUOTES.teInHttp10);
  }
  return { warnings, quotes };
}

function requestLine(frame: Extract<Frame, { kind: 'request-line' }>): Explanation {
  const { method, target, version } = frame;
  const summary = `${method} ${target} ${version}: the method, the request target and the protocol version, separated by single spaces and ended by CR LF.`;
  if (target === '*')
    return explanation('Request line', summary, '3.2.4', {
      notes: ['The target is in asterisk form ("*"): a request about the server as a whole, used only with OPTIONS.'],
    });
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(target))
    return explanation('Request line', summary, '3.2.2', {
      notes: [
        'The target is in absolute form (scheme, host and path): the form a client uses when it sends the request to a proxy. The client still sends Host.',
      ],
    });
  if (method === 'CONNECT')
    return explanation('Request line', summary, '3.2.3', {
      notes: ['The target is in authority form (host and port only): CONNECT asks for a tunnel to it.'],
    });
  return explanation('Request line', summary, '3.2.1', {
    notes: [
      'The target is in origin form: the path and query, without scheme or host (the authority is in the Host header, the scheme is the connection: TLS or not). It is the form for a request sent straight to the server; RFC 9112 section 3.2 has three others (absolute form for proxies, authority form for CONNECT, and "*" for OPTIONS).',
    ],
    quotes: [QUOTES.originForm],
  });
}

function statusLine(frame: Extract<Frame, { kind: 'status-line' }>, context: MessageContext): Explanation {
  const kind = STATUS_CLASSES[String(frame.code)[0] ?? ''] ?? 'unknown class';
  const notes: string[] = [];
  const quotes: RfcQuote[] = [QUOTES.reasonPhrase, QUOTES.statusRange];
  const inspector: string[] = [];
  if (frame.code === 101) {
    notes.push(
      '101 Switching Protocols ends HTTP/1.1 on this connection: the bytes after this head belong to the protocol named in Upgrade (RFC 9110 section 7.8), as the bytes after a 2xx answer to CONNECT belong to the tunnel (RFC 9112 section 6.3, rule 2).',
    );
    quotes.push(QUOTES.upgradeOnlyAsked);
    inspector.push('The inspector sends no Upgrade, so a 101 answers nothing it asked for: it refuses the response.');
  } else if (frame.code >= 100 && frame.code < 200) {
    notes.push(
      "An interim response: its head ends with an empty line and has no body; the final response's status line follows on the same exchange (RFC 9110 section 15.2).",
    );
    quotes.push(QUOTES.interimParsed);
  }
  const bodiless = bodilessBecause({ ...context, code: frame.code, interim: frame.code < 200 });
  if (bodiless)
    notes.push(
      `No body will follow this head, whatever its fields say: ${bodiless.why} (RFC 9112 section 6.3, rule 1).`,
    );
  notes.push(
    'The reason phrase is for people: clients act on the three-digit code alone.',
    'Status codes run from 100 to 599, their first digit the class (RFC 9110 section 15).',
  );
  const { warnings, quotes: warned } = responseWarnings(context);
  return explanation(
    'Status line',
    `${frame.version} ${frame.code}${frame.reason ? ` ${frame.reason}` : ''}: version ${frame.version}, status code ${frame.code} (${kind})${frame.reason ? `, reason phrase "${frame.reason}"` : ', no reason phrase'}.`,
    '4',
    { notes, quotes: [...quotes, ...warned], warnings, inspector },
  );
}

function header(frame: Extract<Frame, { kind: 'header' }>, context: MessageContext): Explanation {
  const side = context.direction === 'tx' ? 'request' : 'response';
  const name = frame.name.toLowerCase();
  const notes: string[] = [];
  const quotes: RfcQuote[] = [];
  const warnings: string[] = [];
  const bodiless = bodilessBecause(context);
  const framing = context.direction === 'rx' && !context.interim ? context.framing : null;
  const hasTe = count(context.fields, 'transfer-encoding') > 0;
  switch (name) {
    case 'content-length':
      if (bodiless) {
        notes.push(
          `No body follows: ${bodiless.why} (RFC 9112 section 6.3, rule 1). Content-Length gives the size the body would have had (RFC 9110 section 8.6).`,
        );
        quotes.push(context.method === 'HEAD' ? QUOTES.contentLengthHead : bodiless.quote);
      } else if (hasTe) {
        notes.push(
          'Transfer-Encoding is present too, so this Content-Length does not frame the body: Transfer-Encoding overrides it (RFC 9112 section 6.3, rule 3).',
        );
      } else {
        notes.push(HEADER_NOTES[name]!);
        if (framing?.body === 'length')
          notes.push(`It frames this body: ${plural(framing.length ?? 0, 'byte')} follow the head.`);
        else if (context.direction === 'tx')
          notes.push('It frames this request body: a request body is never delimited by closing the connection.');
      }
      break;
    case 'transfer-encoding':
      notes.push(HEADER_NOTES[name]!);
      if (bodiless && (context.method === 'HEAD' || context.code === 304)) {
        notes.push(
          `No body follows (${bodiless.why}): here Transfer-Encoding says only which codings a GET would have had.`,
        );
        quotes.push(QUOTES.teInHeadOr304);
      }
      break;
    case 'connection': {
      notes.push(HEADER_NOTES[name]!);
      quotes.push(QUOTES.connectionOptions, QUOTES.persistentDefault);
      if (elements(context.fields, 'connection').includes('close'))
        quotes.push(context.direction === 'tx' ? QUOTES.closeClient : QUOTES.closeServer);
      break;
    }
    case 'host':
      notes.push(HEADER_NOTES[name]!);
      quotes.push(QUOTES.hostSent, QUOTES.hostUserAgent, QUOTES.hostOne);
      if (count(context.fields, 'host') > 1)
        warnings.push(
          'This request has more than one Host line: a server must answer it with 400 (RFC 9112 section 3.2).',
        );
      break;
    case 'trailer':
      notes.push(HEADER_NOTES[name]!);
      quotes.push(QUOTES.trailerDeclared);
      break;
    default:
      break;
  }
  if (frame.folds && frame.folds.length > 0) {
    notes.push(
      `Folded over ${frame.folds.length + 1} lines (obs-fold, RFC 9112 section 5.2): a line that starts with a space or tab continues the field before. Folding is obsolete: a sender must not fold, and a user agent must replace each fold (CR LF and the whitespace after it, marked in the bytes) with space, so the value reads as above.`,
    );
    quotes.push(QUOTES.obsFoldSender, QUOTES.obsFoldUserAgent);
  }
  const repeats = count(context.fields, name);
  if (repeats > 1) {
    notes.push(
      `${frame.name} comes ${repeats} times in this head. Lines of one name may be combined into one, their values joined by commas in the order received, which is why their order matters (RFC 9110 section 5.3); the table keeps each line as sent.`,
    );
    quotes.push(QUOTES.fieldCombining, QUOTES.fieldOrder);
  } else notes.push('Field names are case-insensitive; their order and repetitions are kept exactly as sent.');
  const isFraming = name === 'content-length' || name === 'transfer-encoding';
  const response = isFraming ? responseWarnings(context) : { warnings: [], quotes: [] };
  return explanation(
    'Header field',
    `${frame.name}: ${frame.value}, a field line of the ${side} head: a name, a colon, the value (spaces around it are not part of it), then CR LF.`,
    frame.folds && frame.folds.length > 0 ? '5.2' : '5',
    { notes, quotes: [...quotes, ...response.quotes], warnings: [...warnings, ...response.warnings] },
  );
}

function headEnd(context: MessageContext): Explanation {
  const title = 'End of the head';
  if (context.direction === 'tx') {
    const codings = elements(context.fields, 'transfer-encoding');
    const length = (context.fields ?? []).find(([name]) => name.toLowerCase() === 'content-length')?.[1];
    let summary = "An empty line (CR LF) ends the request's header section; ";
    const quotes: RfcQuote[] = [];
    if (codings.at(-1) === 'chunked') summary += 'the body follows in chunks (Transfer-Encoding: chunked).';
    else if (length !== undefined)
      summary += `${plural(Number(length), 'byte')} of body follow (Content-Length: ${length}).`;
    else {
      summary += 'no body follows: a request with neither Content-Length nor Transfer-Encoding has none (rule 7).';
      quotes.push(QUOTES.rule7);
    }
    return explanation(title, summary, '6.3', {
      notes: ['A request body is never delimited by closing the connection: the server must know where it ends.'],
      quotes,
    });
  }
  if (context.interim) {
    if (context.code === 101)
      return explanation(
        title,
        'An empty line (CR LF) ends the 101 head: HTTP/1.1 ends here on this connection.',
        '2.1',
        {
          quotes: [QUOTES.upgradeOnlyAsked],
        },
      );
    return explanation(
      title,
      "An empty line (CR LF) ends this interim response: it has no body, and the final response's status line follows.",
      '6.3',
      { quotes: [QUOTES.rule1, QUOTES.interimParsed] },
    );
  }
  const framing = context.framing;
  if (!framing)
    return explanation(
      title,
      "An empty line (CR LF) ends the response's header section; the body, if any, starts right after it.",
      '2.1',
      {
        notes: [
          'How long the body is comes from the head: chunked, Content-Length, or the close of the connection (RFC 9112 section 6.3).',
        ],
      },
    );
  const bodiless = bodilessBecause(context);
  const notes: string[] = [];
  if (bodiless && count(context.fields, 'content-length') > 0)
    notes.push('Content-Length gives the size the body would have had (RFC 9110 section 8.6).');
  notes.push(
    framing.reusable
      ? `${bodiless ? 'The connection may carry another request now' : 'Once the body is read, the connection may carry another request'}: HTTP/1.1 persists by default (RFC 9112 section 9.3).`
      : `The connection will be closed after this response, not reused: ${framing.notReusableBecause ?? 'the core said so'}.`,
  );
  const summary = bodiless
    ? `An empty line (CR LF) ends the response's head. No body follows: ${bodiless.why} (RFC 9112 section 6.3, rule 1).`
    : `An empty line (CR LF) ends the response's head. The body is framed ${framing.because} (RFC 9112 section 6.3, rule ${framing.rule}).`;
  const ruleQuote =
    framing.rule === 4 || (framing.rule === 3 && framing.body !== 'chunked')
      ? framing.body === 'chunked'
        ? QUOTES.rule4Chunked
        : QUOTES.rule4Close
      : RULE_QUOTES[framing.rule];
  const { warnings, quotes } = responseWarnings(context);
  return explanation(title, summary, '6.3', {
    notes,
    warnings,
    quotes: [
      ...(ruleQuote ? [ruleQuote] : []),
      ...(bodiless ? [bodiless.quote] : []),
      ...quotes.filter((quote) => quote !== ruleQuote),
      QUOTES.persistentDefault,
    ],
  });
}

function body(frame: Frame, context: MessageContext): Explanation {
  if (context.direction === 'tx')
    return explanation(
      'Body bytes',
      `${bytes(frame)} of the request body, delimited by its Content-Length (a request body is never delimited by closing the connection).`,
      '6.3',
      { quotes: [QUOTES.rule6] },
    );
  const framing = context.framing;
  if (framing?.body === 'length')
    return explanation(
      'Body bytes',
      `${bytes(frame)} of the response body, which Content-Length gives as ${plural(framing.length ?? 0, 'byte')} (RFC 9112 section 6.3, rule 6): the body ends after exactly that many.`,
      '6.3',
      {
        notes: ['If the server closes the connection before they have all come, the response is incomplete.'],
        quotes: [QUOTES.rule6, QUOTES.incompleteLength],
      },
    );
  if (framing?.body === 'close')
    return explanation(
      'Body bytes',
      `${bytes(frame)} of the response body, delimited by the close of the connection (RFC 9112 section 6.3, rule ${framing.rule}): it ends when the server closes.`,
      '6.3',
      {
        notes: [
          'Nothing in the bytes says such a body is complete: a close that comes early looks the same, so servers should send Content-Length or chunked where they can (RFC 9112 section 6.3).',
        ],
        quotes: [framing.rule === 8 ? QUOTES.rule8 : QUOTES.rule4Close],
      },
    );
  return explanation(
    'Body bytes',
    `${bytes(frame)} of the response body, delimited by its Content-Length or by the close of the connection.`,
    '6.3',
  );
}

function extraneous(frame: Frame, context: MessageContext): Explanation {
  const bodiless = bodilessBecause(context);
  const framing = context.framing;
  const why = bodiless
    ? `This response has no body (${bodiless.why}, RFC 9112 section 6.3, rule 1), so all of them are extra: a server that sends a body here breaks the rule below.`
    : framing?.body === 'length'
      ? `Content-Length gave the body as ${plural(framing.length ?? 0, 'byte')}, and these came after them: a Content-Length shorter than the body sent.`
      : 'A common cause is a server that sends a body with a response that has none (to HEAD, or a 204 or 304), or a Content-Length shorter than the body it sent.';
  return explanation(
    "Bytes after the response's end",
    `${bytes(frame)} that came after the response had ended. They belong to no response: this client sent one request, so it has nothing to pair them with, and they were not parsed.`,
    '9.3',
    {
      warnings: [why],
      quotes: bodiless ? [QUOTES.rule1, bodiless.quote] : framing?.body === 'length' ? [QUOTES.rule6] : [],
      inspector: [
        'The inspector closes the connection after them rather than reuse it: the next response on it could not be trusted to start where it seems to.',
      ],
    },
  );
}

/** What one frame is, in the message it belongs to (`context`: at least its direction). */
export function explainFrame(frame: Frame, context: MessageContext): Explanation {
  const side = context.direction === 'tx' ? 'request' : 'response';
  switch (frame.kind) {
    case 'request-line':
      return requestLine(frame);
    case 'status-line':
      return statusLine(frame, context);
    case 'header':
      return header(frame, context);
    case 'head-end':
      return headEnd(context);
    case 'blank-line':
      return explanation(
        'Empty line before the status line',
        'An empty line (CR LF) before a status line, skipped.',
        '2.2',
        {
          notes: ['Some servers send one after an interim (1xx) response.'],
          quotes: [QUOTES.emptyLineBeforeRequest],
          inspector: [
            'RFC 9112 asks this robustness of a server, before a request line; the inspector extends it to an empty line before a status line. Here it is more lenient than the RFC requires, not stricter.',
          ],
        },
      );
    case 'body':
      return body(frame, context);
    case 'chunk-size': {
      const extensions = frame.extensions.map(([name, value]) =>
        value === null ? `extension ${name}` : `extension ${name}=${value}`,
      );
      const last = frame.size === 0;
      return explanation(
        last ? 'Last chunk' : 'Chunk-size line',
        last
          ? `0x0 = 0 bytes: the last chunk. Trailer fields, if any, and a final CR LF follow.${extensions.length ? ` With ${extensions.join(', ')}.` : ''}`
          : `chunk-size line: 0x${frame.size.toString(16)} = ${plural(frame.size, 'byte')} of chunk data follow${extensions.length ? `; ${extensions.join('; ')}` : ''}.`,
        frame.extensions.length > 0 ? '7.1.1' : '7.1',
        {
          notes: [
            'The size is hexadecimal; chunk extensions (after ";") carry per-chunk metadata and are rarely used.',
          ],
          quotes: [
            last ? QUOTES.chunkedEnd : QUOTES.chunkSize,
            ...(frame.extensions.length > 0 ? [QUOTES.chunkExtensions] : []),
          ],
        },
      );
    }
    case 'chunk-data':
      return explanation(
        'Chunk data',
        context.direction === 'tx'
          ? `${bytes(frame)} of chunk data: one write's worth of the request body (a request body is never delimited by closing the connection, RFC 9112 section 6.3).`
          : `${bytes(frame)} of chunk data (one read's worth: a chunk may arrive in several).`,
        '7.1',
      );
    case 'chunk-end':
      return explanation(
        'End of chunk data',
        "The CR LF after a chunk's data; the next chunk-size line follows.",
        '7.1',
      );
    case 'trailer':
      return explanation(
        'Trailer field',
        `${frame.name}: ${frame.value}, a field sent after the body, in the chunked trailer section.`,
        '7.1.2',
        {
          notes: ['Trailers carry what is known only at the end, such as a checksum or the time taken.'],
          quotes: [QUOTES.trailersKept, QUOTES.trailersNotMerged, QUOTES.trailerAllowed],
        },
      );
    case 'body-end':
      return explanation(
        'End of the chunked body',
        `The final CR LF after the last chunk and any trailers: the ${side} is complete.`,
        '7.1',
        { quotes: [QUOTES.chunkedEnd] },
      );
    case 'extraneous':
      return extraneous(frame, context);
  }
}
