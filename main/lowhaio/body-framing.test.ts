// The framing decision, rule by rule of RFC 9112 section 6.3, with its reason and the reuse verdict.
import { describe, expect, it } from 'vitest';
import { framingDecision, responseFraming, type LocatedField } from './body-framing';
import { RESPONSE_SIDE } from './framing-errors';

const status = (code: number, version = 'HTTP/1.1') => ({
  version,
  major: Number(version[5]),
  minor: Number(version[7]),
  code,
  reason: '',
});
const fields = (...lines: Array<[string, string]>): LocatedField[] =>
  lines.map(([name, value], i) => ({ name, value, start: 17 + i * 20, end: 37 + i * 20 }));
const decide = (method: string, code: number, located: LocatedField[], version?: string) =>
  framingDecision(responseFraming(method, status(code, version), located, RESPONSE_SIDE));

describe('responseFraming: which rule of RFC 9112 section 6.3 decided, and why', () => {
  it('rule 1: HEAD, 204 and 304 have no body whatever their fields say', () => {
    expect(decide('HEAD', 200, fields(['Content-Length', '1234']))).toEqual({
      body: 'none',
      rule: 1,
      because: 'no body: it answers a HEAD request',
      reusable: true,
    });
    expect(decide('GET', 204, fields())).toMatchObject({ rule: 1, because: 'no body: its status is 204 (No Content)' });
    expect(decide('GET', 304, fields(['Content-Length', '9']))).toMatchObject({
      body: 'none',
      rule: 1,
      because: 'no body: its status is 304 (Not Modified)',
    });
  });

  it('rule 2: a 2xx to CONNECT is a tunnel, never reused for HTTP', () => {
    expect(decide('CONNECT', 200, fields(['Content-Length', '5']))).toMatchObject({
      body: 'none',
      rule: 2,
      reusable: false,
      notReusableBecause: 'a CONNECT tunnel was opened (RFC 9112 section 6.3, rule 2)',
    });
  });

  it('rule 3: Transfer-Encoding overrides Content-Length, and the connection is closed after it', () => {
    expect(decide('GET', 200, fields(['Content-Length', '100'], ['Transfer-Encoding', 'chunked']))).toEqual({
      body: 'chunked',
      rule: 3,
      because:
        'chunked: Transfer-Encoding ends with chunked, which overrides its Content-Length, so the body is read chunk by chunk up to the last chunk',
      reusable: false,
      notReusableBecause: 'the response has both Transfer-Encoding and Content-Length (RFC 9112 section 6.3, rule 3)',
    });
  });

  it('rule 4: chunked last frames by chunks, another coding last runs to the close', () => {
    expect(decide('GET', 200, fields(['Transfer-Encoding', 'gzip, chunked']))).toMatchObject({
      body: 'chunked',
      rule: 4,
      reusable: true,
    });
    expect(decide('GET', 200, fields(['Transfer-Encoding', 'gzip']))).toMatchObject({
      body: 'close',
      rule: 4,
      because: expect.stringMatching(/^until the close: Transfer-Encoding does not end with chunked/),
      reusable: false,
    });
  });

  it('rule 6: a valid Content-Length gives the length; rule 8: otherwise the close ends the body', () => {
    expect(decide('GET', 200, fields(['Content-Length', '1']))).toEqual({
      body: 'length',
      length: 1,
      rule: 6,
      because: 'by length: Content-Length gives 1 byte, and there is no Transfer-Encoding',
      reusable: true,
    });
    expect(decide('GET', 200, fields())).toMatchObject({ body: 'close', rule: 8, reusable: false });
  });

  it('rule 5: an invalid Content-Length is an error, not a decision', () => {
    expect(() => decide('GET', 200, fields(['Content-Length', '5'], ['Content-Length', '6']))).toThrow(
      expect.objectContaining({ code: 'ERR_HTTP_CONFLICTING_CONTENT_LENGTH' }),
    );
  });

  it('section 9.3: an HTTP/1.0 response persists only with keep-alive', () => {
    expect(decide('GET', 200, fields(['Content-Length', '0']), 'HTTP/1.0')).toMatchObject({
      rule: 6,
      reusable: false,
      notReusableBecause: 'an HTTP/1.0 response without Connection: keep-alive (RFC 9112 section 9.3)',
    });
    expect(decide('GET', 200, fields(['Content-Length', '0'], ['Connection', 'keep-alive']), 'HTTP/1.0')).toMatchObject(
      { reusable: true },
    );
  });
});
