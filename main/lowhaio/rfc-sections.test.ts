// Every RFC 9112 section the core cites in its errors has a title in the Explain panel's table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RFC9112_TITLES } from '../../shared/rfc-quotes';

describe('RFC 9112 sections cited by errors', () => {
  it('each has a title the Explain panel can show', () => {
    const cited = new Set<string>();
    for (const name of readdirSync(__dirname)) {
      if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
      const source = readFileSync(join(__dirname, name), 'utf8');
      // `section: '7.1'` (unless another RFC is named next to it) and `rfc9112Section: '8'`.
      for (const match of source.matchAll(/[sS]ection: '([\d.]+)'(?!,\s*rfc:)/g)) cited.add(match[1]!);
    }
    expect(cited.size).toBeGreaterThan(5);
    for (const section of cited) expect(RFC9112_TITLES[section], `section ${section}`).toBeDefined();
  });
});
