import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CaptureFile, CaptureWriteError } from './capture-file';
import { CaptureWriter } from './capture-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'capture-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Linux's /dev/full refuses every write with ENOSPC: a real full disk, without filling one. */
const FULL_DISK = '/dev/full';
const fullDisk = existsSync(FULL_DISK) ? it : it.skip;

describe('CaptureFile', () => {
  it('writes every appended byte, in order, across many appends and writes', async () => {
    const file = await CaptureFile.create(join(dir, 'rx.bin'), { high: 4096, low: 1024 });
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
    const file = await CaptureFile.create(join(dir, 'rx.bin'), { high: 64 * 1024, low: 16 * 1024 });
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
    await expect(CaptureFile.create(join(dir, 'x.bin'), { high: 10, low: 10 })).rejects.toThrow(RangeError);
  });

  fullDisk('reports a full disk as a CaptureWriteError from drained() and close(), naming the file', async () => {
    const file = await CaptureFile.create(FULL_DISK, { high: 1024, low: 0 });
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

describe('CaptureWriter', () => {
  it('keeps both directions and the frames, and writes the frame lines out when closed', async () => {
    const writer = await CaptureWriter.open(dir);
    writer.appendBytes('tx', new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    writer.appendBytes('rx', new TextEncoder().encode('HTTP/1.1 204 No Content\r\n\r\n'));
    writer.appendFrame('rx', { kind: 'status-line', start: 0, end: 25, version: 'HTTP/1.1', code: 204, reason: 'No Content' }, 12.345);
    await writer.close();
    expect(readFileSync(join(dir, 'tx.bin'), 'latin1')).toBe('GET / HTTP/1.1\r\n\r\n');
    expect(readFileSync(join(dir, 'rx.bin'), 'latin1')).toBe('HTTP/1.1 204 No Content\r\n\r\n');
    expect(readFileSync(join(dir, 'frames.jsonl'), 'utf8')).toBe('{"direction":"rx","t":12.35,"kind":"status-line","start":0,"end":25,"version":"HTTP/1.1","code":204,"reason":"No Content"}\n');
  });

  fullDisk('throws from close() when one of its files could not be written', async () => {
    symlinkSync(FULL_DISK, join(dir, 'rx.bin'));
    const writer = await CaptureWriter.open(dir);
    writer.appendBytes('rx', new Uint8Array(1000));
    await expect(writer.close()).rejects.toMatchObject({ code: 'ERR_CAPTURE_WRITE' });
  });
});
