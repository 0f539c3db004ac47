import { describe, expect, it } from 'vitest';
import { latin1Bytes } from '../../shared/visible-bytes';
import { ResponseParser } from './response-parser';
import { parseThreeWays, type RunOptions } from './test-support/parse-three-ways';

const GET: RunOptions = { method: 'GET' };
const b = latin1Bytes;

function kinds(frames: Array<{ kind: string }>): string[] {
  return frames.map((frame) => frame.kind);
}

describe('ResponseParser: Content-Length bodies', () => {
  it('gives status, headers in order with case and duplicates, and the body', () => {
    const input = b(
      'HTTP/1.1 200 OK\r\nContent-Length: 11\r\nSet-Cookie: a=1\r\nX-Odd-Case: v\r\nset-cookie: b=2\r\n\r\nhello world',
    );
    const out = parseThreeWays(input, GET);
    expect(out.semantic[0]).toEqual({
      type: 'head',
      version: 'HTTP/1.1',
      code: 200,
      reason: 'OK',
      headers: [
        ['Content-Length', '11'],
        ['Set-Cookie', 'a=1'],
        ['X-Odd-Case', 'v'],
        ['set-cookie', 'b=2'],
      ],
      framing: { kind: 'length', length: 11 },
      decision: {
        body: 'length',
        length: 11,
        rule: 6,
        because: 'by length: Content-Length gives 11 bytes, and there is no Transfer-Encoding',
        reusable: true,
      },
    });
    expect(out.body).toBe('hello world');
    expect(out.semantic[out.semantic.length - 1]).toEqual({ type: 'end', reusable: true });
    expect(out.frames).toEqual([
      { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
      { kind: 'header', start: 17, end: 37, name: 'Content-Length', value: '11' },
      { kind: 'header', start: 37, end: 54, name: 'Set-Cookie', value: 'a=1' },
      { kind: 'header', start: 54, end: 69, name: 'X-Odd-Case', value: 'v' },
      { kind: 'header', start: 69, end: 86, name: 'set-cookie', value: 'b=2' },
      { kind: 'head-end', start: 86, end: 88 },
      { kind: 'body', start: 88, end: 99 },
    ]);
  });

  it('keeps each name exactly as sent when names share a hash slot or differ only in case', () => {
    // "Aa" and "BB" hash alike (h * 31 + byte); the names made before are reused only for the same bytes.
    const input = b(
      'HTTP/1.1 200 OK\r\nAa: 1\r\nBB: 2\r\nAa: 3\r\naa: 4\r\nX-Long-' +
        'n'.repeat(80) +
        ': 5\r\nX-Long-' +
        'n'.repeat(80) +
        ': 6\r\nContent-Length: 0\r\n\r\n',
    );
    for (let round = 0; round < 2; round++) {
      const out = parseThreeWays(input, GET);
      expect(out.semantic[0]).toMatchObject({
        headers: [
          ['Aa', '1'],
          ['BB', '2'],
          ['Aa', '3'],
          ['aa', '4'],
          [`X-Long-${'n'.repeat(80)}`, '5'],
          [`X-Long-${'n'.repeat(80)}`, '6'],
          ['Content-Length', '0'],
        ],
      });
    }
  });

  it('trims whitespace around values but keeps it inside', () => {
    const out = parseThreeWays(b('HTTP/1.1 200 OK\r\nX-A: \t a  b \t\r\nX-Empty:\r\nContent-Length: 0\r\n\r\n'), GET);
    expect(out.semantic[0]).toMatchObject({
      headers: [
        ['X-A', 'a  b'],
        ['X-Empty', ''],
        ['Content-Length', '0'],
      ],
    });
    expect(out.semantic[1]).toEqual({ type: 'end', reusable: true });
  });

  it('hands out body data as views of the bytes fed, not copies', () => {
    const input = b('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabcde');
    const parser = new ResponseParser({ method: 'GET' });
    const data = parser.feed(input).flatMap((event) => (event.type === 'data' ? [event.data] : []));
    expect(data).toHaveLength(1);
    expect(data[0]!.buffer).toBe(input.buffer);
    expect(data[0]!.byteOffset).toBe(input.length - 5);
  });

  it('accepts an identical repeated Content-Length, in two fields or as a list', () => {
    for (const head of ['Content-Length: 3\r\nContent-Length: 3', 'Content-Length: 3, 3', 'Content-Length: 003']) {
      const out = parseThreeWays(b(`HTTP/1.1 200 OK\r\n${head}\r\n\r\nabc`), GET, 10);
      expect(out.body).toBe('abc');
      expect(out.error).toBeNull();
    }
  });

  it('refuses a conflicting or invalid Content-Length, pointing at the field', () => {
    const conflicting = parseThreeWays(
      b('HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'),
      GET,
      10,
    );
    expect(conflicting.error).toEqual({
      type: 'error',
      name: 'HttpProtocolError',
      code: 'ERR_HTTP_CONFLICTING_CONTENT_LENGTH',
      offset: 36,
      start: 36,
    });
    for (const value of ['-1', '1e3', '0x10', '', '3 4', '9999999999999999']) {
      const out = parseThreeWays(b(`HTTP/1.1 200 OK\r\nContent-Length: ${value}\r\n\r\n`), GET, 5);
      expect(out.error, value).toMatchObject({ code: 'ERR_HTTP_INVALID_CONTENT_LENGTH', offset: 17 });
    }
  });

  it('reports a body cut short by the server closing the connection', () => {
    const input = b('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc');
    const out = parseThreeWays(input, { method: 'GET', eof: true });
    expect(out.body).toBe('abc');
    expect(out.error).toEqual({
      type: 'error',
      name: 'HttpConnectionClosedError',
      code: 'ERR_HTTP_CONNECTION_CLOSED',
      offset: 42,
      start: 42,
    });
    const parser = new ResponseParser({ method: 'GET' });
    parser.feed(b('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    const [event] = parser.end();
    expect(event?.type).toBe('error');
    const error = event?.type === 'error' ? event.error : null;
    expect(error?.name).toBe('HttpConnectionClosedError');
    expect(error?.code).toBe('ERR_HTTP_CONNECTION_CLOSED');
    expect(error?.message).toMatch(
      /closed the connection after 42 byte\(s\) of the response, while waiting for 7 more body byte\(s\) \(Content-Length\)/,
    );
    expect(error?.offset).toBe(42);
  });

  it('says when the server sent nothing at all', () => {
    const [event] = new ResponseParser({ method: 'GET' }).end();
    expect(event?.type === 'error' && event.error.message).toMatch(/after 0 byte\(s\).*sent no response at all/);
  });
});

describe('ResponseParser: bodies without a length', () => {
  it('reads until close when there is neither Content-Length nor Transfer-Encoding', () => {
    const out = parseThreeWays(b('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello world'), {
      method: 'GET',
      eof: true,
    });
    expect(out.semantic[0]).toMatchObject({ type: 'head', framing: { kind: 'close' } });
    expect(out.body).toBe('hello world');
    expect(out.semantic[out.semantic.length - 1]).toEqual({ type: 'end', reusable: false });
    expect(kinds(out.frames)).toEqual(['status-line', 'header', 'head-end', 'body']);
  });

  it('reads until close when chunked is not the final transfer coding', () => {
    const out = parseThreeWays(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n2\r\nOK'), {
      method: 'GET',
      eof: true,
    });
    expect(out.semantic[0]).toMatchObject({ framing: { kind: 'close' } });
    expect(out.body).toBe('2\r\nOK');
  });

  it('reads methods case-sensitively: a response to "head" (not HEAD) has its body (RFC 9112 section 3.1)', () => {
    const out = parseThreeWays(b('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'), { method: 'head' });
    expect(out.body).toBe('ok');
    expect(out.semantic[0]).toMatchObject({ type: 'head', framing: { kind: 'length', length: 2 } });
  });

  it('gives no body to HEAD, 204 and 304 even with a Content-Length, and keeps the connection', () => {
    const head = parseThreeWays(b('HTTP/1.1 200 OK\r\nContent-Length: 123\r\n\r\n'), { method: 'HEAD' });
    expect(head.semantic).toEqual([
      expect.objectContaining({ type: 'head', framing: { kind: 'none' } }),
      { type: 'end', reusable: true },
    ]);
    for (const status of ['204 No Content', '304 Not Modified']) {
      const out = parseThreeWays(b(`HTTP/1.1 ${status}\r\nContent-Length: 10\r\n\r\n`), GET, 10);
      expect(out.semantic[out.semantic.length - 1]).toEqual({ type: 'end', reusable: true });
      expect(out.body).toBe('');
    }
  });
});

describe('ResponseParser: chunked bodies', () => {
  const chunkedResponse =
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
    '5;name=value;flag\r\nhello\r\n' +
    '1A\r\nabcdefghijklmnopqrstuvwxyz\r\n' +
    '0\r\nServer-Timing: total;dur=5\r\nX-Checksum: abc\r\n\r\n';

  it('frames every chunk-size line, data, CRLF, trailer and the final CRLF', () => {
    const out = parseThreeWays(b(chunkedResponse), GET);
    expect(out.body).toBe('helloabcdefghijklmnopqrstuvwxyz');
    expect(out.frames.slice(3)).toEqual([
      {
        kind: 'chunk-size',
        start: 47,
        end: 66,
        size: 5,
        extensions: [
          ['name', 'value'],
          ['flag', null],
        ],
      },
      { kind: 'chunk-data', start: 66, end: 71 },
      { kind: 'chunk-end', start: 71, end: 73 },
      { kind: 'chunk-size', start: 73, end: 77, size: 26, extensions: [] },
      { kind: 'chunk-data', start: 77, end: 103 },
      { kind: 'chunk-end', start: 103, end: 105 },
      { kind: 'chunk-size', start: 105, end: 108, size: 0, extensions: [] },
      { kind: 'trailer', start: 108, end: 136, name: 'Server-Timing', value: 'total;dur=5' },
      { kind: 'trailer', start: 136, end: 153, name: 'X-Checksum', value: 'abc' },
      { kind: 'body-end', start: 153, end: 155 },
    ]);
    expect(out.semantic.slice(-2)).toEqual([
      {
        type: 'trailers',
        trailers: [
          ['Server-Timing', 'total;dur=5'],
          ['X-Checksum', 'abc'],
        ],
      },
      { type: 'end', reusable: true },
    ]);
  });

  it('reads quoted extension values with escapes', () => {
    const out = parseThreeWays(
      b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2 ; a = "x;\\"y" ;b=t\r\nOK\r\n0\r\n\r\n'),
      GET,
    );
    expect(out.frames[3]).toMatchObject({
      kind: 'chunk-size',
      size: 2,
      extensions: [
        ['a', 'x;"y'],
        ['b', 't'],
      ],
    });
  });

  it('lets chunked win over Content-Length but refuses to reuse that connection', () => {
    const out = parseThreeWays(
      b('HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n'),
      GET,
    );
    expect(out.body).toBe('OK');
    expect(out.semantic[out.semantic.length - 1]).toEqual({ type: 'end', reusable: false });
  });

  it.each([
    ['a size that is not hex', 'zz\r\n', 'ERR_HTTP_INVALID_CHUNK_SIZE', 47],
    ['a size with trailing spaces', '2  \r\nOK\r\n', 'ERR_HTTP_INVALID_CHUNK_SIZE', 48],
    ['an extension without a name', '2;\r\nOK\r\n', 'ERR_HTTP_INVALID_CHUNK_EXTENSION', 49],
    ['an unclosed quoted extension', '2;a="b\r\nOK\r\n', 'ERR_HTTP_INVALID_CHUNK_EXTENSION', 53],
    ['a size past 2^53', 'fffffffffffffff\r\n', 'ERR_HTTP_CHUNK_SIZE_OVERFLOW', 60],
    ['data longer than its size', '2\r\nOKK\r\n', 'ERR_HTTP_MISSING_CHUNK_CRLF', 52],
    ['a bare LF after data', '2\r\nOK\n0\r\n\r\n', 'ERR_HTTP_MISSING_CHUNK_CRLF', 52],
    ['a bare CR in a size line', '2\rX\r\nOK\r\n', 'ERR_HTTP_BARE_CR', 48],
    ['a trailer with an obs-fold', '0\r\nA: b\r\n c\r\n\r\n', 'ERR_HTTP_OBS_FOLD', 56],
  ])('refuses %s', (_name, body, code, offset) => {
    const out = parseThreeWays(b(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${body}`), GET, 15);
    expect(out.error).toMatchObject({ name: 'HttpProtocolError', code, offset });
  });

  it('bounds the chunk-size line, extensions included', () => {
    const long = `1;${'a'.repeat(5000)}\r\n`;
    const out = parseThreeWays(b(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${long}`), GET, 5);
    expect(out.error).toMatchObject({ code: 'ERR_HTTP_CHUNK_LINE_TOO_LONG', start: 47, offset: 47 + 4095 });
    const roomier = parseThreeWays(
      b(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${long}x\r\n0\r\n\r\n`),
      { method: 'GET', maxChunkLineLength: 8192 },
      3,
    );
    expect(roomier.body).toBe('x');
  });

  it('bounds the trailer section by maxHeaderLength', () => {
    const trailers = `0\r\n${'X-T: 0123456789\r\n'.repeat(20)}\r\n`;
    const out = parseThreeWays(
      b(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${trailers}`),
      { method: 'GET', maxHeaderLength: 200 },
      5,
    );
    expect(out.error).toMatchObject({ name: 'HttpHeaderTooLong', code: 'ERR_HTTP_HEADER_TOO_LONG' });
  });

  it('describes where a chunked body was cut off', () => {
    const cut = parseThreeWays(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123'), {
      method: 'GET',
      eof: true,
    });
    expect(cut.error).toMatchObject({ name: 'HttpConnectionClosedError', offset: 54 });
    const parser = new ResponseParser({ method: 'GET' });
    parser.feed(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123'));
    const [event] = parser.end();
    expect(event?.type === 'error' && event.error.message).toMatch(/waiting for 6 more byte\(s\) of chunk data/);
  });
});

describe('ResponseParser: heads', () => {
  it('reports interim 1xx responses, skips a blank line after one, then reads the final response', () => {
    const input = b(
      'HTTP/1.1 100 Continue\r\n\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok',
    );
    const out = parseThreeWays(input, GET);
    expect(out.semantic.map((e) => e.type)).toEqual(['informational', 'informational', 'head', 'data', 'end']);
    expect(out.semantic[1]).toMatchObject({ code: 103, headers: [['Link', '</a.css>; rel=preload']] });
    expect(kinds(out.frames)).toEqual([
      'status-line',
      'head-end',
      'blank-line',
      'status-line',
      'header',
      'head-end',
      'status-line',
      'header',
      'head-end',
      'body',
    ]);
  });

  it('skips empty lines before the status line', () => {
    const out = parseThreeWays(b('\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'), GET);
    expect(out.frames.slice(0, 3)).toEqual([
      { kind: 'blank-line', start: 0, end: 2 },
      { kind: 'blank-line', start: 2, end: 4 },
      { kind: 'status-line', start: 4, end: 29, version: 'HTTP/1.1', code: 204, reason: 'No Content' },
    ]);
  });

  it('names what answered when it is not HTTP/1.1, on its very first byte (no wait for a line end)', () => {
    const tls = new ResponseParser({ method: 'GET' }).feed(Uint8Array.of(0x16));
    expect(tls[0]).toMatchObject({
      type: 'error',
      error: { code: 'ERR_HTTP_NOT_HTTP', message: expect.stringMatching(/answered with TLS .*use an https:\/\/ URL/) },
    });
    const nul = new ResponseParser({ method: 'GET' }).feed(Uint8Array.of(0));
    expect(nul[0]).toMatchObject({
      type: 'error',
      error: { message: expect.stringMatching(/binary data \(NUL\).*HTTP\/2/) },
    });
  });

  it('accepts a status line without a reason phrase, with an empty one, and with obs-text', () => {
    expect(parseThreeWays(b('HTTP/1.1 301\r\n\r\n'), { method: 'HEAD' }).semantic[0]).toMatchObject({
      code: 301,
      reason: '',
    });
    expect(parseThreeWays(b('HTTP/1.1 200 \r\n\r\n'), { method: 'HEAD' }).semantic[0]).toMatchObject({
      code: 200,
      reason: '',
    });
    expect(parseThreeWays(b('HTTP/1.1 200  OK\r\n\r\n'), { method: 'HEAD' }).semantic[0]).toMatchObject({
      reason: ' OK',
    });
    expect(parseThreeWays(b('HTTP/1.1 500 Ori\xc3\xabnt\r\n\r\n'), { method: 'HEAD' }).semantic[0]).toMatchObject({
      reason: 'Ori\xc3\xabnt',
    });
  });

  it.each([
    ['a misspelt protocol, at its first wrong byte', 'HTP/1.1 200 OK\r\n\r\n', 'ERR_HTTP_NOT_HTTP', 2],
    ['another protocol (RTSP, which llhttp takes)', 'RTSP/1.0 200 OK\r\n\r\n', 'ERR_HTTP_NOT_HTTP', 0],
    ['another protocol (ICE)', 'ICE/1.0 200 OK\r\n\r\n', 'ERR_HTTP_NOT_HTTP', 0],
    ['a lower-case protocol name', 'http/1.1 200 OK\r\n\r\n', 'ERR_HTTP_NOT_HTTP', 0],
    ['a TLS record (an https server)', '\x16\x03\x01\x00\x2a\x02', 'ERR_HTTP_NOT_HTTP', 0],
    ['a TLS alert', '\x15\x03\x03\x00\x02\x02\x46', 'ERR_HTTP_NOT_HTTP', 0],
    ['binary data (an HTTP/2 SETTINGS frame)', '\x00\x00\x12\x04\x00', 'ERR_HTTP_NOT_HTTP', 0],
    ['a space before the status line', ' HTTP/1.1 200 OK\r\n\r\n', 'ERR_HTTP_NOT_HTTP', 0],
    ['a line that is only LF', '\n', 'ERR_HTTP_BARE_LF', 0],
    ['a header line that is only LF', 'HTTP/1.1 200 OK\r\n\nContent-Length: 0\r\n\r\n', 'ERR_HTTP_BARE_LF', 17],
    ['a two-digit major version', 'HTTP/11.1 200 OK\r\n\r\n', 'ERR_HTTP_INVALID_VERSION', 6],
    ['version 2.0', 'HTTP/2.0 200 OK\r\n\r\n', 'ERR_HTTP_INVALID_VERSION', 5],
    ['a tab after the version', 'HTTP/1.1\t200 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE', 8],
    ['two spaces before the code', 'HTTP/1.1  200 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_CODE', 9],
    ['a one-digit code', 'HTTP/1.1 2 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_CODE', 10],
    ['a four-digit code', 'HTTP/1.1 2000 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_CODE', 12],
    ['lines ended by LF alone', 'HTTP/1.1 200 OK\nContent-Length: 0\n\n', 'ERR_HTTP_BARE_LF', 15],
    ['a bare CR after the status line', 'HTTP/1.1 200 OK\rContent-Length: 0\r\n\r\n', 'ERR_HTTP_BARE_CR', 15],
    ['headers separated by CR', 'HTTP/1.1 200 OK\r\nFoo: 1\rBar: 2\r\n\r\n', 'ERR_HTTP_BARE_CR', 23],
    [
      'whitespace before the first field line (no field to continue)',
      'HTTP/1.1 200 OK\r\n A: b\r\n\r\n',
      'ERR_HTTP_OBS_FOLD',
      17,
    ],
    ['a folded Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length:\r\n 5\r\n\r\nhello', 'ERR_HTTP_OBS_FOLD', 34],
    [
      'a folded Transfer-Encoding',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip,\r\n\tchunked\r\n\r\n0\r\n\r\n',
      'ERR_HTTP_OBS_FOLD',
      43,
    ],
    ['a control byte in a fold', 'HTTP/1.1 200 OK\r\nA: b\r\n c\x01\r\n\r\n', 'ERR_HTTP_INVALID_HEADER_VALUE', 25],
    ['whitespace before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n', 'ERR_HTTP_SPACE_BEFORE_COLON', 31],
    ['a space inside a name', 'HTTP/1.1 200 OK\r\nen-US Content-Type: x\r\n\r\n', 'ERR_HTTP_INVALID_HEADER_NAME', 22],
    ['a line without a colon', 'HTTP/1.1 200 OK\r\nNoColon\r\n\r\n', 'ERR_HTTP_INVALID_HEADER', 24],
    ['an empty name', 'HTTP/1.1 200 OK\r\n: v\r\n\r\n', 'ERR_HTTP_INVALID_HEADER_NAME', 17],
    ['a NUL in a value', 'HTTP/1.1 200 OK\r\nA: b\x00c\r\n\r\n', 'ERR_HTTP_INVALID_HEADER_VALUE', 21],
    ['an unrequested 101', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n', 'ERR_HTTP_UNEXPECTED_101', 0],
    [
      'chunked applied twice',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n',
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      17,
    ],
    [
      'chunked with a parameter',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n',
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      17,
    ],
    [
      'chunked with an empty parameter list',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;\r\n\r\n0\r\n\r\n',
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      17,
    ],
    [
      'chunked, a space, a parameter',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked ;x\r\n\r\n0\r\n\r\n',
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      17,
    ],
    [
      'a coding that is not a token',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: "chunked"\r\n\r\n',
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      17,
    ],
    [
      'an invalid Content-Length beside chunked',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: abc\r\n\r\n0\r\n\r\n',
      'ERR_HTTP_INVALID_CONTENT_LENGTH',
      45,
    ],
    [
      'conflicting Content-Lengths beside chunked',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 1, 2\r\n\r\n0\r\n\r\n',
      'ERR_HTTP_CONFLICTING_CONTENT_LENGTH',
      45,
    ],
    [
      'a repeat of a length written differently (05, 5)',
      'HTTP/1.1 200 OK\r\nContent-Length: 05\r\nContent-Length: 5\r\n\r\nhello',
      'ERR_HTTP_CONFLICTING_CONTENT_LENGTH',
      37,
    ],
    [
      'an empty Content-Length on a 304',
      'HTTP/1.1 304 Not Modified\r\nContent-Length: \r\n\r\n',
      'ERR_HTTP_INVALID_CONTENT_LENGTH',
      27,
    ],
    [
      'an overflowing Content-Length on a 204',
      'HTTP/1.1 204 No Content\r\nContent-Length: 99999999999999999999\r\n\r\n',
      'ERR_HTTP_INVALID_CONTENT_LENGTH',
      25,
    ],
    [
      'an invalid Transfer-Encoding on a 204',
      'HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked;x\r\n\r\n',
      'ERR_HTTP_INVALID_TRANSFER_ENCODING',
      25,
    ],
  ])('refuses %s, at the offending byte', (_name, text, code, offset) => {
    const out = parseThreeWays(b(text), GET, 15);
    expect(out.error).toMatchObject({ name: 'HttpProtocolError', code, offset });
  });

  it('unfolds an obs-fold into one SP (RFC 9112 section 5.2), the frame spanning the field and naming each fold', () => {
    const text = 'HTTP/1.1 200 OK\r\nX-Long: one\r\n  two \r\n\tthree\r\nB: x\r\nContent-Length: 2\r\n\r\nok';
    const out = parseThreeWays(b(text), GET, 20);
    expect(out.error).toBeNull();
    expect(out.semantic[0]).toMatchObject({
      type: 'head',
      headers: [
        ['X-Long', 'one two three'],
        ['B', 'x'],
        ['Content-Length', '2'],
      ],
    });
    expect(out.body).toBe('ok');
    const folded = out.rawFrames.find((frame) => frame.kind === 'header' && frame.name === 'X-Long');
    const start = text.indexOf('X-Long');
    expect(folded).toEqual({
      kind: 'header',
      start,
      end: text.indexOf('B: x'),
      name: 'X-Long',
      value: 'one two three',
      folds: [
        [start + 11, start + 15],
        [start + 19, start + 22],
      ],
    });
    // The fold's bytes are CRLF and the whitespace after it.
    expect(text.slice(start + 11, start + 15)).toBe('\r\n  ');
    expect(text.slice(start + 19, start + 22)).toBe('\r\n\t');
    // A fold of nothing but whitespace adds nothing; an empty value takes the continuation.
    const empty = parseThreeWays(b('HTTP/1.1 200 OK\r\nA:\r\n v\r\nC: d\r\n \r\nContent-Length: 0\r\n\r\n'), GET, 20);
    expect(empty.semantic[0]).toMatchObject({
      headers: [
        ['A', 'v'],
        ['C', 'd'],
        ['Content-Length', '0'],
      ],
    });
  });

  it('checks the framing headers of bodiless responses too: a Transfer-Encoding on one leaves the connection unused', () => {
    const out = parseThreeWays(b('HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n'), GET, 10);
    expect(out.semantic[out.semantic.length - 1]).toEqual({ type: 'end', reusable: false });
    const head = parseThreeWays(b('HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n'), { method: 'HEAD' }, 10);
    expect(head.error).toMatchObject({ code: 'ERR_HTTP_INVALID_CONTENT_LENGTH' });
    // A repeat of the same text is one length.
    expect(parseThreeWays(b('HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello'), GET, 10).body).toBe('hello');
  });

  it('names the rule an unrequested 101 breaks, which is HTTP semantics (RFC 9110), not framing', () => {
    const out = new ResponseParser({ method: 'GET' }).feed(
      b('HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n'),
    );
    const event = out.find((e) => e.type === 'error');
    const error = event?.type === 'error' ? event.error : null;
    expect(error?.message).toContain('(RFC 9110 section 15.2.2)');
    expect(error?.rfc9112Section).toBeUndefined();
  });

  it('limits the head to maxHeaderLength bytes (16384 by default), status line included', () => {
    const head = (size: number) => `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(size - 17 - 7 - 4)}\r\n\r\n`;
    expect(head(16384)).toHaveLength(16384);
    expect(parseThreeWays(b(head(16384)), { method: 'HEAD' }, 3).error).toBeNull();
    expect(parseThreeWays(b(head(16385)), { method: 'HEAD' }, 3).error).toMatchObject({
      name: 'HttpHeaderTooLong',
      code: 'ERR_HTTP_HEADER_TOO_LONG',
    });
    expect(parseThreeWays(b(head(1000)), { method: 'HEAD', maxHeaderLength: 999 }, 3).error).toMatchObject({
      code: 'ERR_HTTP_HEADER_TOO_LONG',
    });
    // A line that never ends is refused as soon as it passes the limit, not buffered for ever.
    const parser = new ResponseParser({ method: 'GET', maxHeaderLength: 100 });
    const events = parser.feed(b(`HTTP/1.1 200 OK\r\nX: ${'a'.repeat(200)}`));
    expect(events.map((e) => e.type)).toEqual(['frame', 'error']);
    expect(events[1]).toMatchObject({ type: 'error', error: { code: 'ERR_HTTP_HEADER_TOO_LONG', start: 17 } });
  });

  it('explains an error in words, with where and what to do', () => {
    const out = new ResponseParser({ method: 'GET' }).feed(
      b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'),
    );
    const error = out.find((e) => e.type === 'error');
    expect(error?.type === 'error' && error.error.message).toBe(
      'The chunk-size line starts with "z" (0x7a) where a hex digit belongs, at byte 47 of the response (RFC 9112 section 7.1). ' +
        "The server's framing is broken, so nothing after this byte can be trusted; the connection will not be reused.",
    );
    expect(error?.type === 'error' && error.error).toMatchObject({
      fault: 'server',
      direction: 'rx',
      start: 47,
      end: 51,
      rfc9112Section: '7.1',
    });
  });

  it('stays failed after an error', () => {
    const parser = new ResponseParser({ method: 'GET' });
    const first = parser.feed(b('HTTP/9.9 200 OK\r\n\r\n'));
    const again = parser.feed(b('more'));
    expect(parser.state).toBe('failed');
    expect(again).toEqual([first[first.length - 1]]);
  });
});

describe('ResponseParser: connection reuse', () => {
  const reuse = (text: string, method = 'GET') => {
    const out = parseThreeWays(b(text), { method }, 10);
    const end = out.semantic.find((e) => e.type === 'end');
    return end?.type === 'end' ? end.reusable : undefined;
  };

  it('keeps HTTP/1.1 connections unless the response says close', () => {
    expect(reuse('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')).toBe(true);
    expect(reuse('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')).toBe(false);
    expect(reuse('HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n')).toBe(false);
  });

  it('keeps HTTP/1.0 connections only with Connection: keep-alive', () => {
    expect(reuse('HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n')).toBe(false);
    expect(reuse('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n')).toBe(true);
  });

  it('never parses bytes after a complete response, and then refuses reuse', () => {
    const parser = new ResponseParser({ method: 'GET' });
    const events = parser.feed(b('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n\r\n'));
    expect(events.filter((e) => e.type === 'head')).toHaveLength(1);
    const extraneous = events.find((e) => e.type === 'extraneous');
    expect(extraneous?.type === 'extraneous' && new TextDecoder().decode(extraneous.data)).toBe(
      'HTTP/1.1 200 OK\r\n\r\n',
    );
    expect(parser.reusable).toBe(false);
    const later = new ResponseParser({ method: 'GET' });
    later.feed(b('HTTP/1.1 204 No Content\r\n\r\n'));
    expect(later.reusable).toBe(true);
    later.feed(b('x'));
    expect(later.reusable).toBe(false);
  });
});

describe('ResponseParser: frames', () => {
  it('can skip building frames when no one looks at them', () => {
    const parser = new ResponseParser({ method: 'GET', frames: false });
    const events = parser.feed(b('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nOK\r\n0\r\n\r\n'));
    expect(events.map((e) => e.type)).toEqual(['head', 'data', 'end']);
  });
});
