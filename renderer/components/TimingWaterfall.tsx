// Where the time went: resolve, connect, TLS, sending the request, waiting for the first byte,
// receiving the head (growing while a slow head arrives), receiving the body with a mark per chunk
// (merged where they would overlap), and the whole exchange to its end; it grows while the response
// streams. A table, so each phase reads as a row (start and duration in ms), with a bar for the eye.
import type { ChunkRow, Timings } from '../store/exchange-view';

export interface Phase {
  name: string;
  start: number;
  end: number;
}

/** The phases that have happened, relative to the start, in ms. */
export function phases(timings: Timings, now: number): Phase[] {
  const origin = timings.started;
  if (origin === undefined) return [];
  const out: Phase[] = [];
  const add = (name: string, from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined && to >= from)
      out.push({ name, start: from - origin, end: to - origin });
  };
  add('Resolve', origin, timings.resolved);
  add('Connect', timings.resolved, timings.connected);
  add('TLS', timings.connected, timings.tlsDone);
  const ready = timings.tlsDone ?? timings.connected;
  add('Send', ready, timings.sent);
  add('Wait for first byte', timings.sent, timings.firstByte);
  // The head: from its first byte until it is whole (until now while it still arrives).
  const headDone = timings.head ?? timings.end ?? (timings.firstByte !== undefined ? now : undefined);
  add('Receive head', timings.firstByte, headDone);
  add('Receive body', timings.head, timings.end ?? (timings.head !== undefined ? now : undefined));
  add('Whole exchange', origin, timings.end ?? now);
  return out;
}

export interface ChunkMark {
  /** Position on the bar, in ms since the start. */
  at: number;
  /** The chunks it stands for (1-based), and when they arrived (ms since the start). */
  first: number;
  last: number;
  from: number;
  to: number;
}

/** Marks on the bar: one per chunk, merged where they would overlap (each BINS-th of the bar holds one). */
const BINS = 400;

/**
 * The chunk marks, one per chunk, or one per stretch of chunks that land on the same
 * 1/BINS of the bar: a response of 100,000 chunks draws a few hundred marks.
 */
export function chunkMarks(chunks: ChunkRow[], started: number, total: number): ChunkMark[] {
  const marks: ChunkMark[] = [];
  let bin = -1;
  chunks.forEach((chunk, i) => {
    if (chunk.t <= 0) return;
    const at = chunk.t - started;
    const here = Math.floor((at / total) * BINS);
    const last = marks[marks.length - 1];
    if (last && here === bin) {
      last.last = i + 1;
      last.to = at;
    } else {
      marks.push({ at, first: i + 1, last: i + 1, from: at, to: at });
      bin = here;
    }
  });
  return marks;
}

function markTitle(mark: ChunkMark): string {
  return mark.first === mark.last
    ? `chunk ${mark.first} at ${mark.from.toFixed(1)} ms`
    : `chunks ${mark.first} to ${mark.last} at ${mark.from.toFixed(1)} to ${mark.to.toFixed(1)} ms`;
}

export function TimingWaterfall({ timings, chunks, now }: { timings: Timings; chunks: ChunkRow[]; now: number }) {
  const rows = phases(timings, now);
  if (rows.length === 0 || timings.started === undefined) return null;
  const total = Math.max(1, ...rows.map((row) => row.end));
  const percent = (ms: number) => `${((ms / total) * 100).toFixed(2)}%`;
  const marks = chunkMarks(chunks, timings.started, total);
  return (
    <table aria-label="Timing" className="waterfall">
      <caption>Timing</caption>
      <thead>
        <tr>
          <th scope="col">Phase</th>
          <th scope="col">Start</th>
          <th scope="col">Duration</th>
          <th scope="col">
            <span className="visually-hidden">Bar</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className={row.name === 'Whole exchange' ? 'waterfall-total' : undefined}>
            <td>{row.name}</td>
            <td>{row.start.toFixed(1)} ms</td>
            <td>{(row.end - row.start).toFixed(1)} ms</td>
            <td className="waterfall-track">
              <span
                className="waterfall-bar"
                style={{ left: percent(row.start), width: percent(Math.max(row.end - row.start, total / 500)) }}
              />
              {row.name === 'Receive body' &&
                marks.map((mark) => (
                  <span
                    key={mark.first}
                    className="waterfall-mark"
                    title={markTitle(mark)}
                    style={{ left: percent(mark.at) }}
                  />
                ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
