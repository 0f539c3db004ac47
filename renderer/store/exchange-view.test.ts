import { describe, expect, it } from 'vitest';
import type { ExchangeBatch, ExchangeEvent } from '../../shared/exchange-events';
import type { CapturedFrame } from '../../shared/inspector-api';
import {
  applyBatch,
  emptyView,
  fieldsAt,
  foldCapturedFrames,
  PREVIEW_LIMIT,
  viewFromSummary,
  withoutFrames,
} from './exchange-view';
import { LENGTH_FRAMING } from '../test-support/events';

function batch(seq: number, events: ExchangeEvent[], exchangeId = 'e1'): ExchangeBatch {
  return { exchangeId, seq, t: 0, events, totals: { tx: 0, rx: 0 }, previewDropped: 0, framesDropped: 0 };
}

describe('applyBatch', () => {
  it('adds a chunk row per chunk-size line, with gaps between arrivals, and reads heads and the end', () => {
    let view = emptyView('e1');
    view = applyBatch(
      view,
      batch(0, [
        { type: 'started', t: 0, method: 'GET', url: 'http://x/' },
        {
          type: 'response-head',
          framing: LENGTH_FRAMING,
          t: 1,
          code: 200,
          reason: 'OK',
          version: 'HTTP/1.1',
          headers: [['Transfer-Encoding', 'chunked']],
        },
        {
          type: 'frames',
          t: 10,
          direction: 'rx',
          frames: [{ kind: 'chunk-size', start: 47, end: 50, size: 5, extensions: [['a', '1']] }],
        },
      ]),
    );
    view = applyBatch(
      view,
      batch(1, [
        {
          type: 'frames',
          t: 410,
          direction: 'rx',
          frames: [
            { kind: 'chunk-size', start: 57, end: 60, size: 0, extensions: [] },
            { kind: 'trailer', start: 60, end: 66, name: 'T', value: 'v' },
          ],
        },
      ]),
    );
    view = applyBatch(view, batch(2, [{ type: 'end', t: 420, status: 'done', bytesSent: 10, bytesReceived: 68 }]));
    expect(view.chunks).toEqual([
      { index: 1, size: 5, extensions: [['a', '1']], offset: 47, t: 10, gap: null },
      { index: 2, size: 0, extensions: [], offset: 57, t: 410, gap: 400 },
    ]);
    expect([view.code, view.reason, view.status, view.trailers]).toEqual([
      200,
      'OK',
      'done',
      [{ name: 'T', value: 'v', offset: 60 }],
    ]);
  });

  it('finds the header rows of the final head, past interim heads, which keep their own', () => {
    const view = applyBatch(
      emptyView('e1'),
      batch(0, [
        {
          type: 'frames',
          t: 1,
          direction: 'rx',
          frames: [
            { kind: 'status-line', start: 0, end: 23, version: 'HTTP/1.1', code: 100, reason: 'Continue' },
            { kind: 'head-end', start: 23, end: 25 },
            { kind: 'status-line', start: 25, end: 42, version: 'HTTP/1.1', code: 103, reason: 'Early Hints' },
            { kind: 'header', start: 42, end: 51, name: 'Link', value: '</a.css>' },
            { kind: 'head-end', start: 51, end: 53 },
            { kind: 'status-line', start: 53, end: 70, version: 'HTTP/1.1', code: 200, reason: 'OK' },
            { kind: 'header', start: 70, end: 79, name: 'A', value: 'one' },
            { kind: 'header', start: 79, end: 88, name: 'B', value: 'two' },
            { kind: 'head-end', start: 88, end: 90 },
            { kind: 'body', start: 90, end: 98 },
          ],
        },
      ]),
    );
    expect(view.headerFrames.rx).toEqual([6, 7]);
    expect(view.interim).toEqual([
      { code: 100, reason: 'Continue', offset: 0, t: 1, headerFrames: [] },
      { code: 103, reason: 'Early Hints', offset: 25, t: 1, headerFrames: [3] },
    ]);
    expect(fieldsAt(view.frames.rx, view.interim[1]!.headerFrames)).toEqual([['Link', '</a.css>']]);
  });

  it('keeps an upload stopped by an early response, live and when reopened from history', () => {
    const live = applyBatch(
      emptyView('e1'),
      batch(0, [{ type: 'upload-stopped', t: 5, code: 413, sent: 1_048_576, total: 67_108_864 }]),
    );
    expect(live.uploadStopped).toEqual({ code: 413, sent: 1_048_576, total: 67_108_864 });
    const summary = {
      id: 'e1',
      method: 'PUT',
      url: 'http://x/',
      status: 'done' as const,
      code: 413,
      startedAt: 1,
      durationMs: 3,
      bytesSent: 1_048_700,
      bytesReceived: 80,
      uploadStopped: { code: 413, sent: 1_048_576, total: null },
    };
    expect(viewFromSummary(summary, { tx: new Uint8Array(), rx: new Uint8Array() }).uploadStopped).toEqual({
      code: 413,
      sent: 1_048_576,
      total: null,
    });
  });

  it('folds a batch in the time of the batch: long lists grow in place, each view has a higher revision', () => {
    const first = applyBatch(
      emptyView('e1'),
      batch(0, [
        {
          type: 'frames',
          t: 1,
          direction: 'rx',
          frames: [{ kind: 'chunk-size', start: 0, end: 3, size: 1, extensions: [] }],
        },
      ]),
    );
    const second = applyBatch(
      first,
      batch(1, [{ type: 'frames', t: 2, direction: 'rx', frames: [{ kind: 'chunk-data', start: 3, end: 4 }] }]),
    );
    expect(second.frames.rx).toBe(first.frames.rx);
    expect(second.frames.rx).toHaveLength(2);
    expect(second.revision).toBeGreaterThan(first.revision);
    expect(second).not.toBe(first);
  });

  it('counts frames the service left out, and takes them all from the capture, with the times it kept', () => {
    let view = applyBatch(
      emptyView('e1'),
      batch(0, [
        { type: 'started', t: 1000, method: 'GET', url: 'http://x/' },
        {
          type: 'frames',
          t: 1100,
          direction: 'rx',
          frames: [{ kind: 'chunk-size', start: 0, end: 3, size: 1, extensions: [] }],
        },
      ]),
    );
    view = applyBatch(view, { ...batch(1, []), framesDropped: 3 });
    expect(view.framesMissing).toBe(3);
    const captured: CapturedFrame[] = [
      { direction: 'rx', t: 100, kind: 'chunk-size', start: 0, end: 3, size: 1, extensions: [] },
      { direction: 'rx', t: 100, kind: 'chunk-data', start: 3, end: 4 },
      { direction: 'rx', t: 100, kind: 'chunk-end', start: 4, end: 6 },
      { direction: 'rx', t: 140, kind: 'chunk-size', start: 6, end: 9, size: 0, extensions: [] },
    ];
    const whole = withoutFrames(view);
    foldCapturedFrames(whole, captured);
    expect(whole.framesMissing).toBe(0);
    expect(whole.frames.rx).toHaveLength(4);
    expect(whole.frames.rx.at(0)).not.toHaveProperty('t');
    expect(whole.chunks.map((c) => [c.size, c.t, c.gap])).toEqual([
      [1, 1100, null],
      [0, 1140, 40],
    ]);
  });

  it('ignores batches of other exchanges and repeated ones', () => {
    const view = applyBatch(
      emptyView('e1'),
      batch(0, [{ type: 'end', t: 0, status: 'done', bytesSent: 0, bytesReceived: 0 }]),
    );
    expect(applyBatch(view, batch(0, [{ type: 'end', t: 0, status: 'error', bytesSent: 0, bytesReceived: 0 }]))).toBe(
      view,
    );
    expect(applyBatch(view, batch(5, [], 'other'))).toBe(view);
  });

  it('keeps a contiguous, bounded preview of each direction', () => {
    let view = emptyView('e1');
    view = applyBatch(view, batch(0, [{ type: 'bytes', t: 0, direction: 'rx', offset: 0, data: Uint8Array.of(1, 2) }]));
    view = applyBatch(
      view,
      batch(1, [
        { type: 'bytes', t: 0, direction: 'rx', offset: 2, data: Uint8Array.of(3) },
        { type: 'bytes', t: 0, direction: 'rx', offset: 10, data: Uint8Array.of(9) },
      ]),
    );
    expect([...view.preview.rx]).toEqual([1, 2, 3]);
    view = applyBatch(
      view,
      batch(2, [{ type: 'bytes', t: 0, direction: 'rx', offset: 3, data: new Uint8Array(PREVIEW_LIMIT) }]),
    );
    expect(view.preview.rx.length).toBe(PREVIEW_LIMIT);
  });
});

