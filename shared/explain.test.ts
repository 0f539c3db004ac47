import { describe, expect, it } from 'vitest';
import { FRAME_KINDS, type Frame } from './frames';
import { explainFrame, type MessageContext } from './explain';
import { QUOTES } from './rfc-quotes';
import type { FramingDecision } from './wire-events';

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
      { direction: 'rx' },
    );
    expect(explained.title).toBe('Chunk-size line');
    expect(explained.summary).toBe(
      'chunk-size line: 0x1a = 26 bytes of chunk data follow; extension name=value; extension flag.',
    );
    expect(explained.rfc9112Section).toBe('7.1.1');
  });

  it('says the zero-size chunk is the last one', () => {
    expect(
      explainFrame({ kind: 'chunk-size', start: 0, end: 3, size: 0, extensions: [] }, { direction: 'rx' }),
    ).toMatchObject({
      title: 'Last chunk',
      rfc9112Section: '7.1',
    });
  });

  it('reads a status line with its class, and headers with what they mean for framing', () => {
    expect(
      explainFrame(
        { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 404, reason: 'Not Found' },
        { direction: 'rx' },
      ).summary,
    ).toBe('HTTP/1.1 404 Not Found: version HTTP/1.1, status code 404 (client error), reason phrase "Not Found".');
    const header = explainFrame(
      { kind: 'header', start: 0, end: 20, name: 'Content-Length', value: '11' },
      { direction: 'rx' },
    );
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
      const explained = explainFrame(samples[kind]!, { direction: 'rx' });
      expect(explained.summary.length, kind).toBeGreaterThan(10);
      expect(explained.rfc9112Section, kind).toMatch(/^\d+(\.\d+)*$/);
    }
  });
});

describe('explainFrame: interim and switching responses', () => {
  it('says an interim head is followed by the final one, and that 101 ends HTTP on the connection', () => {
    const status = (code: number, reason: string) =>
      explainFrame(
        { kind: 'status-line', start: 0, end: 20, version: 'HTTP/1.1', code, reason },
        { direction: 'rx' },
      ).notes.join(' ');
    expect(status(103, 'Early Hints')).toContain("the final response's status line follows on the same exchange");
    expect(status(101, 'Switching Protocols')).toContain('101 Switching Protocols ends HTTP/1.1 on this connection');
    expect(status(200, 'OK')).not.toContain('interim');
  });
});

describe('explainFrame: the rules as RFC 9110 and 9112 state them', () => {
  const header = (name: string, direction: 'tx' | 'rx' = 'rx') =>
    explainFrame({ kind: 'header', start: 0, end: 10, name, value: 'x' }, { direction }).notes.join(' ');

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
    const request = explainFrame({ kind: 'chunk-data', start: 0, end: 4 }, { direction: 'tx' }).summary;
    expect(request).toBe(
      "4 bytes of chunk data: one write's worth of the request body (a request body is never delimited by closing the connection, RFC 9112 section 6.3).",
    );
    expect(explainFrame({ kind: 'chunk-data', start: 0, end: 4 }, { direction: 'rx' }).summary).toContain(
      "one read's worth",
    );
  });

  it('gives the range of status codes', () => {
    const notes = explainFrame(
      { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
      { direction: 'rx' },
    ).notes;
    expect(notes).toContain('Status codes run from 100 to 599, their first digit the class (RFC 9110 section 15).');
  });
});

