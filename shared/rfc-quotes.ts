// The sentences of RFC 9112 (HTTP/1.1) and RFC 9110 (HTTP Semantics) that the Explain panel quotes,
// word for word, each with its requirement keyword (RFC 2119: MUST, SHOULD, MAY...) and whom it
// binds, so that a student reads the rule itself and who must keep it, beside what the inspector
// chooses to do. Pure data; `rfcUrl` links a section on rfc-editor.org.

export type RfcNumber = '9110' | '9112';

/** RFC 2119's keywords, as the RFCs spell them; null for a definition, which obliges nobody. */
export type Keyword = 'MUST' | 'MUST NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY';

/** The parties a requirement binds, in the RFCs' own words. */
export type Bound = 'sender' | 'recipient' | 'client' | 'user agent' | 'server' | 'origin server' | 'proxy';

export interface RfcQuote {
  rfc: RfcNumber;
  section: string;
  keyword: Keyword | null;
  /** Whom it binds; null for a definition. */
  binds: Bound | null;
  /** The sentence as the RFC has it. */
  text: string;
}

/** The section's address on rfc-editor.org. */
export function rfcUrl(rfc: RfcNumber, section: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}`;
}

function quote(rfc: RfcNumber, section: string, keyword: Keyword | null, binds: Bound | null, text: string): RfcQuote {
  return Object.freeze({ rfc, section, keyword, binds, text });
}

export const QUOTES = {
  bareLf: quote(
    '9112',
    '2.2',
    'MAY',
    'recipient',
    'Although the line terminator for the start-line and fields is the sequence CRLF, a recipient MAY recognize a single LF as a line terminator and ignore any preceding CR.',
  ),
  bareCr: quote(
    '9112',
    '2.2',
    'MUST',
    'recipient',
    'A recipient of such a bare CR MUST consider that element to be invalid or replace each bare CR with SP before processing the element or forwarding the message.',
  ),
  whitespaceBeforeFirstField: quote(
    '9112',
    '2.2',
    'MUST',
    'recipient',
    'A recipient that receives whitespace between the start-line and the first header field MUST either reject the message as invalid or consume each whitespace-preceded line without further processing of it (i.e., ignore the entire line, along with any subsequent lines preceded by whitespace, until a properly formed header field is received or the header section is terminated).',
  ),
  emptyLineBeforeRequest: quote(
    '9112',
    '2.2',
    'SHOULD',
    'server',
    'In the interest of robustness, a server that is expecting to receive and parse a request-line SHOULD ignore at least one empty line (CRLF) received prior to the request-line.',
  ),
  originForm: quote(
    '9112',
    '3.2.1',
    'MUST',
    'client',
    'When making a request directly to an origin server, other than a CONNECT or server-wide OPTIONS request (as detailed below), a client MUST send only the absolute path and query components of the target URI as the request-target.',
  ),
  hostSent: quote(
    '9112',
    '3.2',
    'MUST',
    'client',
    'A client MUST send a Host header field (Section 7.2 of [HTTP]) in all HTTP/1.1 request messages.',
  ),
  hostOne: quote(
    '9112',
    '3.2',
    'MUST',
    'server',
    'A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value.',
  ),
  reasonPhrase: quote(
    '9112',
    '4',
    'SHOULD',
    'client',
    'A client SHOULD ignore the reason-phrase content because it is not a reliable channel for information (it might be translated for a given locale, overwritten by intermediaries, or discarded when the message is forwarded via other versions of HTTP).',
  ),
  spaceBeforeColonServer: quote(
    '9112',
    '5.1',
    'MUST',
    'server',
    'A server MUST reject, with a response status code of 400 (Bad Request), any received request message that contains whitespace between a header field name and colon.',
  ),
  spaceBeforeColonProxy: quote(
    '9112',
    '5.1',
    'MUST',
    'proxy',
    'A proxy MUST remove any such whitespace from a response message before forwarding the message downstream.',
  ),
  obsFoldSender: quote(
    '9112',
    '5.2',
    'MUST NOT',
    'sender',
    'A sender MUST NOT generate a message that includes line folding (i.e., that has any field line value that contains a match to the obs-fold rule) unless the message is intended for packaging within the "message/http" media type.',
  ),
  obsFoldUserAgent: quote(
    '9112',
    '5.2',
    'MUST',
    'user agent',
    'A user agent that receives an obs-fold in a response message that is not within a "message/http" container MUST replace each received obs-fold with one or more SP octets prior to interpreting the field value.',
  ),
  chunkedOnce: quote(
    '9112',
    '6.1',
    'MUST NOT',
    'sender',
    'A sender MUST NOT apply the chunked transfer coding more than once to a message body (i.e., chunking an already chunked message is not allowed).',
  ),
  teOnBodiless: quote(
    '9112',
    '6.1',
    'MUST NOT',
    'server',
    'A server MUST NOT send a Transfer-Encoding header field in any response with a status code of 1xx (Informational) or 204 (No Content).',
  ),
  teInHeadOr304: quote(
    '9112',
    '6.1',
    'MAY',
    'origin server',
    'Transfer-Encoding MAY be sent in a response to a HEAD request or in a 304 (Not Modified) response (Section 15.4.5 of [HTTP]) to a GET request, neither of which includes a message body, to indicate that the origin server would have applied a transfer coding to the message body if the request had been an unconditional GET.',
  ),
  teInHttp10: quote(
    '9112',
    '6.1',
    'MUST',
    'client',
    'A server or client that receives an HTTP/1.0 message containing a Transfer-Encoding header field MUST treat the message as if the framing is faulty, even if a Content-Length is present, and close the connection after processing the message.',
  ),
  clWithTe: quote(
    '9112',
    '6.2',
    'MUST NOT',
    'sender',
    'A sender MUST NOT send a Content-Length header field in any message that contains a Transfer-Encoding header field.',
  ),
  rule1: quote(
    '9112',
    '6.3',
    null,
    null,
    'Any response to a HEAD request and any response with a 1xx (Informational), 204 (No Content), or 304 (Not Modified) status code is always terminated by the first empty line after the header fields, regardless of the header fields present in the message, and thus cannot contain a message body or trailer section.',
  ),
  rule2: quote(
    '9112',
    '6.3',
    'MUST',
    'client',
    'A client MUST ignore any Content-Length or Transfer-Encoding header fields received in such a message.',
  ),
  rule3: quote(
    '9112',
    '6.3',
    null,
    null,
    'If a message is received with both a Transfer-Encoding and a Content-Length header field, the Transfer-Encoding overrides the Content-Length. Such a message might indicate an attempt to perform request smuggling (Section 11.2) or response splitting (Section 11.1) and ought to be handled as an error.',
  ),
  rule4Chunked: quote(
    '9112',
    '6.3',
    null,
    null,
    'If a Transfer-Encoding header field is present and the chunked transfer coding (Section 7.1) is the final encoding, the message body length is determined by reading and decoding the chunked data until the transfer coding indicates the data is complete.',
  ),
  rule4Close: quote(
    '9112',
    '6.3',
    null,
    null,
    'If a Transfer-Encoding header field is present in a response and the chunked transfer coding is not the final encoding, the message body length is determined by reading the connection until it is closed by the server.',
  ),
  rule5: quote(
    '9112',
    '6.3',
    'MUST',
    'recipient',
    'If a message is received without Transfer-Encoding and with an invalid Content-Length header field, then the message framing is invalid and the recipient MUST treat it as an unrecoverable error, unless the field value can be successfully parsed as a comma-separated list (Section 5.6.1 of [HTTP]), all values in the list are valid, and all values in the list are the same (in which case, the message is processed with that single value used as the Content-Length field value).',
  ),
  rule5UserAgent: quote(
    '9112',
    '6.3',
    'MUST',
    'user agent',
    'If it is in a response message received by a user agent, the user agent MUST close the connection to the server and discard the received response.',
  ),
  rule6: quote(
    '9112',
    '6.3',
    'MUST',
    'recipient',
    'If a valid Content-Length header field is present without Transfer-Encoding, its decimal value defines the expected message body length in octets. If the sender closes the connection or the recipient times out before the indicated number of octets are received, the recipient MUST consider the message to be incomplete and close the connection.',
  ),
  rule7: quote(
    '9112',
    '6.3',
    null,
    null,
    'If this is a request message and none of the above are true, then the message body length is zero (no message body is present).',
  ),
  rule8: quote(
    '9112',
    '6.3',
    null,
    null,
    'Otherwise, this is a response message without a declared message body length, so the message body length is determined by the number of octets received prior to the server closing the connection.',
  ),
  chunkSize: quote(
    '9112',
    '7.1',
    null,
    null,
    'The chunk-size field is a string of hex digits indicating the size of the chunk-data in octets.',
  ),
  chunkedEnd: quote(
    '9112',
    '7.1',
    null,
    null,
    'The chunked transfer coding is complete when a chunk with a chunk-size of zero is received, possibly followed by a trailer section, and finally terminated by an empty line.',
  ),
  chunkSizeOverflow: quote(
    '9112',
    '7.1',
    'MUST',
    'recipient',
    'Therefore, recipients MUST anticipate potentially large hexadecimal numerals and prevent parsing errors due to integer conversion overflows or precision loss due to integer representation.',
  ),
  chunkExtensions: quote(
    '9112',
    '7.1.1',
    'MUST',
    'recipient',
    'A recipient MUST ignore unrecognized chunk extensions.',
  ),
  trailersKept: quote(
    '9112',
    '7.1.2',
    'MAY',
    'recipient',
    'A recipient that removes the chunked coding from a message MAY selectively retain or discard the received trailer fields.',
  ),
  trailersNotMerged: quote(
    '9112',
    '7.1.2',
    'MUST NOT',
    'recipient',
    'A recipient MUST NOT merge a received trailer field into the header section unless its corresponding header field definition explicitly permits and instructs how the trailer field value can be safely merged.',
  ),
  incompleteLength: quote(
    '9112',
    '8',
    null,
    null,
    'A message that uses a valid Content-Length is incomplete if the size of the message body received (in octets) is less than the value given by Content-Length.',
  ),
  incompleteChunked: quote(
    '9112',
    '8',
    null,
    null,
    'A message body that uses the chunked transfer coding is incomplete if the zero-sized chunk that terminates the encoding has not been received.',
  ),
  persistentDefault: quote(
    '9112',
    '9.3',
    null,
    null,
    'HTTP/1.1 defaults to the use of "persistent connections", allowing multiple requests and responses to be carried over a single connection.',
  ),
  closeClient: quote(
    '9112',
    '9.6',
    'MUST NOT',
    'client',
    'A client that sends a "close" connection option MUST NOT send further requests on that connection (after the one containing the "close") and MUST close the connection after reading the final response message corresponding to this request.',
  ),
  closeServer: quote(
    '9112',
    '9.6',
    'MUST',
    'server',
    'A server that receives a "close" connection option MUST initiate closure of the connection (see below) after it sends the final response to the request that contained the "close" connection option.',
  ),
  fieldCombining: quote(
    '9110',
    '5.3',
    'MAY',
    'recipient',
    'A recipient MAY combine multiple field lines within a field section that have the same field name into one field line, without changing the semantics of the message, by appending each subsequent field line value to the initial field line value in order, separated by a comma (",") and optional whitespace (OWS, defined in Section 5.6.3).',
  ),
  fieldOrder: quote(
    '9110',
    '5.3',
    'MUST NOT',
    'proxy',
    'The order in which field lines with the same name are received is therefore significant to the interpretation of the field value; a proxy MUST NOT change the order of these field line values when forwarding a message.',
  ),
  noFieldLimit: quote(
    '9110',
    '5.4',
    null,
    null,
    'HTTP does not place a predefined limit on the length of each field line, field value, or on the length of a header or trailer section as a whole, as described in Section 2.',
  ),
  trailerDeclared: quote(
    '9110',
    '6.6.2',
    'SHOULD',
    'sender',
    'A sender that intends to generate one or more trailer fields in a message SHOULD generate a Trailer header field in the header section of that message to indicate which fields might be present in the trailers.',
  ),
  trailerAllowed: quote(
    '9110',
    '6.5.1',
    'MUST NOT',
    'sender',
    "A sender MUST NOT generate a trailer field unless the sender knows the corresponding header field name's definition permits the field to be sent in trailers.",
  ),
  hostUserAgent: quote(
    '9110',
    '7.2',
    'MUST',
    'user agent',
    'A user agent MUST generate a Host header field in a request unless it sends that information as an ":authority" pseudo-header field.',
  ),
  connectionOptions: quote(
    '9110',
    '7.6.1',
    null,
    null,
    'The "Connection" header field allows the sender to list desired control options for the current connection.',
  ),
  upgradeOnlyAsked: quote(
    '9110',
    '7.8',
    'MUST NOT',
    'server',
    "A server MUST NOT switch to a protocol that was not indicated by the client in the corresponding request's Upgrade header field.",
  ),
  contentLengthHead: quote(
    '9110',
    '8.6',
    'MAY',
    'server',
    'A server MAY send a Content-Length header field in a response to a HEAD request (Section 9.3.2); a server MUST NOT send Content-Length in such a response unless its field value equals the decimal number of octets that would have been sent in the content of a response if the same request had used the GET method.',
  ),
  headNoContent: quote(
    '9110',
    '9.3.2',
    'MUST NOT',
    'server',
    'The HEAD method is identical to GET except that the server MUST NOT send content in the response.',
  ),
  statusRange: quote('9110', '15', null, null, 'All valid status codes are within the range of 100 to 599, inclusive.'),
  interimParsed: quote(
    '9110',
    '15.2',
    'MUST',
    'client',
    'A client MUST be able to parse one or more 1xx responses received prior to a final response, even if the client does not expect one.',
  ),
  noContent204: quote(
    '9110',
    '15.3.5',
    null,
    null,
    'A 204 response is terminated by the end of the header section; it cannot contain content or trailers.',
  ),
  notModified304: quote(
    '9110',
    '15.4.5',
    null,
    null,
    'A 304 response is terminated by the end of the header section; it cannot contain content or trailers.',
  ),
} satisfies Record<string, RfcQuote>;
/** RFC 9112's section titles, for the sections its rules are cited by. */
export const RFC9112_TITLES: Record<string, string> = {
  '2': 'Message',
  '2.1': 'Message Format',
  '2.2': 'Message Parsing',
  '2.3': 'HTTP Version',
  '3': 'Request Line',
  '3.2': 'Request Target',
  '3.2.1': 'origin-form',
  '3.2.2': 'absolute-form',
  '3.2.3': 'authority-form',
  '3.2.4': 'asterisk-form',
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
  '11.1': 'Response Splitting',
  '11.2': 'Request Smuggling',
};
