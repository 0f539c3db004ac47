import { describe, expect, it } from 'vitest';
import {
  bodyPlan,
  DEFAULT_TIMEOUT_MS,
  wireHeaders,
  type BodySpec,
  type ExchangeSpec,
  type HeaderRow,
} from './exchange-spec';

function spec(body: BodySpec, headers: HeaderRow[] = []): ExchangeSpec {
  return { method: 'POST', url: 'http://127.0.0.1:1/', headers, body, timeoutMs: DEFAULT_TIMEOUT_MS, verifyTls: true };
}
const text = (framing: 'length' | 'chunked'): BodySpec => ({ kind: 'text', text: 'abc', framing, chunkSize: 2 });
const row = (name: string, value: string, enabled = true): HeaderRow => ({ name, value, enabled });

describe('bodyPlan: header and encoding decided together', () => {
  it('adds the header of the framing chosen when no row frames the body', () => {
    expect(bodyPlan(spec(text('length')))).toEqual({
      from: 'composer',
      chunkEncode: false,
      added: 'content-length',
      row: null,
    });
    expect(bodyPlan(spec(text('chunked')))).toEqual({
      from: 'composer',
      chunkEncode: true,
      added: 'transfer-encoding',
      row: null,
    });
    expect(wireHeaders(spec(text('length')), 3)).toEqual([['content-length', '3']]);
    expect(wireHeaders(spec(text('chunked')), 3)).toEqual([['transfer-encoding', 'chunked']]);
  });

  it('lets an enabled Transfer-Encoding row chunk-encode the body, whatever the framing chosen', () => {
    for (const framing of ['length', 'chunked'] as const) {
      const planned = spec(text(framing), [row(' transfer-ENCODING ', 'chunked')]);
      expect(bodyPlan(planned)).toEqual({ from: 'row', chunkEncode: true, added: null, row: 'transfer-encoding' });
      expect(wireHeaders(planned, 3)).toEqual([['transfer-ENCODING', 'chunked']]);
    }
  });

  it('sends the body as it is under an enabled Content-Length row', () => {
    const planned = spec(text('chunked'), [row('Content-Length', '3')]);
    expect(bodyPlan(planned)).toEqual({ from: 'row', chunkEncode: false, added: null, row: 'content-length' });
    expect(wireHeaders(planned, 3)).toEqual([['Content-Length', '3']]);
  });

  it('ignores disabled rows, and plans nothing for no body', () => {
    expect(bodyPlan(spec(text('length'), [row('Transfer-Encoding', 'chunked', false)]))).toMatchObject({
      from: 'composer',
      chunkEncode: false,
      added: 'content-length',
    });
    expect(bodyPlan(spec({ kind: 'none' }, [row('Transfer-Encoding', 'chunked')]))).toEqual({
      from: 'none',
      chunkEncode: false,
      added: null,
      row: null,
    });
  });
});
