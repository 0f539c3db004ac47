// Test support: runs a ResponseParser over the same bytes whole, one byte at a time, and at random
// split points (fast-check), checks that all three give the same events and that the frames tile
// the consumed bytes exactly, and returns the outcome for the test's own assertions. The random
// splits, and one whole run, also feed with a small event budget, resuming each pause at once, so
// that every parser test shows pausing changes nothing.
import fc from 'fast-check';
import { expect } from 'vitest';
import { findTilingFault, type Frame } from '../../../shared/frames';
import { latin1 } from '../../../shared/visible-bytes';
import { ResponseParser, type ResponseParserOptions } from '../response-parser';

/** Events with body data joined (reads split it differently) and errors reduced to their identity. */
export type Semantic =
  | {
      type: 'informational' | 'head';
      code: number;
      reason: string;
      version: string;
      headers: Array<[string, string]>;
      framing?: unknown;
    }
  | { type: 'data'; text: string }
  | { type: 'trailers'; trailers: Array<[string, string]> }
  | { type: 'end'; reusable: boolean }
  | { type: 'extraneous'; text: string }
  | { type: 'error'; name: string; code: string; offset: number; start: number };

export interface Outcome {
  semantic: Semantic[];
  /** Frames, with body and chunk-data pieces of one element joined. */
  frames: Frame[];
  /** Frames exactly as emitted. */
  rawFrames: Frame[];
  error: Extract<Semantic, { type: 'error' }> | null;
  body: string;
  /** Every data view handed out, for tests on copies. */
  views: Uint8Array[];
}

export interface RunOptions extends ResponseParserOptions {
  /** Call end() after the last byte, as when the server closes the connection. */
  eof?: boolean;
}

function joinable(kind: Frame['kind']): boolean {
  return kind === 'body' || kind === 'chunk-data';
}

export function parseInPieces(input: Uint8Array, cuts: number[], options: RunOptions, eventBudget = Infinity): Outcome {
  const parser = new ResponseParser(options);
  const semantic: Semantic[] = [];
  const frames: Frame[] = [];
  const rawFrames: Frame[] = [];
  const views: Uint8Array[] = [];
  let position = 0;
  const handle = (events: ReturnType<ResponseParser['feed']>, _base: number, _piece: Uint8Array) => {
    for (const event of events) {
      const last = semantic[semantic.length - 1];
      switch (event.type) {
        case 'frame': {
          rawFrames.push(event.frame);
          const previous = frames[frames.length - 1];
          if (
            previous &&
            joinable(event.frame.kind) &&
            previous.kind === event.frame.kind &&
            previous.end === event.frame.start
          ) {
            frames[frames.length - 1] = { ...previous, end: event.frame.end };
          } else frames.push({ ...event.frame });
          break;
        }
        case 'data':
          views.push(event.data);
          if (last?.type === 'data') last.text += latin1(event.data);
          else semantic.push({ type: 'data', text: latin1(event.data) });
          break;
        case 'extraneous':
          // The parser can only mark an `end` of the same read unreusable; a later read's stray
          // bytes reach the caller after `end`, and the caller drops the connection then.
          for (const e of semantic) if (e.type === 'end') e.reusable = false;
          if (last?.type === 'extraneous') last.text += latin1(event.data);
          else semantic.push({ type: 'extraneous', text: latin1(event.data) });
          break;
        case 'error':
          semantic.push({
            type: 'error',
            name: event.error.name,
            code: event.error.code,
            offset: event.error.offset,
            start: event.error.start,
          });
          break;
        case 'paused':
          break;
        case 'informational':
        case 'head':
          semantic.push({ ...event, headers: event.headers.map(([n, v]) => [n, v] as [string, string]) });
          break;
        default:
          semantic.push({ ...event });
      }
    }
  };
  const points = [...new Set(cuts.filter((c) => c > 0 && c < input.length))].sort((a, b) => a - b);
  let from = 0;
  for (const cut of [...points, input.length]) {
    if (parser.state === 'failed') break;
    let piece = input.subarray(from, cut);
    for (;;) {
      const events = parser.feed(piece, eventBudget);
      handle(events, position, piece);
      const last = events[events.length - 1];
      if (last?.type !== 'paused') break;
      expect(last.rest.length, 'a pause leaves bytes unread').toBeGreaterThan(0);
      piece = last.rest;
    }
    position = cut;
    from = cut;
  }
  if (options.eof && parser.state !== 'failed') handle(parser.end(), position, new Uint8Array());
  const error = (semantic.find((e) => e.type === 'error') as Outcome['error']) ?? null;
  const body = semantic.flatMap((e) => (e.type === 'data' ? [e.text] : [])).join('');
  return { semantic, frames, rawFrames, error, body, views };
}

/**
 * Frames must tile [0, n) with no gap or overlap: n is every byte of a complete response (extraneous
 * bytes aside), and at most the bytes fed when the response is unfinished or failed.
 */
function expectTiling(outcome: Outcome, input: Uint8Array, label: string): void {
  const { rawFrames, error, semantic } = outcome;
  const framedTo = rawFrames.length > 0 ? rawFrames[rawFrames.length - 1]!.end : 0;
  expect(findTilingFault(rawFrames, framedTo), `${label}: frames tile`).toBeNull();
  const extraneous = semantic
    .flatMap((e) => (e.type === 'extraneous' ? [e.text.length] : []))
    .reduce((a, b) => a + b, 0);
  if (!error && semantic.some((e) => e.type === 'end')) {
    expect(framedTo, `${label}: every byte of the response is framed`).toBe(input.length - extraneous);
  } else expect(framedTo, `${label}: frames cover only bytes fed`).toBeLessThanOrEqual(input.length);
}

/**
 * Parses `input` whole, one byte at a time and at random splits; expects the same outcome from
 * each, and tiling in each. Returns the whole-input outcome.
 */
export function parseThreeWays(input: Uint8Array, options: RunOptions, runs = 40): Outcome {
  const whole = parseInPieces(input, [], options);
  expectTiling(whole, input, 'whole');
  const bytewise = parseInPieces(
    input,
    Array.from({ length: input.length }, (_, i) => i),
    options,
  );
  expectTiling(bytewise, input, 'byte by byte');
  expect(bytewise.semantic, 'byte by byte gives the same events').toEqual(whole.semantic);
  expect(bytewise.frames, 'byte by byte gives the same frames').toEqual(whole.frames);
  const paused = parseInPieces(input, [], options, 1);
  expectTiling(paused, input, 'whole, one event a feed');
  expect(paused.semantic, 'pausing after every event gives the same events').toEqual(whole.semantic);
  expect(paused.frames, 'pausing after every event gives the same frames').toEqual(whole.frames);
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: Math.max(1, input.length - 1) }), { maxLength: 12 }),
      fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 8 })),
      (cuts, budget) => {
        const split = parseInPieces(input, cuts, options, budget);
        expectTiling(split, input, `split at ${cuts.join(',')}, budget ${budget}`);
        expect(split.semantic).toEqual(whole.semantic);
        expect(split.frames).toEqual(whole.frames);
      },
    ),
    { numRuns: runs },
  );
  return whole;
}
