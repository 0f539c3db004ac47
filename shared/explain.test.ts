import { describe, expect, it } from 'vitest';
import { FRAME_KINDS, type Frame } from './frames';
import { explainError, explainFrame } from './explain';

describe('explainFrame', () => {
  it('reads a chunk-size line: hex, decimal and extensions', () => {
    const explained = explainFrame(
      {
        kind: 'chunk-size',
        start: 0,
        end: 14,
        size: 26,
        extensions: [
          ['name', 'value'],
          ['flag', null],
        ],
      },
      'rx',
    );
    expect(explained.title).toBe('Chunk-size line');
    expect(explained.summary).toBe(
      'chunk-size line: 0x1a = 26 bytes of chunk data follow; extension name=value; extension flag.',
    );
    expect(explained.rfc9112Section).toBe('7.1.1');
  });

  it('says the zero-size chunk is the last one', () => {
    expect(explainFrame({ kind: 'chunk-size', start: 0, end: 3, size: 0, extensions: [] }, 'rx')).toMatchObject({
      title: 'Last chunk',
      rfc9112Section: '7.1',
    });
  });

  it('reads a status line with its class, and headers with what they mean for framing', () => {
    expect(
      explainFrame(
        { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 404, reason: 'Not Found' },
        'rx',
      ).summary,
    ).toBe('HTTP/1.1 404 Not Found: version HTTP/1.1, status code 404 (client error), reason phrase "Not Found".');
    const header = explainFrame({ kind: 'header', start: 0, end: 20, name: 'Content-Length', value: '11' }, 'rx');
    expect(header.notes[0]).toMatch(/body ends after exactly that many/);
    expect(header.rfc9112Section).toBe('5');
  });

  it('explains every frame kind, each with a section of RFC 9112', () => {
    const samples: Record<string, Frame> = {
      'status-line': { kind: 'status-line', start: 0, end: 1, version: 'HTTP/1.1', code: 200, reason: '' },
      'request-line': { kind: 'request-line', start: 0, end: 1, method: 'GET', target: '/', version: 'HTTP/1.1' },
      header: { kind: 'header', start: 0, end: 1, name: 'X', value: 'y' },
      'head-end': { kind: 'head-end', start: 0, end: 2 },
      'blank-line': { kind: 'blank-line', start: 0, end: 2 },
      body: { kind: 'body', start: 0, end: 5 },
      'chunk-size': { kind: 'chunk-size', start: 0, end: 3, size: 1, extensions: [] },
      'chunk-data': { kind: 'chunk-data', start: 0, end: 1 },
      'chunk-end': { kind: 'chunk-end', start: 0, end: 2 },
      trailer: { kind: 'trailer', start: 0, end: 1, name: 'T', value: 'v' },
      'body-end': { kind: 'body-end', start: 0, end: 2 },
      extraneous: { kind: 'extraneous', start: 0, end: 5 },
    };
    for (const kind of FRAME_KINDS) {
      const explained = explainFrame(samples[kind]!, 'rx');
      expect(explained.summary.length, kind).toBeGreaterThan(10);
      expect(explained.rfc9112Section, kind).toMatch(/^\d+(\.\d+)*$/);
    }
  });
});

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
      'The offending bytes start at byte 47 of the response; they are marked in Response bytes, and what arrived before them is kept.',
    );
    expect(explained.notes.join(' ')).toContain('request smuggling');
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

describe('explainFrame: interim and switching responses', () => {
  it('says an interim head is followed by the final one, and that 101 ends HTTP on the connection', () => {
    const status = (code: number, reason: string) =>
      explainFrame({ kind: 'status-line', start: 0, end: 20, version: 'HTTP/1.1', code, reason }, 'rx').notes.join(' ');
    expect(status(103, 'Early Hints')).toContain("the final response's status line follows on the same exchange");
    expect(status(101, 'Switching Protocols')).toContain('101 Switching Protocols ends HTTP/1.1 on this connection');
    expect(status(200, 'OK')).not.toContain('interim');
  });
});

describe('explainFrame: the rules as RFC 9110 and 9112 state them', () => {
  const header = (name: string, direction: 'tx' | 'rx' = 'rx') =>
    explainFrame({ kind: 'header', start: 0, end: 10, name, value: 'x' }, direction).notes.join(' ');

  it('says Connection is hop-by-hop and HTTP/1.1 persists by default, keep-alive being the HTTP/1.0 opt-in', () => {
    const note = header('Connection');
    expect(note).toContain('hop-by-hop options, meant for this connection only (RFC 9110 section 7.6.1)');
    expect(note).toContain('An HTTP/1.1 connection persists by default (RFC 9112 section 9.3)');
    expect(note).toContain('in a request: no further request follows');
    expect(note).toContain('"keep-alive" is the HTTP/1.0 way to opt in');
    expect(note).not.toContain('keep-alive asks to keep it open');
  });

  it('says when Content-Length frames a body and when it does not', () => {
    const note = header('Content-Length');
    expect(note).toContain('only when there is no Transfer-Encoding');
    expect(note).toContain('never in a response to HEAD or a 304');
    expect(note).toContain('RFC 9110 section 8.6');
  });

  it('says Host carries the authority, the scheme comes from the connection, and there is exactly one', () => {
    const note = header('Host', 'tx');
    expect(note).toContain('Host carries the authority');
    expect(note).toContain('the scheme comes from the connection');
    expect(note).toContain('exactly one Host (RFC 9110 section 7.2, RFC 9112 section 3.2)');
  });

  it('says Trailer names fields that might follow, not ones that will', () => {
    expect(header('Trailer')).toContain('which fields might come after the body');
    expect(header('Trailer')).toContain('RFC 9110 section 6.6.2');
  });

  it("says a request's chunk is one write's worth, and a request body is never close-delimited", () => {
    const request = explainFrame({ kind: 'chunk-data', start: 0, end: 4 }, 'tx').summary;
    expect(request).toBe(
      "4 bytes of chunk data: one write's worth of the request body (a request body is never delimited by closing the connection, RFC 9112 section 6.3).",
    );
    expect(explainFrame({ kind: 'chunk-data', start: 0, end: 4 }, 'rx').summary).toContain("one read's worth");
  });

  it('gives the range of status codes', () => {
    const notes = explainFrame(
      { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
      'rx',
    ).notes;
    expect(notes).toContain('Status codes run from 100 to 599, their first digit the class (RFC 9110 section 15).');
  });
});
