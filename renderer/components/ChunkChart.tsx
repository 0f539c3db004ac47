// Bytes received over time, with a point per chunk: how a chunked response actually arrived
// (steady, bursty, stalled). Drawn with uPlot on a canvas; the data behind it is a GrowingSeries.
// While chunks stream in, the canvas is redrawn at most every REDRAW_MS, whatever the batch rate.
// Points are drawn where they fit apart (uPlot's density rule); with thousands of chunks the line
// alone shows, and dragging across the chart zooms in until each chunk's point shows again.
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useRenderAgainWhile } from '../lib/use-render-again-while';
import type { ChunkRow } from '../store/exchange-view';

/**
 * [ms since the start, bytes received by then] at each chunk's arrival, kept up to date as chunks
 * arrive: the chunk list only grows (see exchange-view.ts), so each update adds the new chunks'
 * points instead of walking 100,000 chunks again. Chunks whose arrival is not known (captures from
 * before times were kept) add their bytes but no point.
 */
export class GrowingSeries {
  private source: ChunkRow[] | null = null;
  private started = 0;
  private seen = 0;
  private total = 0;
  readonly data: [number[], number[]] = [[], []];

  /** True while chunks given to update() wait for a later call (at most `budget` are taken per call). */
  get pending(): boolean {
    return this.source !== null && this.seen < this.source.length;
  }

  update(chunks: ChunkRow[], started: number, budget = Infinity): [number[], number[]] {
    if (chunks !== this.source || started !== this.started || chunks.length < this.seen) {
      this.source = chunks;
      this.started = started;
      this.seen = 0;
      this.total = 0;
      this.data[0].length = 0;
      this.data[1].length = 0;
    }
    const stop = Math.min(chunks.length, this.seen + budget);
    for (; this.seen < stop; this.seen++) {
      const chunk = chunks[this.seen]!;
      this.total += chunk.size;
      if (chunk.t <= 0) continue;
      this.data[0].push(chunk.t - started);
      this.data[1].push(this.total);
    }
    return this.data;
  }
}

function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false; // jsdom has no canvas
  }
}

const textColor = (u: uPlot) => getComputedStyle(u.root).color;
const cssColor = (name: string, fallback: string) => (u: uPlot) =>
  getComputedStyle(u.root).getPropertyValue(name).trim() || fallback;
const gridColor = cssColor('--panel', '#eee');
const tickColor = cssColor('--muted', '#888');

/** Chunks added to the series per render (a million read back at once take several renders). */
const SERIES_BUDGET = 250_000;

/** Longest the chart lags the chunk table while chunks stream in. */
const REDRAW_MS = 250;

export function ChunkChart({ chunks, started }: { chunks: ChunkRow[]; started: number | undefined }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const series = useMemo(() => new GrowingSeries(), []);
  const data = started === undefined ? null : series.update(chunks, started, SERIES_BUDGET);
  const points = data?.[0].length ?? 0;
  // Chunks past the budget join the series in the renders that follow, a task each.
  useRenderAgainWhile(series.pending);

  const latest = useRef(data);
  // The chart, drawn outside React's renders, reads the series of the last commit.
  useLayoutEffect(() => {
    latest.current = data;
  });
  const drawnAt = useRef(0);
  // The chart is made in a task of its own, after the commit that first shows it: on a busy
  // machine, one long task for the first chunks' render and the chart together is what to avoid.
  useEffect(() => {
    const element = container.current;
    if (!element || !canDraw()) return;
    const making = setTimeout(() => {
      plot.current = new uPlot(
        {
          width: element.clientWidth || 600,
          height: 160,
          scales: { x: { time: false } },
          // Axis text in the page's text colour, grid lines in its muted colour: readable in light and dark.
          axes: [
            {
              label: 'ms since the start',
              stroke: textColor,
              grid: { stroke: gridColor },
              ticks: { stroke: tickColor },
            },
            { label: 'bytes', size: 70, stroke: textColor, grid: { stroke: gridColor }, ticks: { stroke: tickColor } },
          ],
          series: [{}, { label: 'bytes received', stroke: '#3b82f6', points: { size: 5, space: 4, fill: '#f59e0b' } }],
          legend: { show: false },
        },
        latest.current ?? [[], []],
        element,
      );
      drawnAt.current = performance.now();
    }, 0);
    // Its colours are the page's, read when it draws: when the page turns light or dark, draw again.
    const scheme = window.matchMedia?.('(prefers-color-scheme: dark)');
    const recolour = () => plot.current?.redraw(false, true);
    scheme?.addEventListener('change', recolour);
    return () => {
      clearTimeout(making);
      scheme?.removeEventListener('change', recolour);
      plot.current?.destroy();
      plot.current = null;
    };
  }, []);

  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    const draw = () => {
      pending.current = null;
      drawnAt.current = performance.now();
      if (latest.current) plot.current?.setData(latest.current);
    };
    const wait = drawnAt.current + REDRAW_MS - performance.now();
    if (wait <= 0) draw();
    else pending.current ??= setTimeout(draw, wait);
  }, [data, points]);
  useEffect(
    () => () => {
      if (pending.current) clearTimeout(pending.current);
    },
    [],
  );

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
