// Find in bytes over a capture file of BENCH_SEARCH_BYTES (1 GiB), against the floor: reading the
// same file in the same blocks and doing nothing with them. Case-sensitive search is Buffer's
// native indexOf; folded search lower-cases each block in JS first. Medians of runs that alternate
// between the three; ratios against the floor. Run by `npm run bench`.
import { openSync, closeSync, writeSync, mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findInFile, SEARCH_BLOCK } from '../main/exchange/capture-search';
import { median } from './median';

const BYTES = Number(process.env['BENCH_SEARCH_BYTES'] ?? 1024 * 1024 * 1024);
const RUNS = Number(process.env['BENCH_SEARCH_RUNS'] ?? 5);

async function readOnly(path: string): Promise<void> {
  const file = await open(path, 'r');
  const buffer = Buffer.allocUnsafe(SEARCH_BLOCK);
  try {
    for (let at = 0; ;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, at);
      if (bytesRead === 0) return;
      at += bytesRead;
    }
  } finally {
    await file.close();
  }
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-search-'));
  const path = join(folder, 'rx.bin');
  try {
    // Filler with the needle once, in the middle.
    const block = Buffer.alloc(16 * 1024 * 1024, 'The quick brown fox jumps over the lazy dog. ');
    const fd = openSync(path, 'w');
    for (let at = 0; at < BYTES; at += block.length) {
      const piece = block.subarray(0, Math.min(block.length, BYTES - at));
      if (at <= BYTES / 2 && BYTES / 2 < at + piece.length) {
        const marked = Buffer.from(piece);
        marked.write('>>> the needle <<<', BYTES / 2 - at);
        writeSync(fd, marked);
      } else writeSync(fd, piece);
    }
    closeSync(fd);
    const runs: Record<string, number[]> = {
      'read only (floor)': [],
      'find, case sensitive': [],
      'find, case folded': [],
    };
    const needle = Buffer.from('>>> THE NEEDLE <<<');
    for (let run = 0; run < RUNS; run++) {
      for (const name of Object.keys(runs)) {
        const started = performance.now();
        if (name.startsWith('read')) await readOnly(path);
        else {
          // The file holds the needle in small letters: case sensitive scans it all and finds none.
          const result = await findInFile(path, needle, !name.endsWith('folded'));
          const expected = name.endsWith('folded') ? 1 : 0;
          if (result.count !== expected) throw new Error(`${name}: ${result.count} matches, expected ${expected}`);
        }
        runs[name]!.push((performance.now() - started) / 1000);
      }
    }
    const floor = median(runs['read only (floor)']!);
    for (const [name, seconds] of Object.entries(runs)) {
      const m = median(seconds);
      console.log(
        `  ${name.padEnd(22)} ${m.toFixed(2)} s for ${(BYTES / 2 ** 20).toFixed(0)} MiB  ${(m / floor).toFixed(2)}x the floor`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

void main();
