// Where the time went: resolve, connect, TLS, sending the request, waiting for the first byte,
// receiving, with a mark per chunk; it grows while the response streams. A table, so each phase
// reads as a row (start and duration in ms), with a bar for the eye.
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
    if (from !== undefined && to !== undefined && to >= from) out.push({ name, start: from - origin, end: to - origin });
  };
  add('Resolve', origin, timings.resolved);
  add('Connect', timings.resolved, timings.connected);
  add('TLS', timings.connected, timings.tlsDone);
  const ready = timings.tlsDone ?? timings.connected;
  add('Send', ready, timings.sent);
  add('Wait for first byte', timings.sent, timings.firstByte);
  add('Receive', timings.firstByte, timings.end ?? (timings.firstByte !== undefined ? now : undefined));
  return out;
}

export function TimingWaterfall({ timings, chunks, now }: { timings: Timings; chunks: ChunkRow[]; now: number }) {
  const rows = phases(timings, now);
  if (rows.length === 0 || timings.started === undefined) return null;
  const total = Math.max(1, ...rows.map((row) => row.end));
  const percent = (ms: number) => `${((ms / total) * 100).toFixed(2)}%`;
  const marks = chunks.filter((chunk) => chunk.t > 0).map((chunk) => chunk.t - timings.started!);
  return (
    <table aria-label="Timing" className="waterfall">
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
          <tr key={row.name}>
            <td>{row.name}</td>
            <td>{row.start.toFixed(1)} ms</td>
            <td>{(row.end - row.start).toFixed(1)} ms</td>
            <td className="waterfall-track">
              <span className="waterfall-bar" style={{ left: percent(row.start), width: percent(Math.max(row.end - row.start, total / 500)) }} />
              {row.name === 'Receive' &&
                marks.slice(0, 500).map((mark, i) => <span key={i} className="waterfall-mark" title={`chunk ${i + 1} at ${mark.toFixed(1)} ms`} style={{ left: percent(mark) }} />)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
