import { appendFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Direction, Frame } from '../../shared/frames';
import type { CapturedFrame } from '../../shared/inspector-api';
import { CaptureStore } from './capture-store';
import { decodeBlock, FrameBlockEncoder } from './frame-codec';

let dataDir: string;
let store: CaptureStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'capture-store-'));
  store = new CaptureStore(dataDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const summary = (id: string) => ({
  id,
  method: 'GET',
  url: 'http://127.0.0.1/',
  status: 'running' as const,
  code: null,
  startedAt: 1,
  durationMs: null,
  bytesSent: 0,
  bytesReceived: 0,
});

/** A capture of `count` chunks' frames (size line, data, CRLF), written as the service writes them. */
async function captureWithChunks(id: string, count: number): Promise<CapturedFrame[]> {
  const writer = await store.create(id, summary(id));
  const frames: CapturedFrame[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    for (const frame of [
      { kind: 'chunk-size' as const, start: at, end: at + 4, size: 10, extensions: [] },
      { kind: 'chunk-data' as const, start: at + 4, end: at + 14 },
      { kind: 'chunk-end' as const, start: at + 14, end: at + 16 },
    ]) {
      writer.appendFrame('rx', frame, i);
      frames.push({ direction: 'rx', t: i, ...frame });
    }
    at += 16;
  }
  await writer.close();
  return frames;
}

describe('CaptureStore.readFrames', () => {
  it('reads every frame, in order, a page of whole blocks at a time', async () => {
    const written = await captureWithChunks('frames-1', 5000);
    const pages: CapturedFrame[][] = [];
    for (let cursor: number | null = 0; cursor !== null;) {
      const page = await store.readFrames('frames-1', cursor, 4096);
      pages.push(page.frames);
      cursor = page.next;
    }
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.flat()).toEqual(written);
    const streamed: CapturedFrame[] = [];
    for await (const frame of store.frames('frames-1')) streamed.push(frame);
    expect(streamed).toEqual(written);
  });

  it('reads a block longer than a page whole, and leaves a block still being written for later', async () => {
    const writer = await store.create('frames-2', summary('frames-2'));
    writer.appendFrame('rx', { kind: 'header', start: 0, end: 10, name: 'X', value: 'v'.repeat(5000) }, 1);
    await writer.close();
    const path = join(dataDir, 'captures', 'frames-2', 'frames.bin');
    const long = await store.readFrames('frames-2', 0, 100);
    expect(long.frames).toEqual([
      { direction: 'rx', t: 1, kind: 'header', start: 0, end: 10, name: 'X', value: 'v'.repeat(5000) },
    ]);
    expect(long.next).toBeNull();
    // A block whose length says more than the file holds yet (a write under way, or cut by a crash).
    appendFileSync(path, Uint8Array.of(200, 0, 0, 0, 1, 2, 3));
    const first = await store.readFrames('frames-2', 0, 100);
    expect(first.frames).toHaveLength(1);
    expect(first.next).toBe(statSync(path).size - 7);
    const partial = await store.readFrames('frames-2', first.next!, 100);
    expect(partial).toEqual({ frames: [], next: null });
  });

  it('still reads the JSON lines of captures from earlier versions, leaving out a torn last line', async () => {
    const directory = join(dataDir, 'captures', 'legacy-1');
    mkdirSync(directory, { recursive: true });
    const frames: CapturedFrame[] = [
      { direction: 'rx', t: 1.5, kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
      { direction: 'rx', t: 2, kind: 'head-end', start: 17, end: 19 },
    ];
    const whole = `${frames.map((f) => JSON.stringify(f)).join('\n')}\n`;
    writeFileSync(join(directory, 'frames.jsonl'), `${whole}{"direction":"rx","ki`);
    expect(await store.readFrames('legacy-1', 0)).toEqual({ frames, next: whole.length });
    expect(await store.readFrames('legacy-1', whole.length)).toEqual({ frames: [], next: null });
  });

  it("reads no file but a direction's, whatever the caller passes", async () => {
    await captureWithChunks('frames-4', 1);
    writeFileSync(join(dataDir, 'secret.bin'), 'secret');
    await expect(store.readBytes('frames-4', '../../secret' as Direction, 0, 6)).rejects.toThrow(
      /is not a direction \(tx or rx\)/,
    );
    expect(() => store.streamRaw('frames-4', '../../secret' as Direction)).toThrow(/is not a direction/);
    await expect(store.readBytes('../../x', 'rx', 0, 6)).rejects.toThrow(/is not an exchange id/);
  });

  it('refuses cursors that are not one of its pages', async () => {
    await captureWithChunks('frames-3', 1);
    await expect(store.readFrames('frames-3', -1)).rejects.toThrow(RangeError);
    await expect(store.readFrames('frames-3', 1.5)).rejects.toThrow(RangeError);
    await expect(store.readFrames('frames-3', 10_000)).rejects.toThrow(/past the end/);
    writeFileSync(join(dataDir, 'captures', 'frames-3', 'frames.bin'), '');
    expect(await store.readFrames('frames-3', 0)).toEqual({ frames: [], next: null });
  });
});

describe('frame blocks (frames.bin)', () => {
  const frames: Frame[] = [
    { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK "quoted" \\ é' },
    { kind: 'request-line', start: 0, end: 16, method: 'GET', target: '/a?b="c"', version: 'HTTP/1.1' },
    { kind: 'header', start: 17, end: 40, name: 'X-Odd', value: 'tab\there, control \u0001, ü, 😀' },
    {
      kind: 'header',
      start: 17,
      end: 50,
      name: 'X-Folded',
      value: 'a b',
      folds: [
        [30, 33],
        [40, 44],
      ],
    },
    { kind: 'head-end', start: 40, end: 42 },
    { kind: 'blank-line', start: 0, end: 2 },
    { kind: 'body', start: 42, end: 1042 },
    { kind: 'chunk-size', start: 42, end: 47, size: 4096, extensions: [] },
    {
      kind: 'chunk-size',
      start: 42,
      end: 70,
      size: Number.MAX_SAFE_INTEGER,
      extensions: [
        ['name', null],
        ['q', 'a "b"'],
        ['empty', ''],
      ],
    },
    { kind: 'chunk-data', start: 47, end: 4143 },
    { kind: 'chunk-end', start: 4143, end: 4145 },
    { kind: 'trailer', start: 4150, end: 4170, name: 'X-Sum', value: '3f "9a"' },
    { kind: 'body-end', start: 4170, end: 2 ** 40 },
    { kind: 'extraneous', start: 2 ** 40, end: 2 ** 40 + 7 },
  ];

  it('read back as the frames with their direction and time, for every kind, tiling or not, time going back or not', () => {
    const encoder = new FrameBlockEncoder();
    const times = [12.3456, 12.3456, 0, 0, 5e6, 5e6 + 0.01, 3, 3, 9.999, 1, 1, 2, 2, 4];
    frames.forEach((frame, i) => encoder.add(i % 3 === 0 ? 'tx' : 'rx', frame, times[i]!));
    const block = encoder.take()!;
    expect(encoder.take()).toBeNull();
    const out: CapturedFrame[] = [];
    decodeBlock(block, 0, out);
    expect(out).toEqual(
      frames.map((frame, i) => ({
        direction: i % 3 === 0 ? 'tx' : 'rx',
        t: Math.round(times[i]! * 100) / 100,
        ...frame,
      })),
    );
  });

  it('each block can be read alone (it starts with the whole state)', () => {
    const encoder = new FrameBlockEncoder();
    encoder.add('rx', { kind: 'body', start: 0, end: 100 }, 1);
    const first = encoder.take()!;
    encoder.add('rx', { kind: 'body', start: 100, end: 150 }, 2.5);
    const second = encoder.take()!;
    const out: CapturedFrame[] = [];
    decodeBlock(second, 0, out);
    expect(out).toEqual([{ direction: 'rx', t: 2.5, kind: 'body', start: 100, end: 150 }]);
    decodeBlock(first, 0, out);
    expect(out[1]).toEqual({ direction: 'rx', t: 1, kind: 'body', start: 0, end: 100 });
  });

  it('keeps one-byte chunks in well under 4x their wire bytes (JSON lines took 38x)', async () => {
    const writer = await store.create('tiny-1', summary('tiny-1'));
    const chunks = 100_000;
    let at = 0;
    for (let i = 0; i < chunks; i++) {
      const t = i * 0.003; // a chunk every 3 microseconds
      writer.appendFrame('rx', { kind: 'chunk-size', start: at, end: at + 3, size: 1, extensions: [] }, t);
      writer.appendFrame('rx', { kind: 'chunk-data', start: at + 3, end: at + 4 }, t);
      writer.appendFrame('rx', { kind: 'chunk-end', start: at + 4, end: at + 6 }, t);
      at += 6;
    }
    await writer.close();
    const ratio = statSync(join(dataDir, 'captures', 'tiny-1', 'frames.bin')).size / at;
    expect(ratio).toBeLessThan(4);
    expect(ratio).toBeLessThan(1.6);
    let count = 0;
    for await (const frame of store.frames('tiny-1')) if (frame.kind === 'chunk-data') count++;
    expect(count).toBe(chunks);
  });
});
