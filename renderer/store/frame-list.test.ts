import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/frames';
import { FrameList } from './frame-list';

/** Frames of every kind, text with quotes and non-ASCII included, tiling bytes from 0. */
const frameArb: fc.Arbitrary<(start: number) => Frame> = fc.oneof(
  fc
    .constantFrom('body', 'chunk-data', 'chunk-end', 'body-end', 'head-end', 'blank-line')
    .chain((kind) =>
      fc
        .integer({ min: 1, max: 5000 })
        .map((length) => (start: number) => ({ kind, start, end: start + length }) as Frame),
    ),
  fc
    .tuple(fc.integer({ min: 0, max: 1e9 }), fc.array(fc.tuple(fc.string(), fc.option(fc.string())), { maxLength: 2 }))
    .map(
      ([size, extensions]) =>
        (start: number) =>
          ({ kind: 'chunk-size', start, end: start + 5, size, extensions }) as Frame,
    ),
  fc.tuple(fc.string(), fc.string()).map(
    ([name, value]) =>
      (start: number) =>
        ({ kind: 'header', start, end: start + 9, name, value }) as Frame,
  ),
  fc
    .string()
    .map(
      (reason) => (start: number) =>
        ({ kind: 'status-line', start, end: start + 17, version: 'HTTP/1.1', code: 200, reason }) as Frame,
    ),
  fc.tuple(fc.string(), fc.string()).map(
    ([name, value]) =>
      (start: number) =>
        ({ kind: 'trailer', start, end: start + 7, name, value }) as Frame,
  ),
);

describe('FrameList', () => {
  it('gives back every frame pushed, equal to it, with its offsets and kind, past many doublings', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 300 }), (makers) => {
        const frames: Frame[] = [];
        let at = 0;
        for (const make of makers) {
          const frame = make(at);
          frames.push(frame);
          at = frame.end;
        }
        const list = new FrameList(1);
        frames.forEach((frame, i) => expect(list.push(frame)).toBe(i));
        expect(list.length).toBe(frames.length);
        frames.forEach((frame, i) => {
          expect(list.at(i)).toEqual(frame);
          expect([list.start(i), list.end(i), list.kind(i)]).toEqual([frame.start, frame.end, frame.kind]);
        });
        expect([...list]).toEqual(frames);
        expect(list.at(frames.length)).toBeUndefined();
        expect(list.at(-1)).toBeUndefined();
      }),
    );
  });

  it('gives the same object for the same index while it is in use, so memoized rows stay put', () => {
    const list = FrameList.from([
      { kind: 'chunk-size', start: 0, end: 4, size: 16, extensions: [] },
      { kind: 'chunk-data', start: 4, end: 20 },
    ]);
    expect(list.at(1)).toBe(list.at(1));
    expect(list.at(0)).toBe(list.at(0));
  });

  it('keeps offsets past 4 GiB exactly', () => {
    const list = FrameList.from([{ kind: 'body', start: 2 ** 40, end: 2 ** 40 + 65_536 }]);
    expect(list.at(0)).toEqual({ kind: 'body', start: 2 ** 40, end: 2 ** 40 + 65_536 });
  });
});
