import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/frames';
import type { CapturedFrame } from '../../shared/inspector-api';
import { CaptureStore, frameLine } from './capture-store';

let dataDir: string;
let store: CaptureStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'capture-store-'));
  store = new CaptureStore(dataDir);
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const summary = (id: string) => ({ id, method: 'GET', url: 'http://127.0.0.1/', status: 'running' as const, code: null, startedAt: 1, durationMs: null, bytesSent: 0, bytesReceived: 0 });

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
  it('reads every frame, in order, a page of whole lines at a time', async () => {
    const written = await captureWithChunks('frames-1', 5000);
    const pages: CapturedFrame[][] = [];
    for (let cursor: number | null = 0; cursor !== null; ) {
      const page = await store.readFrames('frames-1', cursor, 64 * 1024);
      pages.push(page.frames);
      cursor = page.next;
    }
    expect(pages.length).toBeGreaterThan(5);
    expect(pages.flat()).toEqual(written);
    const streamed: CapturedFrame[] = [];
    for await (const frame of store.frames('frames-1')) streamed.push(frame);
    expect(streamed).toEqual(written);
  });

  it('reads a line longer than a page whole, and leaves a line still being written for later', async () => {
    const writer = await store.create('frames-2', summary('frames-2'));
    writer.appendFrame('rx', { kind: 'header', start: 0, end: 10, name: 'X', value: 'v'.repeat(5000) }, 1);
    await writer.close();
    const path = join(dataDir, 'captures', 'frames-2', 'frames.jsonl');
    const long = await store.readFrames('frames-2', 0, 100);
    expect(long.frames).toHaveLength(1);
    expect(long.next).toBeNull();
    appendFileSync(path, '{"direction":"rx","kind":"bo');
    const first = await store.readFrames('frames-2', 0, 100);
    expect(first.frames).toHaveLength(1);
    expect(first.next).toBeGreaterThan(5000);
    const partial = await store.readFrames('frames-2', first.next!, 100);
    expect(partial).toEqual({ frames: [], next: null });
  });

  it('refuses cursors that are not one of its pages', async () => {
    await captureWithChunks('frames-3', 1);
    await expect(store.readFrames('frames-3', -1)).rejects.toThrow(RangeError);
    await expect(store.readFrames('frames-3', 1.5)).rejects.toThrow(RangeError);
    await expect(store.readFrames('frames-3', 10_000)).rejects.toThrow(/past the end/);
    writeFileSync(join(dataDir, 'captures', 'frames-3', 'frames.jsonl'), '');
    expect(await store.readFrames('frames-3', 0)).toEqual({ frames: [], next: null });
  });
});

describe('frameLine', () => {
  const frames: Frame[] = [
    { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK "quoted" \\ é' },
    { kind: 'request-line', start: 0, end: 16, method: 'GET', target: '/a?b="c"', version: 'HTTP/1.1' },
    { kind: 'header', start: 17, end: 40, name: 'X-Odd', value: 'tab\there, control \u0001, ü' },
    { kind: 'head-end', start: 40, end: 42 },
    { kind: 'blank-line', start: 0, end: 2 },
    { kind: 'body', start: 42, end: 1042 },
    { kind: 'chunk-size', start: 42, end: 47, size: 4096, extensions: [] },
    { kind: 'chunk-size', start: 42, end: 70, size: 16, extensions: [['name', null], ['q', 'a "b"']] },
    { kind: 'chunk-data', start: 47, end: 4143 },
    { kind: 'chunk-end', start: 4143, end: 4145 },
    { kind: 'trailer', start: 4150, end: 4170, name: 'X-Sum', value: '3f "9a"' },
    { kind: 'body-end', start: 4170, end: 4172 },
  ];

  it('is one line of JSON that reads back as the frame with its direction and time, for every kind', () => {
    for (const frame of frames) {
      const line = frameLine('rx', frame, 12.3456);
      expect(line.endsWith('\n')).toBe(true);
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(JSON.parse(line)).toEqual({ direction: 'rx', t: 12.35, ...frame });
    }
  });
});
