import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findInFile, MAX_FIND_OFFSETS, SEARCH_BLOCK } from './capture-search';

const folder = mkdtempSync(join(tmpdir(), 'inspector-search-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
function file(bytes: Uint8Array | string): string {
  const path = join(folder, `${files++}.bin`);
  writeFileSync(path, bytes);
  return path;
}
const bytes = (text: string) => new TextEncoder().encode(text);

describe('findInFile', () => {
  it('finds every match, overlapping ones too, and the first offsets from a start', async () => {
    const path = file('aaa-xaa-aa');
    expect(await findInFile(path, bytes('aa'), true)).toEqual({
      count: 4,
      before: 0,
      offsets: [0, 1, 5, 8],
      searched: 10,
    });
    expect(await findInFile(path, bytes('aa'), true, 2)).toMatchObject({ count: 4, before: 2, offsets: [5, 8] });
    expect(await findInFile(path, bytes('zz'), true)).toEqual({ count: 0, before: 0, offsets: [], searched: 10 });
  });

  it('finds a match across the boundary of two blocks, once', async () => {
    const content = Buffer.alloc(SEARCH_BLOCK * 2 + 100, 0x2e);
    content.write('NEEDLE', SEARCH_BLOCK - 3, 'latin1');
    content.write('NEEDLE', SEARCH_BLOCK * 2 + 10, 'latin1');
    const result = await findInFile(file(content), bytes('NEEDLE'), true);
    expect(result).toEqual({
      count: 2,
      before: 0,
      offsets: [SEARCH_BLOCK - 3, SEARCH_BLOCK * 2 + 10],
      searched: content.length,
    });
  });

  it('folds ASCII letters when asked, and only those', async () => {
    const path = file(Buffer.from('Content-Length CONTENT-length É é', 'utf8'));
    expect((await findInFile(path, bytes('content-length'), false)).count).toBe(2);
    expect((await findInFile(path, bytes('content-length'), true)).count).toBe(0);
    expect((await findInFile(path, bytes('é'), false)).count).toBe(1);
  });

  it('counts a million matches but answers with a page of offsets', async () => {
    const path = file(Buffer.alloc(1_000_000, 0x0a));
    const result = await findInFile(path, Uint8Array.of(0x0a), true);
    expect(result.count).toBe(1_000_000);
    expect(result.offsets).toHaveLength(MAX_FIND_OFFSETS);
    expect(result.offsets[MAX_FIND_OFFSETS - 1]).toBe(MAX_FIND_OFFSETS - 1);
  });

  it('refuses an empty pattern', async () => {
    await expect(findInFile(file('x'), new Uint8Array(0), true)).rejects.toThrow('the pattern is empty');
  });
});
