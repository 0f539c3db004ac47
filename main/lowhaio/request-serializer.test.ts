import { describe, expect, it } from 'vitest';
import { findTilingFault } from '../../shared/frames';
import { latin1 } from '../../shared/visible-bytes';
import { HttpInvalidRequestError } from './errors';
import { requestBodyFraming, requestTarget, serializeRequestHead } from './request-serializer';

function text(bytes: Uint8Array): string {
  return latin1(bytes);
}

describe('serializeRequestHead', () => {
  it('writes the request line, host first, then the headers in the order and case given', () => {
    const head = serializeRequestHead('POST', 'http://example.com/upload?x=1', {
      headers: [
        ['Content-Type', 'text/plain'],
        ['X-Dup', 'a'],
        ['x-dup', 'b'],
        ['Content-Length', '5'],
      ],
    });
    expect(text(head.bytes)).toBe(
      'POST /upload?x=1 HTTP/1.1\r\nhost: example.com\r\nContent-Type: text/plain\r\nX-Dup: a\r\nx-dup: b\r\nContent-Length: 5\r\n\r\n',
    );
    expect(head.bodyFraming).toEqual({ kind: 'length', length: 5 });
    expect(head.frames.map((f) => f.kind)).toEqual([
      'request-line',
      'header',
      'header',
      'header',
      'header',
      'header',
      'head-end',
    ]);
    expect(head.frames[0]).toEqual({
      kind: 'request-line',
      start: 0,
      end: 27,
      method: 'POST',
      target: '/upload?x=1',
      version: 'HTTP/1.1',
    });
    expect(head.frames[1]).toEqual({ kind: 'header', start: 27, end: 46, name: 'host', value: 'example.com' });
    expect(findTilingFault(head.frames, head.bytes.length)).toBeNull();
  });

  it('keeps a host the caller gave, where the caller put it', () => {
    const head = serializeRequestHead('GET', 'http://127.0.0.1:8080/', {
      headers: [
        ['Accept', '*/*'],
        ['Host', 'virtual.test'],
      ],
    });
    expect(text(head.bytes)).toBe('GET / HTTP/1.1\r\nAccept: */*\r\nHost: virtual.test\r\n\r\n');
  });

  it('writes the port only when it is not the default, and IDNA-encodes the host', () => {
    expect(serializeRequestHead('GET', 'http://example.com:80/').headers[0]).toEqual(['host', 'example.com']);
    expect(serializeRequestHead('GET', 'https://example.com:443/').headers[0]).toEqual(['host', 'example.com']);
    expect(serializeRequestHead('GET', 'https://example.com:8443/').headers[0]).toEqual(['host', 'example.com:8443']);
    expect(serializeRequestHead('GET', 'http://bücher.example/').headers[0]).toEqual(['host', 'xn--bcher-kva.example']);
    expect(serializeRequestHead('GET', 'http://[::1]:9000/').headers[0]).toEqual(['host', '[::1]:9000']);
  });

  it('notes a Connection: close the caller asked for', () => {
    expect(
      serializeRequestHead('GET', 'http://a.test/', { headers: [['Connection', 'keep-alive, Close']] }).closeRequested,
    ).toBe(true);
    expect(serializeRequestHead('GET', 'http://a.test/').closeRequested).toBe(false);
  });

  it.each([
    ['a method with a space', 'GE T', [], 'ERR_HTTP_INVALID_METHOD', /holds a space at index 2/],
    ['an empty method', '', [], 'ERR_HTTP_INVALID_METHOD', /method is empty/],
    [
      'CR LF in a value',
      'GET',
      [['X-A', 'ok\r\nX-Injected: 1']],
      'ERR_HTTP_INVALID_HEADER_VALUE',
      /header 1 \(X-A\) holds CR at index 2/,
    ],
    ['a NUL in a value', 'GET', [['X-A', 'a\u0000']], 'ERR_HTTP_INVALID_HEADER_VALUE', /holds NUL/],
    [
      'a lone LF in a value',
      'GET',
      [
        ['X-A', 'a'],
        ['X-B', '\n'],
      ],
      'ERR_HTTP_INVALID_HEADER_VALUE',
      /header 2 \(X-B\) holds LF/,
    ],
    [
      'a character wider than a byte',
      'GET',
      [['X-A', 'snow\u2603']],
      'ERR_HTTP_INVALID_HEADER_VALUE',
      /U\+2603 at index 4, which is not one byte/,
    ],
    ['a colon in a name', 'GET', [['X:A', 'v']], 'ERR_HTTP_INVALID_HEADER_NAME', /holds ":" at index 1/],
    ['a CR in a name', 'GET', [['X\rA', 'v']], 'ERR_HTTP_INVALID_HEADER_NAME', /holds CR/],
    ['an empty name', 'GET', [['', 'v']], 'ERR_HTTP_INVALID_HEADER_NAME', /name of header 1 is empty/],
  ] as Array<[string, string, Array<[string, string]>, string, RegExp]>)(
    'refuses %s, before producing a byte',
    (_name, method, headers, code, message) => {
      let thrown: unknown;
      try {
        serializeRequestHead(method, 'http://example.com/', { headers });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpInvalidRequestError);
      expect(thrown).toMatchObject({ code, fault: 'caller' });
      expect((thrown as Error).message).toMatch(message);
    },
  );
});

