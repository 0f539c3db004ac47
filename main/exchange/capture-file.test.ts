import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueuedCaptureFile, CaptureWriteError, type CaptureFile, type WaterMarks } from './capture-file';
import { DirectCaptureFile, IDLE_MS, MAX_TAIL_WAIT_MS, openByteCaptureFile } from './capture-file-direct';
import type { CapturedFrame } from '../../shared/inspector-api';
import { CaptureStore, CaptureWriter } from './capture-store';
import { decodeBlock } from './frame-codec';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capture-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Linux's /dev/full refuses every write with ENOSPC: a real full disk, without filling one. */
const FULL_DISK = '/dev/full';
const fullDisk = existsSync(FULL_DISK) ? it : it.skip;
/** Pieces are up to a little over this, so that some cross many writes. */
const BLOCK_SIZE = 1024 * 1024;

/** Pieces of every size from 1 byte to over a block, filled so that any byte out of place shows. */
function pieces(count: number): Uint8Array[] {
  let seed = 7;
  return Array.from({ length: count }, (_, i) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const length = i % 5 === 0 ? BLOCK_SIZE + (seed % 5000) : 1 + (seed % 100_000);
    return Uint8Array.from({ length }, (_, k) => (i * 31 + k * 7) & 0xff);
  });
}

const concat = (parts: Uint8Array[]) => Buffer.concat(parts);

/** Both ways of writing a capture file; the direct one where this file system allows O_DIRECT. */
const KINDS: Array<[string, (path: string, marks?: WaterMarks) => Promise<CaptureFile | null>]> = [
  ['QueuedCaptureFile', (path, marks) => QueuedCaptureFile.create(path, marks)],
  ['DirectCaptureFile', (path, marks) => DirectCaptureFile.open(path, marks)],
];

/** A capture file of one kind, or a clear failure where this file system refuses the direct kind. */
async function opened(make: (typeof KINDS)[number][1], path: string, marks?: WaterMarks): Promise<CaptureFile> {
  const file = await make(path, marks);
  if (file === null)
    throw new Error(
      `${tmpdir()} does not take O_DIRECT here: the direct capture file cannot be tested on this file system`,
    );
  return file;
}

describe.each(KINDS)('%s', (_name, make) => {
  const create = (path: string, marks?: WaterMarks) => opened(make, path, marks);

  it('writes every appended byte, in order, across many appends and writes', async () => {
    const file = await create(join(dir, 'rx.bin'), { high: 4096, low: 1024 });
    const expected: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const piece = Uint8Array.from({ length: (i * 37) % 300 }, (_, k) => (i + k) & 0xff);
      file.append(piece);
      expected.push(...piece);
      if (file.needsDrain) await file.drained();
    }
    await file.close();
    expect([...readFileSync(join(dir, 'rx.bin'))]).toEqual(expected);
  });

  it('asks to wait past the high water mark, and lets the producer go on once under the low one', async () => {
    const file = await create(join(dir, 'rx.bin'), { high: 64 * 1024, low: 16 * 1024 });
    for (let i = 0; i < 40; i++) file.append(new Uint8Array(4096));
    expect(file.pending).toBe(40 * 4096);
    expect(file.needsDrain).toBe(true);
    await file.drained();
    expect(file.pending).toBeLessThanOrEqual(16 * 1024);
    expect(file.needsDrain).toBe(false);
    await file.close();
    expect(file.pending).toBe(0);
    expect(readFileSync(join(dir, 'rx.bin')).length).toBe(40 * 4096);
  });

  it('refuses water marks that are not low < high', async () => {
    await expect(make(join(dir, 'x.bin'), { high: 10, low: 10 })).rejects.toThrow(RangeError);
  });

  it('writes pieces across many blocks, keeping in memory (held) exactly what is not on disk yet', async () => {
    const path = join(dir, 'rx.bin');
    const file = await create(path, { high: 8 * BLOCK_SIZE, low: BLOCK_SIZE });
    const parts = pieces(40);
    const expected = concat(parts);
    let appended = 0;
    for (const part of parts) {
      file.append(part);
      appended += part.length;
      const held = file.held(0, appended);
      expect(held.from + held.bytes.length).toBe(appended);
      // What is on disk up to held.from is exactly what was appended (the rest may be on its way).
      expect(readFileSync(path).subarray(0, held.from).equals(expected.subarray(0, held.from))).toBe(true);
      expect(Buffer.from(held.bytes).equals(expected.subarray(held.from, appended))).toBe(true);
      if (file.needsDrain) await file.drained();
    }
    await file.close();
    expect(readFileSync(path).equals(expected)).toBe(true);
  });
});

