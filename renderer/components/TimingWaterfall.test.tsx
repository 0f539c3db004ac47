import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chunkMarks, phases, TimingWaterfall } from './TimingWaterfall';

describe('TimingWaterfall', () => {
  const timings = {
    started: 100,
    resolved: 101,
    connected: 103,
    tlsDone: 110,
    sent: 111,
    firstByte: 150,
    head: 160,
    end: 600,
  };

  it('turns event times into phases relative to the start', () => {
    expect(phases(timings, 0)).toEqual([
      { name: 'Resolve', start: 0, end: 1 },
      { name: 'Connect', start: 1, end: 3 },
      { name: 'TLS', start: 3, end: 10 },
      { name: 'Send', start: 10, end: 11 },
      { name: 'Wait for first byte', start: 11, end: 50 },
      { name: 'Receive head', start: 50, end: 60 },
      { name: 'Receive body', start: 60, end: 500 },
      { name: 'Whole exchange', start: 0, end: 500 },
    ]);
    // While a slow head arrives, its phase runs to "now" and no body phase has begun; a plain
    // connection has no TLS row.
    const slowHead = phases({ started: 0, resolved: 1, connected: 2, sent: 3, firstByte: 4 }, 40);
    expect(slowHead.map((p) => p.name)).toEqual([
      'Resolve',
      'Connect',
      'Send',
      'Wait for first byte',
      'Receive head',
      'Whole exchange',
    ]);
    expect(slowHead[4]).toEqual({ name: 'Receive head', start: 4, end: 40 });
    expect(phases({ started: 0, resolved: 1, connected: 2, sent: 3, firstByte: 4 }, 90)[4]!.end).toBe(90);
  });

  it('shows a row per phase with its start and duration, and a mark per chunk', () => {
    render(
      <TimingWaterfall
        timings={timings}
        chunks={[{ index: 1, size: 5, extensions: [], offset: 40, t: 300, gap: null }]}
        now={0}
      />,
    );
    const rows = within(screen.getByRole('table', { name: 'Timing' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].slice(0, 3).map((c) => c.textContent))).toContainEqual([
      'Wait for first byte',
      '11.0 ms',
      '39.0 ms',
    ]);
    expect(screen.getByTitle('chunk 1 at 200.0 ms')).toBeInTheDocument();
  });

  it('merges the marks of chunks that land on the same spot: 100,000 chunks make a few hundred marks', () => {
    const chunks = Array.from({ length: 100_000 }, (_, i) => ({
      index: i + 1,
      size: 10,
      extensions: [],
      offset: i * 15,
      t: 1000 + i * 0.01,
      gap: 0.01,
    }));
    const marks = chunkMarks(chunks, 1000, 1000);
    expect(marks.length).toBeLessThanOrEqual(400);
    expect(marks[0]).toMatchObject({ first: 1, from: 0 });
    expect(marks.at(-1)!.last).toBe(100_000);
    // Every chunk is in exactly one mark.
    expect(marks.reduce((sum, mark) => sum + mark.last - mark.first + 1, 0)).toBe(100_000);
    // Far apart, each chunk keeps a mark of its own.
    expect(
      chunkMarks(
        chunks.slice(0, 3).map((c, i) => ({ ...c, t: 1000 + i * 100 })),
        1000,
        1000,
      ).map((m) => [m.first, m.last]),
    ).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });
});