describe('requestTarget', () => {
  it('appends URL-encoded params to the query', () => {
    expect(
      requestTarget('http://a.test/p', [
        ['q', 'a b&c'],
        ['x', 'é'],
      ]).target,
    ).toBe('/p?q=a+b%26c&x=%C3%A9');
    expect(requestTarget('http://a.test/p?k=1', [['q', '2']]).target).toBe('/p?k=1&q=2');
    expect(requestTarget('http://a.test', []).target).toBe('/');
  });

  it('percent-encodes what may not stand in a target and drops the fragment', () => {
    expect(requestTarget('http://a.test/a b/ü?x=y z#frag').target).toBe('/a%20b/%C3%BC?x=y%20z');
  });

  it('gives the address to connect to, without IPv6 brackets', () => {
    expect(requestTarget('https://[::1]:8443/x')).toEqual({
      scheme: 'https',
      hostname: '::1',
      port: 8443,
      authority: '[::1]:8443',
      target: '/x',
    });
    expect(requestTarget('http://localhost/')).toMatchObject({ hostname: 'localhost', port: 80 });
  });

  it.each([
    ['not a URL', 'example.com/path', 'ERR_HTTP_INVALID_URL'],
    ['another scheme', 'ftp://example.com/', 'ERR_HTTP_UNSUPPORTED_SCHEME'],
    ['credentials', 'http://user:pw@example.com/', 'ERR_HTTP_URL_CREDENTIALS'],
    ['a bad host', 'http://exa mple.com/', 'ERR_HTTP_INVALID_URL'],
  ])('refuses %s', (_name, url, code) => {
    expect(() => requestTarget(url)).toThrow(expect.objectContaining({ code, name: 'HttpInvalidRequestError' }));
  });
});

