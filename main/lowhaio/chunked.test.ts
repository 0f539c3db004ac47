import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTilingFault, type Frame } from '../../shared/frames';
import { latin1, latin1Bytes } from '../../shared/visible-bytes';
import { chunked } from './chunked';
import { HttpInvalidRequestError } from './errors';
import { RequestBodyFramer } from './request-body-framer';
import { ResponseParser } from './response-parser';

async function* pieces(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield latin1Bytes(part);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const piece of body) out.push(piece);
  return out;
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('chunked()', () => {
  it('frames each piece as one chunk, skips empty pieces, and ends with the last-chunk', async () => {
    const out = await collect(chunked(pieces('Hello', '', ', world!', 'x'.repeat(300))));
    expect(out.map((piece) => latin1(piece))).toEqual([
      '5\r\nHello\r\n',
      '8\r\n, world!\r\n',
      `12c\r\n${'x'.repeat(300)}\r\n`,
      '0\r\n\r\n',
    ]);
  });

  it('sends trailers after the last chunk, computed once the body has ended', async () => {
    let seen = 0;
    const body = (async function* () {
      for (const part of ['ab', 'cde']) {
        seen += part.length;
        yield latin1Bytes(part);
      }
    })();
    const out = await collect(chunked(body, { trailers: () => [['X-Length', String(seen)]] }));
    expect(latin1(join(out))).toBe('2\r\nab\r\n3\r\ncde\r\n0\r\nX-Length: 5\r\n\r\n');
  });

  it('refuses a trailer that would break the framing', async () => {
    await expect(collect(chunked(pieces('a'), { trailers: [['X-Bad', 'a\r\nInjected: 1']] }))).rejects.toBeInstanceOf(
      HttpInvalidRequestError,
    );
  });

  it('round-trips through the response reader for any pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), async (parts) => {
        const encoded = join(
          await collect(
            chunked(
              (async function* () {
                yield* parts;
              })(),
            ),
          ),
        );
        const head = latin1Bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
        const events = new ResponseParser({ method: 'GET' }).feed(join([head, encoded]));
        const body = join(events.flatMap((e) => (e.type === 'data' ? [e.data] : [])));
        expect(body).toEqual(join(parts));
        expect(events[events.length - 1]).toEqual({ type: 'end', reusable: true });
      }),
      { numRuns: 60 },
    );
  });
});

describe('RequestBodyFramer', () => {
  it('frames a chunked request body with the response side chunk kinds, continuing the head offsets', async () => {
    const framer = new RequestBodyFramer({ kind: 'chunked' }, 100);
    const frames = (await collect(chunked(pieces('abc', 'de'), { trailers: [['T', '1']] }))).flatMap((piece) =>
      framer.annotate(piece),
    );
    expect(frames).toEqual([
      { kind: 'chunk-size', start: 100, end: 103, size: 3, extensions: [] },
      { kind: 'chunk-data', start: 103, end: 106 },
      { kind: 'chunk-end', start: 106, end: 108 },
      { kind: 'chunk-size', start: 108, end: 111, size: 2, extensions: [] },
      { kind: 'chunk-data', start: 111, end: 113 },
      { kind: 'chunk-end', start: 113, end: 115 },
      { kind: 'chunk-size', start: 115, end: 118, size: 0, extensions: [] },
      { kind: 'trailer', start: 118, end: 124, name: 'T', value: '1' },
      { kind: 'body-end', start: 124, end: 126 },
    ]);
    expect(framer.complete).toBe(true);
    expect(framer.problem).toBeNull();
  });

  it('tiles a chunked body written in any pieces', () => {
    const body = latin1Bytes('4;ext=1\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 10 }), (cuts) => {
        const framer = new RequestBodyFramer({ kind: 'chunked' }, 0);
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const frames: Frame[] = [];
        let from = 0;
        for (const cut of [...points, body.length]) {
          frames.push(...framer.annotate(body.subarray(from, cut)));
          from = cut;
        }
        expect(findTilingFault(frames, body.length)).toBeNull();
        expect(
          frames.filter((f) => f.kind === 'chunk-size').map((f) => (f.kind === 'chunk-size' ? f.size : -1)),
        ).toEqual([4, 5, 0]);
      }),
      { numRuns: 100 },
    );
  });

  it('frames a body with a length as plain body bytes', () => {
    const framer = new RequestBodyFramer({ kind: 'length', length: 6 }, 40);
    expect([...framer.annotate(latin1Bytes('abc')), ...framer.annotate(latin1Bytes('def'))]).toEqual([
      { kind: 'body', start: 40, end: 43 },
      { kind: 'body', start: 43, end: 46 },
    ]);
  });

  it('still tiles a hand-made chunked body that breaks the coding, and says where it broke', () => {
    const framer = new RequestBodyFramer({ kind: 'chunked' }, 10);
    const frames = [...framer.annotate(latin1Bytes('3\r\nabcXYZ')), ...framer.annotate(latin1Bytes('more'))];
    expect(findTilingFault(frames, 10 + 13, 10)).toBeNull();
    expect(frames).toEqual([
      { kind: 'chunk-size', start: 10, end: 13, size: 3, extensions: [] },
      { kind: 'chunk-data', start: 13, end: 16 },
      { kind: 'body', start: 16, end: 19 },
      { kind: 'body', start: 19, end: 23 },
    ]);
    expect(framer.problem).toMatchObject({
      code: 'ERR_HTTP_MISSING_CHUNK_CRLF',
      fault: 'caller',
      direction: 'tx',
      offset: 16,
    });
    expect(framer.problem?.message).toMatch(/at byte 16 of the request/);
  });

  it('frames bytes after the end of a chunked body as body and reports them', () => {
    const framer = new RequestBodyFramer({ kind: 'chunked' }, 0);
    const frames = framer.annotate(latin1Bytes('0\r\n\r\nGET / HTTP/1.1'));
    expect(frames.map((f) => [f.kind, f.start, f.end])).toEqual([
      ['chunk-size', 0, 3],
      ['body-end', 3, 5],
      ['body', 5, 19],
    ]);
    expect(framer.problem).toMatchObject({ code: 'ERR_HTTP_DATA_AFTER_BODY', offset: 5 });
  });

  it('knows when a chunked body has not reached its end', () => {
    const framer = new RequestBodyFramer({ kind: 'chunked' }, 0);
    framer.annotate(latin1Bytes('2\r\nab\r\n'));
    expect(framer.complete).toBe(false);
  });
});
