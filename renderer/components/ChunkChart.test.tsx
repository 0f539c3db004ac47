import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChunkChart, GrowingSeries } from './ChunkChart';

const chunks = [
  { index: 1, size: 100, extensions: [], offset: 10, t: 1500, gap: null },
  { index: 2, size: 50, extensions: [], offset: 120, t: 2000, gap: 500 },
  { index: 3, size: 0, extensions: [], offset: 180, t: 2100, gap: 100 },
];

describe('ChunkChart', () => {
  it('plots bytes received so far at each chunk, in ms since the start', () => {
    expect(new GrowingSeries().update(chunks, 1000)).toEqual([
      [500, 1000, 1100],
      [100, 150, 150],
    ]);
  });

  it('grows with the chunk list: adding chunks adds points, the same as computing them afresh', () => {
    const list = chunks.slice(0, 1);
    const series = new GrowingSeries();
    expect(series.update(list, 1000)).toEqual([[500], [100]]);
    list.push(...chunks.slice(1));
    expect(series.update(list, 1000)).toEqual(new GrowingSeries().update(chunks, 1000));
    // Another list (another exchange) starts over.
    expect(series.update([chunks[2]!], 2000)).toEqual([[100], [0]]);
  });

  it('takes at most a budget of chunks per update, ending with the same points', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      index: i + 1,
      size: 10,
      extensions: [],
      offset: i * 20,
      t: 1000 + i,
      gap: null,
    }));
    const series = new GrowingSeries();
    expect(series.update(many, 1000, 4)[0]).toHaveLength(4);
    expect(series.pending).toBe(true);
    series.update(many, 1000, 4);
    const last = series.update(many, 1000, 4);
    expect(series.pending).toBe(false);
    expect(last).toEqual(new GrowingSeries().update(many, 1000));
  });

  it('names the figure and sums up the chunks', () => {
    render(<ChunkChart chunks={chunks} started={1000} />);
    expect(screen.getByRole('figure', { name: 'Bytes received over time' })).toHaveTextContent(
      '3 chunks, 150 bytes of chunk data',
    );
  });
});