describe('QueuedCaptureFile', () => {
  fullDisk('reports a full disk as a CaptureWriteError from drained() and close(), naming the file', async () => {
    const file = await QueuedCaptureFile.create(FULL_DISK, { high: 1024, low: 0 });
    file.append(new Uint8Array(4096));
    const error = await file.drained().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CaptureWriteError);
    expect(error).toMatchObject({ code: 'ERR_CAPTURE_WRITE' });
    expect((error as Error).message).toMatch(/\/dev\/full: .*(ENOSPC|space)/);
    expect(file.needsDrain).toBe(true);
    await expect(file.close()).rejects.toBeInstanceOf(CaptureWriteError);
  });
});

describe('DirectCaptureFile', () => {
  it('puts a partial block on disk once appends stop for IDLE_MS, and still writes the whole block when it fills', async () => {
    const path = join(dir, 'rx.bin');
    const file = (await DirectCaptureFile.open(path))!;
    const parts = pieces(3);
    file.append(parts[0]!.subarray(0, 1000));
    expect(readFileSync(path).length).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 300));
    expect(readFileSync(path).equals(parts[0]!.subarray(0, 1000))).toBe(true);
    const held = file.held(0, 1000);
    expect([held.from, held.bytes.length]).toEqual([1000, 0]);
    file.append(parts[0]!.subarray(1000));
    file.append(parts[1]!);
    file.append(parts[2]!);
    await file.close();
    expect(readFileSync(path).equals(concat(parts))).toBe(true);
  });

  it("puts a steady stream's partial block on disk within MAX_TAIL_WAIT_MS, though appends never stop", async () => {
    const path = join(dir, 'rx.bin');
    const file = (await DirectCaptureFile.open(path))!;
    const bytes = pieces(1)[0]!;
    let at = 0;
    const started = performance.now();
    // A piece every 50 ms: never IDLE_MS of quiet.
    while (performance.now() - started < MAX_TAIL_WAIT_MS + 300) {
      file.append(bytes.subarray(at, at + 100));
      at += 100;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const onDisk = readFileSync(path);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(onDisk.equals(bytes.subarray(0, onDisk.length))).toBe(true);
    await file.close();
    expect(readFileSync(path).equals(bytes.subarray(0, at))).toBe(true);
  });

  it('lets a waiting producer go on when only its partial block holds it above the low water mark', async () => {
    const path = join(dir, 'rx.bin');
    const file = (await DirectCaptureFile.open(path, { high: 100, low: 50 }))!;
    // The idle timer stays still, so only the writer's own logic can end the waits.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      file.append(new Uint8Array(200).fill(1));
      const first = file.drained(); // writes the partial block out
      file.append(new Uint8Array(100).fill(2)); // while that write is under way
      const second = file.drained();
      await Promise.all([first, second]);
      expect(file.pending).toBeLessThanOrEqual(50);
      await file.close();
    } finally {
      vi.useRealTimers();
    }
    expect(readFileSync(path).equals(Buffer.concat([Buffer.alloc(200, 1), Buffer.alloc(100, 2)]))).toBe(true);
  });

  it('hands its blocks to the next file with nothing of the last left in them', async () => {
    const first = (await DirectCaptureFile.open(join(dir, 'a.bin')))!;
    const big = concat(pieces(2));
    first.append(big);
    await first.close();
    const second = (await DirectCaptureFile.open(join(dir, 'b.bin')))!;
    second.append(new Uint8Array(100).fill(0x2a));
    await second.close();
    expect(readFileSync(join(dir, 'a.bin')).equals(big)).toBe(true);
    expect(readFileSync(join(dir, 'b.bin')).equals(Buffer.alloc(100, 0x2a))).toBe(true);
  });

  it('is not used where the file refuses O_DIRECT: the byte file goes through the page cache', async () => {
    if (!existsSync(FULL_DISK)) return; // /dev/full (Linux) is the file here that refuses it
    expect(await DirectCaptureFile.open(FULL_DISK)).toBeNull();
    expect(await openByteCaptureFile(FULL_DISK)).toBeInstanceOf(QueuedCaptureFile);
  });

  it('reports a direct write the system refuses (a file size limit) as a CaptureWriteError', () => {
    // A real refusal in a child process: `ulimit -f` caps file size at 3 MiB (Node ignores SIGXFSZ, so
    // the write past it fails with EFBIG).
    const module = join(__dirname, 'capture-file-direct.ts');
    const script = `
      const loaded = await import(${JSON.stringify(module)});
      const { DirectCaptureFile } = loaded.DirectCaptureFile ? loaded : loaded.default;
      const file = await DirectCaptureFile.open(${JSON.stringify(join(dir, 'limited.bin'))}, { high: 2 * 1024 * 1024, low: 1024 * 1024 });
      let failure = null;
      try {
        for (let i = 0; i < 96; i++) {
          file.append(new Uint8Array(64 * 1024).fill(i));
          if (file.needsDrain) await file.drained();
        }
      } catch (error) { failure = error; }
      try { await file.close(); } catch (error) { failure ??= error; }
      console.log(JSON.stringify({ name: failure?.name, code: failure?.code, message: failure?.message }));`;
    const result = spawnSync(
      'bash',
      ['-c', 'ulimit -f 3072 && exec "$0" --import tsx --input-type=module -e "$1"', process.execPath, script],
      { encoding: 'utf8', cwd: join(__dirname, '..', '..') },
    );
    expect(result.stderr).toBe('');
    const failure = JSON.parse(result.stdout) as { name: string; code: string; message: string };
    expect(failure).toMatchObject({ name: 'CaptureWriteError', code: 'ERR_CAPTURE_WRITE' });
    expect(failure.message).toMatch(/limited\.bin: .*EFBIG/);
    expect(readFileSync(join(dir, 'limited.bin')).length).toBeLessThanOrEqual(3 * 1024 * 1024);
  });
});

