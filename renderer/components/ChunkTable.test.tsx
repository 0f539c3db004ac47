import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChunkRow } from '../store/exchange-view';
import { ChunkTable } from './ChunkTable';

describe('ChunkTable', () => {
  it('keeps only the rows in view in the DOM, however many chunks there are', () => {
    const chunks: ChunkRow[] = Array.from({ length: 100_000 }, (_, i) => ({ index: i + 1, size: 65536, extensions: [], offset: i * 65545, t: i + 1, gap: i === 0 ? null : 1 }));
    render(<ChunkTable chunks={chunks} started={-10} />);
    const table = screen.getByRole('table', { name: 'Chunks' });
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect([...rows[0]!.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual(['1', '65536', '0x10000', '', '0', '11.0 ms', '']);
  });
});
