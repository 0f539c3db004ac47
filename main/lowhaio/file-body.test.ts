// fileBody() over real files: every byte once and in order, in whole pieces; a range; a file that
// shrinks while it is read; a consumer that stops early; a handle the caller keeps.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileBody } from './file-body';

const dir = mkdtempSync(join(tmpdir(), 'file-body-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pattern(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 7 + (i >> 8)) & 0xff;
  return bytes;
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const pieces: Uint8Array[] = [];
  for await (const piece of source) pieces.push(piece);
  return pieces;
}

describe('fileBody', () => {
  it('gives every byte once, in order, in pieces of pieceSize, with reads ahead of the consumer', async () => {
    const bytes = pattern(10 * 4096 + 123);
    const path = join(dir, 'whole.bin');
    writeFileSync(path, bytes);
    for (const readAhead of [1, 2, 5]) {
      const pieces = await collect(fileBody(path, { pieceSize: 4096, readAhead }));
      expect(pieces.map((piece) => piece.length)).toEqual([...Array<number>(10).fill(4096), 123]);
      expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
      // Each piece is its own buffer (none reused under a consumer that keeps them).
      expect(new Set(pieces.map((piece) => piece.buffer)).size).toBe(pieces.length);
    }
  });

  it('sends only [start, end) and nothing of an empty range or file', async () => {
    const bytes = pattern(50_000);
    const path = join(dir, 'range.bin');
    writeFileSync(path, bytes);
    expect(
      Buffer.concat(await collect(fileBody(path, { start: 1000, end: 31_000, pieceSize: 7000 }))).equals(
        bytes.subarray(1000, 31_000),
      ),
    ).toBe(true);
    expect(await collect(fileBody(path, { start: 5, end: 5 }))).toEqual([]);
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    expect(await collect(fileBody(empty))).toEqual([]);
  });

  it('ends early when the file shrinks after its size was taken', async () => {
    const path = join(dir, 'shrinks.bin');
    writeFileSync(path, pattern(100_000));
    const source = fileBody(path, { pieceSize: 10_000, readAhead: 1, end: 100_000 });
    const first = await source.next();
    expect(first.value).toHaveLength(10_000);
    truncateSync(path, 25_000);
    const rest = await collect({ [Symbol.asyncIterator]: () => source });
    expect(10_000 + rest.reduce((sum, piece) => sum + piece.length, 0)).toBe(25_000);
  });

  it('closes a file it opened when the consumer stops, and leaves a handle of the caller open', async () => {
    const path = join(dir, 'stop.bin');
    writeFileSync(path, pattern(64 * 1024));
    const handle = await open(path, 'r');
    try {
      for await (const piece of fileBody(handle, { pieceSize: 1024, readAhead: 4 })) {
        expect(piece).toHaveLength(1024);
        break;
      }
      // The caller's handle still reads.
      const { bytesRead } = await handle.read(Buffer.alloc(10), 0, 10, 0);
      expect(bytesRead).toBe(10);
    } finally {
      await handle.close();
    }
  });

  it('refuses a piece size or read-ahead that is not a whole number above 0', async () => {
    const path = join(dir, 'options.bin');
    writeFileSync(path, 'x');
    await expect(collect(fileBody(path, { pieceSize: 0 }))).rejects.toThrow(
      /pieceSize must be a whole number of bytes above 0, not 0/,
    );
    await expect(collect(fileBody(path, { readAhead: 1.5 }))).rejects.toThrow(
      /readAhead must be a whole number above 0, not 1.5/,
    );
  });

  it('fails with the read error of a file it cannot open', async () => {
    await expect(collect(fileBody(join(dir, 'missing.bin')))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