describe('reading a capture being written', () => {
  it('CaptureStore.readBytes gives every byte received so far, from disk and from memory', async () => {
    const store = new CaptureStore(dir, { high: 2 * BLOCK_SIZE, low: BLOCK_SIZE });
    const writer = await store.create('live-01', { id: 'live-01' } as never);
    const parts = pieces(12);
    const expected = concat(parts);
    let appended = 0;
    for (const part of parts) {
      writer.appendBytes('rx', part);
      appended += part.length;
      // Ranges at the start, across the end of what is on disk, and at the newest byte, at once.
      for (const [start, end] of [
        [0, 1000],
        [Math.max(0, appended - BLOCK_SIZE - 777), appended - 5],
        [appended - 1, appended + 100],
      ] as const) {
        const got = await store.readBytes('live-01', 'rx', start, end);
        expect(Buffer.from(got).equals(expected.subarray(start, Math.min(end, appended)))).toBe(true);
      }
      if (writer.needsDrain) await writer.drained();
    }
    await writer.close();
    const whole = await store.readBytes('live-01', 'rx', BLOCK_SIZE - 10, BLOCK_SIZE * 3);
    expect(Buffer.from(whole).equals(expected.subarray(BLOCK_SIZE - 10, BLOCK_SIZE * 3))).toBe(true);
  });

  it.each(KINDS)('%s.held() holds exactly the bytes not yet on disk, and none once closed', async (_name, make) => {
    const file = await opened(make, join(dir, 'rx.bin'), { high: 8 * BLOCK_SIZE, low: BLOCK_SIZE });
    const parts = pieces(10);
    const expected = concat(parts);
    for (const part of parts) file.append(part);
    const held = file.held(0, expected.length);
    expect(held.bytes.length).toBeGreaterThan(0);
    const onDisk = readFileSync(join(dir, 'rx.bin')).subarray(0, held.from);
    expect(Buffer.concat([onDisk, held.bytes]).equals(expected)).toBe(true);
    expect(
      Buffer.from(file.held(held.from + 10, held.from + 20).bytes).equals(
        expected.subarray(held.from + 10, held.from + 20),
      ),
    ).toBe(true);
    await file.close();
    const after = file.held(0, expected.length);
    expect([after.from, after.bytes.length]).toEqual([expected.length, 0]);
  });
});

describe('CaptureWriter', () => {
  it('keeps both directions and the frames, and writes the frame lines out when closed', async () => {
    const writer = await CaptureWriter.open(dir);
    writer.appendBytes('tx', new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    writer.appendBytes('rx', new TextEncoder().encode('HTTP/1.1 204 No Content\r\n\r\n'));
    writer.appendFrame(
      'rx',
      { kind: 'status-line', start: 0, end: 25, version: 'HTTP/1.1', code: 204, reason: 'No Content' },
      12.345,
    );
    await writer.close();
    expect(readFileSync(join(dir, 'tx.bin'), 'latin1')).toBe('GET / HTTP/1.1\r\n\r\n');
    expect(readFileSync(join(dir, 'rx.bin'), 'latin1')).toBe('HTTP/1.1 204 No Content\r\n\r\n');
    const frames: CapturedFrame[] = [];
    decodeBlock(readFileSync(join(dir, 'frames.bin')), 0, frames);
    expect(frames).toEqual([
      {
        direction: 'rx',
        t: 12.35,
        kind: 'status-line',
        start: 0,
        end: 25,
        version: 'HTTP/1.1',
        code: 204,
        reason: 'No Content',
      },
    ]);
  });

  fullDisk('throws from close() when one of its files could not be written', async () => {
    symlinkSync(FULL_DISK, join(dir, 'rx.bin'));
    const writer = await CaptureWriter.open(dir);
    writer.appendBytes('rx', new Uint8Array(1000));
    await expect(writer.close()).rejects.toMatchObject({ code: 'ERR_CAPTURE_WRITE' });
  });
});
