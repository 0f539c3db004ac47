import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/frames';
import { FrameList } from '../store/frame-list';
import { WireRows } from './wire-rows';

/** Frames over [0, total): spans of the given lengths, some left out (gaps, as when a batch dropped them). */
function framesFrom(lengths: number[], keep: boolean[]): { frames: Frame[]; end: number } {
  const frames: Frame[] = [];
  let at = 0;
  lengths.forEach((length, i) => {
    if (keep[i] ?? true)
      frames.push(
        i % 2 === 0
          ? { kind: 'chunk-data', start: at, end: at + length }
          : { kind: 'chunk-end', start: at, end: at + length },
      );
    at += length;
  });
  return { frames, end: at };
}

const layouts = fc.record({
  lengths: fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }),
  keep: fc.array(fc.boolean(), { maxLength: 40 }),
  tail: fc.integer({ min: 0, max: 200 }),
  width: fc.integer({ min: 1, max: 70 }),
  steps: fc.integer({ min: 1, max: 5 }),
});

describe('WireRows', () => {
  it('lays every byte out once, in order, in rows of at most `width` that never cross a frame edge', () => {
    fc.assert(
      fc.property(layouts, ({ lengths, keep, tail, width }) => {
        const { frames, end } = framesFrom(lengths, keep);
        const rows = new WireRows(width);
        rows.update(FrameList.from(frames), end + tail);
        let at = 0;
        for (let r = 0; r < rows.rowCount; r++) {
          const row = rows.row(r);
          expect(row.start).toBe(at);
          expect(row.end - row.start).toBeGreaterThan(0);
          expect(row.end - row.start).toBeLessThanOrEqual(width);
          const frame = frames.find((f) => f.start <= row.start && row.start < f.end);
          expect(row.frame).toBe(frame ? frames.indexOf(frame) : -1);
          if (frame) expect(row.end).toBeLessThanOrEqual(frame.end);
          // A row is first of its frame, or first of a stretch of bytes no frame covers.
          expect(row.first).toBe(frame ? row.start === frame.start : r === 0 || rows.row(r - 1).frame !== -1);
          expect(rows.rowOf(row.start)).toBe(r);
          expect(rows.rowOf(row.end - 1)).toBe(r);
          at = row.end;
        }
        expect(at).toBe(end + tail);
        expect(rows.byteCount).toBe(end + tail);
      }),
    );
  });

  it('grows with its frames: extending in steps lays out the same rows as all at once', () => {
    fc.assert(
      fc.property(layouts, ({ lengths, keep, tail, width, steps }) => {
        const { frames, end } = framesFrom(lengths, keep);
        const whole = new WireRows(width);
        whole.update(FrameList.from(frames), end + tail);
        const growing = new WireRows(width);
        const list = new FrameList(1);
        for (let step = 1; step <= steps; step++) {
          for (const frame of frames.slice(list.length, Math.ceil((frames.length * step) / steps))) list.push(frame);
          growing.update(list, list.length > 0 ? list.end(list.length - 1) : 0);
        }
        growing.update(list, end + tail);
        expect(growing.rowCount).toBe(whole.rowCount);
        for (let r = 0; r < whole.rowCount; r++) expect(growing.row(r)).toEqual(whole.row(r));
      }),
    );
  });

  it('lays out a few frames per call when given a budget, ending with the same rows as all at once', () => {
    fc.assert(
      fc.property(layouts, fc.integer({ min: 1, max: 7 }), ({ lengths, keep, tail, width }, budget) => {
        const { frames, end } = framesFrom(lengths, keep);
        const list = FrameList.from(frames);
        const whole = new WireRows(width);
        whole.update(list, end + tail);
        const stepwise = new WireRows(width);
        let calls = 0;
        do {
          stepwise.update(list, end + tail, budget);
          calls++;
          // Whatever is laid out so far covers every byte, the rest as plain rows.
          expect(stepwise.byteCount).toBe(end + tail);
        } while (stepwise.pending);
        expect(calls).toBe(Math.max(1, Math.ceil(frames.length / budget)));
        expect(stepwise.rowCount).toBe(whole.rowCount);
        for (let r = 0; r < whole.rowCount; r++) expect(stepwise.row(r)).toEqual(whole.row(r));
      }),
    );
  });

  it('makes each HTTP line a row and wraps data, and lays out 1 GiB from a handful of frames', () => {
    const rows = new WireRows(64);
    const gib = 1024 ** 3;
    rows.update(
      FrameList.from([
        { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
        { kind: 'header', start: 17, end: 37, name: 'Content-Length', value: String(gib) },
        { kind: 'head-end', start: 37, end: 39 },
        { kind: 'body', start: 39, end: 39 + gib },
      ]),
      39 + gib,
    );
    expect([rows.row(0), rows.row(1), rows.row(2)].map((r) => [r.start, r.end])).toEqual([
      [0, 17],
      [17, 37],
      [37, 39],
    ]);
    expect(rows.rowCount).toBe(3 + gib / 64);
    expect(rows.row(rows.rowCount - 1)).toEqual({ start: 39 + gib - 64, end: 39 + gib, frame: 3, first: false });
    expect(rows.rowOf(39 + 640)).toBe(13);
  });

  it('starts over when given another list of frames, and refuses rows that do not exist', () => {
    const rows = new WireRows(10);
    rows.update(FrameList.from([{ kind: 'body', start: 0, end: 100 }]), 100);
    expect(rows.rowCount).toBe(10);
    rows.update(FrameList.from([{ kind: 'body', start: 0, end: 5 }]), 5);
    expect(rows.rowCount).toBe(1);
    expect(() => rows.row(1)).toThrow(RangeError);
    expect(() => new WireRows(0)).toThrow(RangeError);
  });
});
