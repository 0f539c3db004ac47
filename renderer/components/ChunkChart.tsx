// Bytes received over time, with a point per chunk: how a chunked response actually arrived
// (steady, bursty, stalled). Drawn with uPlot on a canvas; the data behind it is chunkSeries.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChunkRow } from '../store/exchange-view';

/** [seconds since the start, bytes received by then] at each chunk's arrival. */
export function chunkSeries(chunks: ChunkRow[], started: number): [number[], number[]] {
  const times: number[] = [];
  const totals: number[] = [];
  let total = 0;
  for (const chunk of chunks) {
    total += chunk.size;
    times.push((chunk.t - started) / 1000);
    totals.push(total);
  }
  return [times, totals];
}

function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false; // jsdom has no canvas
  }
}

export function ChunkChart({ chunks, started }: { chunks: ChunkRow[]; started: number | undefined }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const data = started === undefined ? null : chunkSeries(chunks, started);

  useEffect(() => {
    if (!container.current || !canDraw()) return;
    plot.current = new uPlot(
      {
        width: container.current.clientWidth || 600,
        height: 160,
        scales: { x: { time: false } },
        axes: [{ label: 'seconds' }, { label: 'bytes', size: 70 }],
        series: [{}, { label: 'bytes received', stroke: '#3b82f6', points: { show: true, size: 5, fill: '#f59e0b' } }],
        legend: { show: false },
      },
      [[], []],
      container.current,
    );
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  useEffect(() => {
    if (data) plot.current?.setData(data);
  }, [data]);

  const last = data?.[1][data[1].length - 1];
  return (
    <figure className="chunk-chart" aria-label="Bytes received over time">
      <div ref={container} />
      <figcaption>
        {chunks.length} chunk{chunks.length === 1 ? '' : 's'}
        {last !== undefined && `, ${last.toLocaleString()} bytes of chunk data`}
      </figcaption>
    </figure>
  );
}
