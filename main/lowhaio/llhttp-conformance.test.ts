// The response cases of llhttp's test suite (Node.js's HTTP parser), read from ../shared beside the
// checkout (CI has it; a user's clone may not, and then this suite says so and skips). For every
// strict ("response") case, the status, headers and body that llhttp's event log implies must come
// out of our parser, or an error where llhttp reports one before the first final response ends.
// Each case also runs whole, byte by byte and at random splits, with the tiling check.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latin1 } from '../../shared/visible-bytes';
import { parseThreeWays } from './test-support/parse-three-ways';

const VECTORS = join(__dirname, '..', '..', '..', 'shared', 'conformance', 'llhttp-response-vectors.json');

interface Vector {
  file: string;
  line: number;
  name: string;
  meta: { type: string; skipBody?: boolean };
  inputHex: string;
  expected: string[];
}

interface LlhttpMessage {
  code: number;
  major: number;
  minor: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
  complete: boolean;
}

type Expectation =
  { kind: 'error'; reason: string } | { kind: 'response'; interim: number[]; final: LlhttpMessage | null };

/** Reads llhttp's event log into messages, cutting spans out of the input bytes by offset. */
function readLog(input: Uint8Array, log: string[]): Expectation {
  const messages: LlhttpMessage[] = [];
  let current: LlhttpMessage | null = null;
  let field = '';
  let value = '';
  for (const line of log) {
    const span = /^off=(\d+) len=(\d+) span\[(\w+)\]=/.exec(line);
    const off = Number(/^off=(\d+)/.exec(line)?.[1]);
    if (span) {
      const text = latin1(input, Number(span[1]), Number(span[1]) + Number(span[2]));
      if (span[3] === 'status') current!.reason += text;
      else if (span[3] === 'header_field') field += text;
      else if (span[3] === 'header_value') value += text;
      else if (span[3] === 'body') current!.body += text;
      continue;
    }
    if (line.endsWith(' message begin')) {
      current = { code: 0, major: 0, minor: 0, reason: '', headers: [], body: '', complete: false };
      messages.push(current);
    } else if (line.endsWith(' header_value complete')) {
      current!.headers.push([field, value.replace(/^[ \t]+|[ \t]+$/g, '')]);
      field = '';
      value = '';
    } else if (line.includes(' headers complete ')) {
      const m = /status=(\d+) v=(\d+)\/(\d+)/.exec(line)!;
      current!.code = Number(m[1]);
      current!.major = Number(m[2]);
      current!.minor = Number(m[3]);
    } else if (line.endsWith(' message complete')) {
      current!.complete = true;
    } else if (line.includes(' error ')) {
      // An error counts when no final response had completed before it.
      const final = messages.find((m) => m.code >= 200);
      if (!final || !final.complete) return { kind: 'error', reason: `${line} (at ${off})` };
    }
  }
  const interim = messages.filter((m) => m.code > 0 && m.code < 200).map((m) => m.code);
  return { kind: 'response', interim, final: messages.find((m) => m.code >= 200) ?? null };
}

/**
 * Strict cases where lowhaio is stricter than llhttp on purpose, each with the rule that makes it
 * right: it must refuse them (with an error), where llhttp reads a response.
 */
const STRICTER: Record<string, string> = {
  'RTSP response': 'RFC 9112 section 2.3: HTTP-name is exactly "HTTP"; llhttp also takes RTSP/',
  'ICE response': 'RFC 9112 section 2.3: HTTP-name is exactly "HTTP"; llhttp also takes ICE/',
};

const available = existsSync(VECTORS);
if (!available)
  console.warn(
    `llhttp conformance skipped: ${VECTORS} not found (../shared beside the checkout provides it, as in CI).`,
  );
const vectors: Vector[] = available ? JSON.parse(readFileSync(VECTORS, 'utf8')) : [];

describe.skipIf(!available)(
  `llhttp response conformance${available ? '' : ` (skipped: ${VECTORS} not found; it is provided beside the checkout, as in CI)`}`,
  () => {
    it('has the 85 cases of llhttp test/response', () => {
      expect(vectors).toHaveLength(85);
      expect(vectors.filter((v) => v.meta.type === 'response').length).toBeGreaterThan(70);
    });

    for (const vector of vectors) {
      const title = `${vector.file}:${vector.line} ${vector.name}`;
      const strict = vector.meta.type === 'response' || vector.meta.type === 'response-finish';
      if (!strict) {
        it.skip(`${title} (${vector.meta.type}: passes only in a lenient mode, which a strict client need not have)`, () => {});
        continue;
      }
      it(STRICTER[vector.name] ? `${title} (refused on purpose: ${STRICTER[vector.name]})` : title, () => {
        const input = Uint8Array.from(Buffer.from(vector.inputHex, 'hex'));
        const expectation = readLog(input, vector.expected);
        // response-finish cases end with the server closing the connection (llhttp_finish).
        const eof = vector.meta.type === 'response-finish';
        const out = parseThreeWays(input, { method: vector.meta.skipBody ? 'HEAD' : 'GET', eof }, 10);
        const stricter = STRICTER[vector.name];
        if (stricter !== undefined) {
          expect(expectation.kind, 'llhttp reads a response here').toBe('response');
          expect(out.error, `lowhaio refuses it: ${stricter}`).not.toBeNull();
          return;
        }
        if (expectation.kind === 'error') {
          expect(out.error, `llhttp: ${expectation.reason}`).not.toBeNull();
          return;
        }
        expect(out.error, 'llhttp reports no error here').toBeNull();
        const interim = out.semantic.flatMap((e) => (e.type === 'informational' ? [e.code] : []));
        expect(interim).toEqual(expectation.interim);
        const final = expectation.final!;
        const head = out.semantic.find((e) => e.type === 'head');
        expect(head, 'a final response head').toBeDefined();
        if (head?.type !== 'head') return;
        expect(head.code).toBe(final.code);
        expect(head.version.slice(head.version.indexOf('/') + 1)).toBe(`${final.major}.${final.minor}`);
        expect(head.reason).toBe(final.reason);
        expect(head.headers).toEqual(final.headers);
        expect(out.body).toBe(final.body);
        if (!eof)
          expect(
            out.semantic.some((e) => e.type === 'end'),
            'complete exactly when llhttp completes',
          ).toBe(final.complete);
        else
          expect(out.semantic[out.semantic.length - 1], 'the close ends the body').toEqual({
            type: 'end',
            reusable: false,
          });
      });
    }
  },
);