describe('viewFromSummary and foldCapturedFrames', () => {
  it('rebuilds heads, chunks and trailers of a past exchange from its frames, read page by page', () => {
    const view = viewFromSummary(
      {
        id: 'e9',
        method: 'GET',
        url: 'http://x/',
        status: 'done',
        code: 200,
        startedAt: 0,
        durationMs: 5,
        bytesSent: 30,
        bytesReceived: 90,
      },
      { tx: new Uint8Array(30), rx: new Uint8Array(90) },
    );
    const frames: CapturedFrame[] = [
      { direction: 'tx', kind: 'request-line', start: 0, end: 16, method: 'GET', target: '/', version: 'HTTP/1.1' },
      { direction: 'tx', kind: 'header', start: 16, end: 25, name: 'host', value: 'x' },
      { direction: 'tx', kind: 'head-end', start: 25, end: 27 },
      { direction: 'rx', kind: 'status-line', start: 0, end: 23, version: 'HTTP/1.1', code: 100, reason: 'Continue' },
      { direction: 'rx', kind: 'head-end', start: 23, end: 25 },
      { direction: 'rx', kind: 'status-line', start: 25, end: 42, version: 'HTTP/1.1', code: 200, reason: 'OK' },
      { direction: 'rx', kind: 'header', start: 42, end: 70, name: 'Transfer-Encoding', value: 'chunked' },
      { direction: 'rx', kind: 'head-end', start: 70, end: 72 },
      { direction: 'rx', t: 12.5, kind: 'chunk-size', start: 72, end: 75, size: 1, extensions: [] },
      { direction: 'rx', kind: 'chunk-data', start: 75, end: 76 },
      { direction: 'rx', kind: 'chunk-end', start: 76, end: 78 },
      { direction: 'rx', kind: 'chunk-size', start: 78, end: 81, size: 0, extensions: [] },
      { direction: 'rx', kind: 'trailer', start: 81, end: 88, name: 'T', value: 'v' },
      { direction: 'rx', kind: 'body-end', start: 88, end: 90 },
    ];
    // Two pages, split inside the final head.
    foldCapturedFrames(view, frames.slice(0, 7));
    foldCapturedFrames(view, frames.slice(7));
    expect(view.requestHeaders).toEqual([['host', 'x']]);
    expect(view.responseHeaders).toEqual([['Transfer-Encoding', 'chunked']]);
    expect([view.code, view.reason, view.status]).toEqual([200, 'OK', 'done']);
    expect(view.chunks.map((c) => [c.size, c.t])).toEqual([
      [1, 12.5],
      [0, 0],
    ]);
    expect(view.timings.started).toBe(0);
    expect(view.trailers).toEqual([{ name: 'T', value: 'v', offset: 81 }]);
    expect(view.frames.rx).toHaveLength(11);
  });

  it('keeps the newest event time, for the phases still under way', () => {
    const first = applyBatch(emptyView('e1'), batch(0, [{ type: 'started', t: 10, method: 'GET', url: 'http://a/' }]));
    const second = applyBatch(
      first,
      batch(1, [{ type: 'bytes', t: 42, direction: 'rx', offset: 0, data: new Uint8Array(3) }]),
    );
    expect([first.timings.latest, second.timings.latest]).toEqual([10, 42]);
  });
});
