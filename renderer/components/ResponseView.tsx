// The exchange as it happens: status, upload progress, header tables, one row per chunk as it
// arrives, the bytes of both directions, and the error in words when there is one.
import type { ExchangeView } from '../store/exchange-view';
import { useState } from 'react';
import type { Direction } from '../../shared/frames';
import { ChunkTable } from './ChunkTable';
import { ExplainPanel } from './ExplainPanel';
import { FramedBytes } from './FramedBytes';

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

function HeaderTable({ label, rows }: { label: string; rows: Array<[string, string]> }) {
  return (
    <table aria-label={label} className="header-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, value], i) => (
          <tr key={i}>
            <td>{name}</td>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ResponseView({ view }: { view: ExchangeView }) {
  const { progress } = view;
  const [selected, setSelected] = useState<{ direction: Direction; index: number } | null>(null);
  const state = view.status === 'running' ? (view.code === null ? 'waiting' : 'streaming') : view.status;
  return (
    <section className="response" aria-label="Exchange">
      <p className="status-line">
        <output aria-label="Status">{view.code ?? '—'}</output> {view.reason} <span className={`state state-${state}`}>{state}</span>{' '}
        <span className="totals">
          sent {formatBytes(view.totals.tx)}, received {formatBytes(view.totals.rx)}
        </span>
      </p>
      {progress && (
        <p className="progress">
          <progress aria-label="Upload progress" max={progress.total ?? undefined} value={progress.sent} /> {formatBytes(progress.sent)}
          {progress.total !== null && ` of ${formatBytes(progress.total)}`} at {formatBytes(Math.round(progress.bytesPerSecond))}/s
          {progress.total !== null && progress.bytesPerSecond > 0 && progress.sent < progress.total && `, ${Math.ceil((progress.total - progress.sent) / progress.bytesPerSecond)} s left`}
        </p>
      )}
      {view.error && (
        <p role="alert" className="problem">
          {view.error.name}: {view.error.message}
        </p>
      )}
      <div className="tables">
        <HeaderTable label="Request headers" rows={view.requestHeaders} />
        <HeaderTable label="Response headers" rows={view.responseHeaders} />
      </div>
      <ChunkTable chunks={view.chunks} />
      <div className="wire">
        {(['tx', 'rx'] as const).map((direction) => (
          <FramedBytes
            key={direction}
            label={direction === 'tx' ? 'Request bytes' : 'Response bytes'}
            bytes={view.preview[direction]}
            frames={view.frames[direction]}
            selected={selected?.direction === direction ? selected.index : null}
            onSelect={(index) => setSelected({ direction, index })}
            fault={view.error?.direction === direction && view.error.start !== undefined ? { start: view.error.start, end: view.error.end ?? view.error.start + 1 } : null}
          />
        ))}
      </div>
      <ExplainPanel frame={selected ? (view.frames[selected.direction][selected.index] ?? null) : null} direction={selected?.direction ?? 'rx'} />
    </section>
  );
}