describe('explainFrame: in the message in front of the student', () => {
  const lengthFraming = (length: number): FramingDecision => ({
    body: 'length',
    length,
    rule: 6,
    because: `by length: Content-Length gives ${length} bytes, and there is no Transfer-Encoding`,
    reusable: true,
  });
  const headEnd: Frame = { kind: 'head-end', start: 40, end: 42 };

  it('says no body follows a HEAD response, and that its Content-Length is the size the body would have had', () => {
    const context: MessageContext = {
      direction: 'rx',
      method: 'HEAD',
      code: 200,
      fields: [['Content-Length', '1234']],
      framing: { body: 'none', rule: 1, because: 'no body: it answers a HEAD request', reusable: true },
    };
    const explained = explainFrame(headEnd, context);
    expect(explained.summary).toBe(
      "An empty line (CR LF) ends the response's head. No body follows: this is a response to HEAD (RFC 9112 section 6.3, rule 1).",
    );
    expect(explained.notes[0]).toBe('Content-Length gives the size the body would have had (RFC 9110 section 8.6).');
    expect(explained.quotes[0]).toBe(QUOTES.rule1);
    expect(explained.quotes).toContain(QUOTES.headNoContent);
    const field = explainFrame({ kind: 'header', start: 17, end: 38, name: 'Content-Length', value: '1234' }, context);
    expect(field.notes[0]).toContain('No body follows: this is a response to HEAD');
    expect(field.quotes).toContain(QUOTES.contentLengthHead);
  });

  it('says the same empty line of a GET response frames the body by its length, and the connection persists', () => {
    const explained = explainFrame(headEnd, {
      direction: 'rx',
      method: 'GET',
      code: 200,
      fields: [['Content-Length', '5']],
      framing: lengthFraming(5),
    });
    expect(explained.summary).toBe(
      "An empty line (CR LF) ends the response's head. The body is framed by length: Content-Length gives 5 bytes, and there is no Transfer-Encoding (RFC 9112 section 6.3, rule 6).",
    );
    expect(explained.notes).toContain(
      'Once the body is read, the connection may carry another request: HTTP/1.1 persists by default (RFC 9112 section 9.3).',
    );
    expect(explained.quotes[0]).toBe(QUOTES.rule6);
  });

  it("after a 1xx head, says the interim response ends and the final one's status line follows", () => {
    const explained = explainFrame(headEnd, { direction: 'rx', method: 'GET', code: 103, interim: true, fields: [] });
    expect(explained.summary).toBe(
      "An empty line (CR LF) ends this interim response: it has no body, and the final response's status line follows.",
    );
  });

  it('warns of Content-Length beside Transfer-Encoding (sections 6.1, 6.3 rule 3, 11.2) and says it will close', () => {
    const context: MessageContext = {
      direction: 'rx',
      method: 'GET',
      code: 200,
      fields: [
        ['Content-Length', '100'],
        ['Transfer-Encoding', 'chunked'],
      ],
      framing: {
        body: 'chunked',
        rule: 3,
        because:
          'chunked: Transfer-Encoding ends with chunked, which overrides its Content-Length, so the body is read chunk by chunk up to the last chunk',
        reusable: false,
        notReusableBecause: 'the response has both Transfer-Encoding and Content-Length (RFC 9112 section 6.3, rule 3)',
      },
    };
    for (const frame of [
      { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
      { kind: 'header', start: 17, end: 38, name: 'Content-Length', value: '100' },
      headEnd,
    ] satisfies Frame[]) {
      const explained = explainFrame(frame, context);
      expect(explained.warnings[0], frame.kind).toContain('both Content-Length and Transfer-Encoding');
      expect(explained.warnings[0]).toContain('section 6.3, rule 3');
      expect(explained.warnings[0]).toContain('sections 11.1 and 11.2');
      expect(explained.warnings[0]).toContain('The connection will be closed after it, not reused.');
      expect(explained.quotes).toContain(QUOTES.rule3);
    }
    expect(explainFrame(headEnd, context).notes).toContain(
      'The connection will be closed after this response, not reused: the response has both Transfer-Encoding and Content-Length (RFC 9112 section 6.3, rule 3).',
    );
    // A plain chunked response warns of nothing.
    expect(
      explainFrame(headEnd, {
        ...context,
        fields: [['Transfer-Encoding', 'chunked']],
        framing: { ...context.framing!, rule: 4, reusable: true },
      }).warnings,
    ).toEqual([]);
  });

  it("says a close-delimited body ends when the server closes, with rule 8's sentence", () => {
    const explained = explainFrame(
      { kind: 'body', start: 40, end: 60 },
      {
        direction: 'rx',
        method: 'GET',
        code: 200,
        fields: [],
        framing: { body: 'close', rule: 8, because: 'until the close', reusable: false },
      },
    );
    expect(explained.summary).toContain('delimited by the close of the connection (RFC 9112 section 6.3, rule 8)');
    expect(explained.quotes).toEqual([QUOTES.rule8]);
  });

  it('says a request without Content-Length or Transfer-Encoding has no body (rule 7)', () => {
    const explained = explainFrame(headEnd, { direction: 'tx', method: 'GET', fields: [['Host', 'a']] });
    expect(explained.summary).toContain('no body follows');
    expect(explained.quotes).toEqual([QUOTES.rule7]);
    expect(explainFrame(headEnd, { direction: 'tx', fields: [['Content-Length', '12']] }).summary).toContain(
      '12 bytes of body follow (Content-Length: 12).',
    );
  });

  it('names the target form of a request line (RFC 9112 section 3.2)', () => {
    const line = (method: string, target: string) =>
      explainFrame(
        { kind: 'request-line', start: 0, end: 10, method, target, version: 'HTTP/1.1' },
        { direction: 'tx' },
      );
    expect(line('GET', '/a?b').notes[0]).toContain('origin form');
    expect(line('GET', '/a?b').quotes).toEqual([QUOTES.originForm]);
    expect(line('GET', 'http://example.test/a').rfc9112Section).toBe('3.2.2');
    expect(line('CONNECT', 'example.test:443').rfc9112Section).toBe('3.2.3');
    expect(line('OPTIONS', '*').rfc9112Section).toBe('3.2.4');
  });

  it('says repeated fields may be combined in order (RFC 9110 section 5.3)', () => {
    const explained = explainFrame(
      { kind: 'header', start: 17, end: 30, name: 'Set-Cookie', value: 'a=1' },
      {
        direction: 'rx',
        fields: [
          ['Set-Cookie', 'a=1'],
          ['set-cookie', 'b=2'],
        ],
      },
    );
    expect(explained.notes.join(' ')).toContain('Set-Cookie comes 2 times in this head');
    expect(explained.quotes).toEqual([QUOTES.fieldCombining, QUOTES.fieldOrder]);
  });

  it('says a close in a request binds the client, in a response the server', () => {
    const connection = (direction: 'tx' | 'rx') =>
      explainFrame(
        { kind: 'header', start: 17, end: 36, name: 'Connection', value: 'close' },
        { direction, fields: [['Connection', 'close']] },
      ).quotes;
    expect(connection('tx')).toContain(QUOTES.closeClient);
    expect(connection('rx')).toContain(QUOTES.closeServer);
  });

  it("says bytes after a bodiless response are extra because it has no body, and that closing is the inspector's choice", () => {
    const explained = explainFrame(
      { kind: 'extraneous', start: 60, end: 81 },
      {
        direction: 'rx',
        method: 'HEAD',
        code: 200,
        fields: [],
        framing: { body: 'none', rule: 1, because: 'no body', reusable: true },
      },
    );
    expect(explained.warnings[0]).toContain('This response has no body (this is a response to HEAD');
    expect(explained.quotes).toEqual([QUOTES.rule1, QUOTES.headNoContent]);
    expect(explained.inspector[0]).toContain('closes the connection');
  });

  it('gives every quote a keyword and whom it binds, or neither (a definition)', () => {
    for (const [name, quote] of Object.entries(QUOTES)) {
      expect(quote.keyword === null, name).toBe(quote.binds === null);
      if (quote.keyword) expect(quote.text, name).toContain(quote.keyword);
    }
  });
});
