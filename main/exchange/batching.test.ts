import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { BatchCoalescer, summarize } from './batching';

function collector() {
  const batches: ExchangeBatch[] = [];
  return { batches, sink: (batch: ExchangeBatch) => batches.push(batch) };
}

describe('BatchCoalescer', () => {
  it('sends the events of one turn as one batch at once, then at most one batch per flushMs, numbered in order', async () => {
    const { batches, sink } = collector();
    const coalescer = new BatchCoalescer('x1', sink, { flushMs: 200, previewBytes: 1000, maxFrames: 100 });
    for (let i = 0; i < 50; i++) coalescer.addFrame('rx', { kind: 'body', start: i, end: i + 1 }, i);
    expect(batches).toHaveLength(0);
    await sleep(5);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events).toHaveLength(1);
    expect(batches[0]!.events[0]).toMatchObject({ type: 'frames', direction: 'rx' });
    // The next events wait for the rest of the interval.
    coalescer.addFrame('rx', { kind: 'body', start: 50, end: 51 }, 50);
    await sleep(50);
    expect(batches).toHaveLength(1);
    await sleep(200);
    expect(batches).toHaveLength(2);
    coalescer.add({ type: 'end', t: 0, status: 'done', bytesSent: 0, bytesReceived: 50 });
    coalescer.flush();
    expect(batches.map((b) => [b.exchangeId, b.seq])).toEqual([
      ['x1', 0],
      ['x1', 1],
      ['x1', 2],
    ]);
  });

  it('previews the first bytes of each direction only, and counts what it left out', () => {
    const { batches, sink } = collector();
    const coalescer = new BatchCoalescer('x2', sink, { flushMs: 1000, previewBytes: 100, maxFrames: 100 });
    coalescer.addBytes('rx', 0, new Uint8Array(80), 1);
    coalescer.addBytes('rx', 80, new Uint8Array(80), 2);
    coalescer.addBytes('rx', 160, new Uint8Array(80), 3);
    coalescer.addBytes('tx', 0, new Uint8Array(30), 4);
    coalescer.flush();
    const [batch] = batches;
    const previews = batch!.events.flatMap((e) => (e.type === 'bytes' ? [[e.offset, e.data.length]] : []));
    expect(previews).toEqual([
      [0, 80],
      [80, 20],
      [0, 30],
    ]);
    expect(batch!.previewDropped).toBe(140);
    expect(batch!.totals).toEqual({ tx: 30, rx: 240 });
    coalescer.addBytes('rx', 240, new Uint8Array(10), 5);
    coalescer.flush();
    expect(batches[1]!.events).toEqual([]);
    expect(batches[1]!.previewDropped).toBe(10);
  });

  it('bounds frames per batch, keeps only the latest progress, and copies previews', () => {
    const { batches, sink } = collector();
    const coalescer = new BatchCoalescer('x3', sink, { flushMs: 1000, previewBytes: 10, maxFrames: 2 });
    for (let i = 0; i < 5; i++) coalescer.addFrame('tx', { kind: 'body', start: i, end: i + 1 }, i);
    coalescer.add({ type: 'progress', t: 1, sent: 10, total: 100, bytesPerSecond: 5 });
    coalescer.add({ type: 'progress', t: 2, sent: 20, total: 100, bytesPerSecond: 5 });
    const data = Uint8Array.of(1, 2, 3);
    coalescer.addBytes('tx', 0, data, 3);
    data[0] = 9;
    coalescer.flush();
    const [batch] = batches;
    expect(batch!.framesDropped).toBe(3);
    expect(batch!.events.filter((e) => e.type === 'progress')).toEqual([
      { type: 'progress', t: 2, sent: 20, total: 100, bytesPerSecond: 5 },
    ]);
    expect(batch!.events.find((e) => e.type === 'bytes')).toMatchObject({ data: Uint8Array.of(1, 2, 3) });
  });

  it('past the frame bound, still sends chunk-size frames (up to as many again) and counts the rest', () => {
    const { batches, sink } = collector();
    const coalescer = new BatchCoalescer('x4', sink, { flushMs: 1000, previewBytes: 10, maxFrames: 3 });
    for (let i = 0; i < 6; i++) {
      coalescer.addFrame('rx', { kind: 'chunk-size', start: i * 10, end: i * 10 + 3, size: 5, extensions: [] }, i);
      coalescer.addFrame('rx', { kind: 'chunk-data', start: i * 10 + 3, end: i * 10 + 8 }, i);
    }
    coalescer.flush();
    const sent = batches[0]!.events.flatMap((e) =>
      e.type === 'frames' ? e.frames.map((f) => `${f.kind}@${f.start}`) : [],
    );
    // Three frames of any kind, then size lines only, three more.
    expect(sent).toEqual([
      'chunk-size@0',
      'chunk-data@3',
      'chunk-size@10',
      'chunk-size@20',
      'chunk-size@30',
      'chunk-size@40',
    ]);
    expect(batches[0]!.framesDropped).toBe(6);
  });
});

describe('summarize', () => {
  it('drops previews and frames but keeps the rest, counting what it dropped', () => {
    const batch: ExchangeBatch = {
      exchangeId: 'x',
      seq: 3,
      t: 0,
      totals: { tx: 10, rx: 100 },
      previewDropped: 5,
      framesDropped: 1,
      events: [
        { type: 'bytes', t: 0, direction: 'rx', offset: 0, data: new Uint8Array(40) },
        { type: 'frames', t: 0, direction: 'rx', frames: [{ kind: 'body', start: 0, end: 40 }] },
        { type: 'progress', t: 0, sent: 1, total: 2, bytesPerSecond: 3 },
      ],
    };
    expect(summarize(batch)).toEqual({ ...batch, previewDropped: 45, framesDropped: 2, events: [batch.events[2]] });
  });
});
