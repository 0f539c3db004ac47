import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ChunkRow } from '../store/exchange-view';
import { ChunkTable } from './ChunkTable';

describe('ChunkTable', () => {
  it('keeps only the rows in view in the DOM, however many chunks there are', () => {
    const chunks: ChunkRow[] = Array.from({ length: 100_000 }, (_, i) => ({
      index: i + 1,
      size: 65536,
      extensions: [],
      offset: i * 65545,
      t: i + 1,
      gap: i === 0 ? null : 1,
    }));
    render(<ChunkTable chunks={chunks} started={-10} />);
    const table = screen.getByRole('table', { name: 'Chunks' });
    expect(table).toHaveAttribute('aria-rowcount', '100001');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute('aria-rowindex', '2');
    expect([...rows[0]!.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      '1',
      '65536',
      '0x10000',
      '',
      '0',
      '11.0 ms',
      '',
    ]);
  });

  it('ends with the last chunk and a row per trailer field, each showing its bytes when chosen', async () => {
    const onShow = vi.fn();
    const chunks: ChunkRow[] = [
      { index: 1, size: 7, extensions: [['part', '1']], offset: 109, t: 5, gap: null },
      { index: 2, size: 0, extensions: [], offset: 163, t: 6, gap: 1 },
    ];
    render(
      <ChunkTable
        chunks={chunks}
        trailers={[
          { name: 'Server-Timing', value: 'total;dur=12', offset: 171 },
          { name: 'X-Checksum', value: '3f9a', offset: 200 },
        ]}
        started={0}
        onShow={onShow}
      />,
    );
    const table = screen.getByRole('table', { name: 'Chunks' });
    expect(table).toHaveAttribute('aria-rowcount', '5');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((cell) => cell.textContent))).toEqual([
      ['1', '7'],
      ['last', '0'],
      ['trailer', 'Server-Timing: total;dur=12'],
      ['trailer', 'X-Checksum: 3f9a'],
    ]);
    await userEvent.click(rows[3]!);
    expect(onShow).toHaveBeenCalledWith(200);
    // One Tab stop (the row last used), the arrow keys between rows, Enter shows a row's bytes.
    expect(rows.map((row) => row.tabIndex)).toEqual([-1, -1, -1, 0]);
    rows[3]!.focus();
    await userEvent.keyboard('{Home}{ArrowDown}{Enter}');
    expect(rows[1]).toHaveFocus();
    expect(onShow).toHaveBeenLastCalledWith(163);
    expect(rows.map((row) => row.tabIndex)).toEqual([-1, 0, -1, -1]);
  });
});