describe('requestBodyFraming', () => {
  it('reads chunked last as chunked, else Content-Length, else none', () => {
    expect(requestBodyFraming([['Transfer-Encoding', 'gzip, chunked']])).toEqual({ kind: 'chunked' });
    expect(requestBodyFraming([['Transfer-Encoding', 'Chunked']])).toEqual({ kind: 'chunked' });
    expect(requestBodyFraming([['content-length', '42']])).toEqual({ kind: 'length', length: 42 });
    expect(
      requestBodyFraming([
        ['Content-Length', '4'],
        ['Content-Length', '4'],
      ]),
    ).toEqual({ kind: 'length', length: 4 });
    expect(requestBodyFraming([])).toEqual({ kind: 'none' });
  });

  it('refuses a Content-Length that is not one decimal number, repeats included unless textually identical', () => {
    expect(() => requestBodyFraming([['Content-Length', 'ten']])).toThrow(/not one decimal number of bytes/);
    expect(() =>
      requestBodyFraming([
        ['Content-Length', '1'],
        ['Content-Length', '2'],
      ]),
    ).toThrow(HttpInvalidRequestError);
    expect(() =>
      requestBodyFraming([
        ['Content-Length', '05'],
        ['Content-Length', '5'],
      ]),
    ).toThrow(/textually identical/);
    for (const value of ['-1', '+5', '0x10', '1e3', '5 5', ''])
      expect(() => requestBodyFraming([['Content-Length', value]]), value).toThrow(
        /ERR_HTTP_INVALID_CONTENT_LENGTH|not one decimal/,
      );
  });

  it('refuses, before a byte is sent, every body framing a strict server would refuse or read differently', () => {
    const cases: Array<[Array<[string, string]>, string, RegExp]> = [
      [
        [
          ['Transfer-Encoding', 'chunked'],
          ['Content-Length', '3'],
        ],
        'ERR_HTTP_CL_AND_TE',
        /must not send both \(RFC 9112 section 6\.2\)/,
      ],
      [
        [
          ['Transfer-Encoding', 'gzip'],
          ['Transfer-Encoding', 'chunked'],
        ],
        'ERR_HTTP_INVALID_TRANSFER_ENCODING',
        /2 Transfer-Encoding fields; lowhaio sends one \(stricter than RFC 9110/,
      ],
      [
        [['Transfer-Encoding', 'gzip']],
        'ERR_HTTP_INVALID_TRANSFER_ENCODING',
        /last coding of a request must be chunked \(RFC 9112 section 6\.1\)/,
      ],
      [[['Transfer-Encoding', 'chunked, gzip']], 'ERR_HTTP_INVALID_TRANSFER_ENCODING', /applied once, last/],
      [[['Transfer-Encoding', 'chunked;q=1']], 'ERR_HTTP_INVALID_TRANSFER_ENCODING', /chunked takes no parameters/],
      [[['Transfer-Encoding', 'chunked, chunked']], 'ERR_HTTP_INVALID_TRANSFER_ENCODING', /applied once, last/],
    ];
    for (const [headers, code, message] of cases) {
      expect(() => serializeRequestHead('POST', 'http://127.0.0.1/', { headers }), JSON.stringify(headers)).toThrow(
        message,
      );
      expect(() => serializeRequestHead('POST', 'http://127.0.0.1/', { headers })).toThrow(
        expect.objectContaining({ code }),
      );
    }
  });

  it('refuses two Host fields, control characters in values, CONNECT, and reads methods case-sensitively', () => {
    expect(() =>
      serializeRequestHead('GET', 'http://127.0.0.1/', {
        headers: [
          ['Host', 'a'],
          ['host', 'b'],
        ],
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_HTTP_TWO_HOSTS' }));
    for (const control of ['\u0001', '\u0008', '\u000b', '\u001f', '\u007f']) {
      expect(() => serializeRequestHead('GET', 'http://127.0.0.1/', { headers: [['X', `a${control}b`]] })).toThrow(
        /control character .* at index 1; a field value is visible characters, spaces and tabs only \(RFC 9110 section 5\.5\)/,
      );
    }
    expect(serializeRequestHead('GET', 'http://127.0.0.1/', { headers: [['X', 'tab\there ok']] }).text).toContain(
      'X: tab\there ok\r\n',
    );
    expect(() => serializeRequestHead('CONNECT', 'http://127.0.0.1:443/')).toThrow(
      /authority-form target \(host:port, RFC 9112 section 3\.2\.3\)/,
    );
    expect(serializeRequestHead('head', 'http://127.0.0.1/').text.startsWith('head / HTTP/1.1\r\n')).toBe(true);
  });
});
