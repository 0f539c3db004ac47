// Every ERR_* code in the source is in shared/error-codes.ts, and every code listed there is used.
import { describe, expect, it } from 'vitest';

describe('error codes', () => {
  it('lists every code thrown anywhere in the source once, and nothing the source never uses', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ERROR_CODES } = await import('../shared/error-codes');
    const root = join(__dirname, '..');
    const used = new Set<string>();
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && entry.name !== 'error-codes.ts') {
          for (const match of readFileSync(path, 'utf8').matchAll(/'(ERR_[A-Z0-9_]+)'/g)) used.add(match[1]!);
        }
      }
    };
    for (const dir of ['main', 'shared', 'renderer']) walk(join(root, dir));
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect([...used].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
    expect(ERROR_CODES.filter((code) => !used.has(code))).toEqual([]);
  });
});
