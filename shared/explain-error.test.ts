import { describe, expect, it } from 'vitest';
import { explainError } from './explain-error';
import type { SerializedError } from './serialized-error';

describe('explainError', () => {
  it('says whose fault a framing error is, where its bytes are, the rule, and that nothing past it is trusted', () => {
    const explained = explainError({
      name: 'HttpProtocolError',
      code: 'ERR_HTTP_INVALID_CHUNK_SIZE',
      message:
        'The chunk-size line starts with "z" (0x7a) where a hex digit belongs, at byte 47 of the response (RFC 9112 section 7.1).',
      fault: 'server',
      direction: 'rx',
      offset: 47,
      start: 47,
      end: 51,
      rfc9112Section: '7.1',
    });
    expect(explained.title).toBe("The server's bytes break HTTP/1.1");
    expect(explained.notes[0]).toBe(
      'The offending bytes are [47, 51) of the response (from byte 47 up to, not including, byte 51), the first wrong one at byte 47; they are marked in Response bytes, and what arrived before them is kept.',
    );
    expect(explained.warnings.join(' ')).toContain('response splitting and desync');
    expect(explained.quotes.map((quote) => quote.section)).toEqual(['7.1']);
    expect(explained.notes.at(-1)).toBe(
      'Error code ERR_HTTP_INVALID_CHUNK_SIZE (HttpProtocolError): stable, to search for or to match in scripts.',
    );
    expect([explained.rfc9112Section, explained.rfc9112Title]).toEqual(['7.1', 'Chunked Transfer Coding']);
  });

  it('tells what to do in the app about a certificate it cannot verify', () => {
    const explained = explainError({
      name: 'HttpTlsError',
      code: 'ERR_HTTP_TLS',
      message: 'The TLS handshake with 127.0.0.1 failed: self-signed certificate.',
      fault: 'network',
    });
    expect(explained.title).toBe('The connection failed');
    expect(explained.notes[0]).toContain('under Connection in the composer');
    expect(explained.rfc9112Section).toBe('');
  });
});

describe('explainError: what the RFC requires, apart from what the inspector refuses', () => {
  const error = (code: SerializedError['code'], section: string, extra: Partial<SerializedError> = {}) =>
    explainError({
      name: 'HttpProtocolError',
      code,
      message: 'm',
      fault: 'server',
      direction: 'rx',
      offset: 15,
      start: 0,
      end: 16,
      rfc9112Section: section,
      ...extra,
    });

  it("says a recipient MAY accept a bare LF, and that refusing it is the inspector's policy", () => {
    const explained = error('ERR_HTTP_BARE_LF', '2.2');
    expect(explained.quotes).toEqual([
      expect.objectContaining({
        section: '2.2',
        keyword: 'MAY',
        binds: 'recipient',
        text: expect.stringContaining('a recipient MAY recognize a single LF'),
      }),
    ]);
    expect(explained.inspector.join(' ')).toContain('its policy, stricter than the RFC');
    // The bad line is marked, not the response from byte 0 on.
    expect(explained.notes[0]).toContain('The offending bytes are [0, 16) of the response');
  });

  it('says whitespace before a colon binds servers and proxies, not clients', () => {
    const explained = error('ERR_HTTP_SPACE_BEFORE_COLON', '5.1');
    expect(explained.quotes.map((quote) => [quote.keyword, quote.binds])).toEqual([
      ['MUST', 'server'],
      ['MUST', 'proxy'],
    ]);
    expect(explained.inspector[0]).toContain('it sets no rule for a client reading a response');
  });

  it('says a user agent MUST replace an obs-fold with SP, and never that peers disagree', () => {
    const explained = error('ERR_HTTP_OBS_FOLD', '5.2');
    expect(explained.quotes[0]).toMatchObject({ keyword: 'MUST', binds: 'user agent', section: '5.2' });
    expect(JSON.stringify(explained)).not.toContain('peers disagree');
    // Whitespace before the first field line is section 2.2's rule, not obs-fold's.
    const first = error('ERR_HTTP_OBS_FOLD', '2.2');
    expect(first.quotes[0]).toMatchObject({ section: '2.2', keyword: 'MUST', binds: 'recipient' });
    expect(first.quotes[0]!.text).toContain('whitespace between the start-line and the first header field');
  });

  it("says HTTP sets no limit on a head, and that the limit is the inspector's maxHeaderLength", () => {
    const explained = error('ERR_HTTP_HEADER_TOO_LONG', '5');
    expect(explained.quotes[0]).toMatchObject({ rfc: '9110', section: '5.4', keyword: null });
    expect(explained.inspector[0]).toContain('maxHeaderLength');
  });

  it('calls a truncated body incomplete, marks nothing, and warns of no desync', () => {
    const explained = error('ERR_HTTP_CONNECTION_CLOSED', '8', {
      name: 'HttpConnectionClosedError',
      offset: 60,
      start: 60,
      end: 60,
    });
    expect(explained.title).toBe('The response is incomplete');
    expect(explained.warnings).toEqual([]);
    expect(explained.notes[0]).toBe('The connection closed at byte 60 of the response; everything before it is kept.');
    expect(explained.quotes.map((quote) => quote.section)).toContain('8');
  });

  it('warns of response splitting only for errors in how the body is delimited', () => {
    expect(error('ERR_HTTP_CONFLICTING_CONTENT_LENGTH', '6.3').warnings).toHaveLength(1);
    expect(error('ERR_HTTP_INVALID_STATUS_CODE', '4').warnings).toEqual([]);
    expect(error('ERR_HTTP_HEADER_TOO_LONG', '5').warnings).toEqual([]);
  });
});
