// Past exchanges, newest first and grouped by day, as the history store holds them: method, URL,
// status, bytes sent and received, when and how long, narrow enough for the sidebar. A filter
// narrows them (every word must match); Open reopens one with its full capture, Edit and resend
// opens its request in a new tab, Delete takes it off with a few seconds to undo, and Clear history
// deletes them all once the person confirms. The table is one Tab stop: the arrow keys move between
// entries and their buttons, Enter opens, the Delete key deletes. Virtualized: the days and entries
// are one list of rows, of which only those in view are drawn (each measured as drawn), so ten
// thousand exchanges scroll as ten do.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import { formatBytes, urlParts } from '../lib/format';
import { useRovingFocus } from '../lib/use-roving-focus';
import { historyGroups } from '../lib/history-groups';
import type { HistoryStore } from '../store/history-store';
import { SpacerRow } from './SpacerRow';

export interface HistoryListProps {
  history: HistoryStore;
  onOpen: (summary: ExchangeSummary) => void;
  /** Loads the request an exchange sent into the composer. */
  onEdit?: (spec: ExchangeSpec) => void;
}

const COLUMNS = 3;
/** Heights rows are guessed at before they are measured: a day's label, a two-line entry. */
const DAY_ESTIMATE = 28;
const ENTRY_ESTIMATE = 44;

type Row = { kind: 'day'; label: string } | { kind: 'entry'; item: ExchangeSummary };

/** How a status reads at a glance: success, redirect, client or server error, or not over. */
function statusClass(item: ExchangeSummary): string {
  if (item.status !== 'done' || item.code === null) return item.status;
  return `${Math.floor(item.code / 100)}xx`;
}

export function HistoryList({ history, onOpen, onEdit }: HistoryListProps) {
  const { items, deleted, problem, notice, selected, exporting } = useSyncExternalStore(
    history.subscribe,
    history.getSnapshot,
  );
  const [filter, setFilter] = useState('');
  const [confirming, setConfirming] = useState(false);
  const shownFilter = useDeferredValue(filter);
  const groups = useMemo(() => historyGroups(items, shownFilter), [items, shownFilter]);
  const { ref: rovingRef, onKeyDown: rovingKeys, onFocus: rovingFocus } = useRovingFocus<HTMLTableElement>();
  const shown = groups.reduce((sum, group) => sum + group.items.length, 0);
  const rows = useMemo(
    (): Row[] =>
      groups.flatMap((group) => [
        { kind: 'day' as const, label: group.label },
        ...group.items.map((item) => ({ kind: 'entry' as const, item })),
      ]),
    [groups],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'day' ? DAY_ESTIMATE : ENTRY_ESTIMATE),
    getItemKey: (index) => {
      const row = rows[index]!;
      return row.kind === 'day' ? `day ${row.label}` : row.item.id;
    },
    overscan: 12,
    initialRect: { width: 300, height: 600 },
  });
  const drawn = virtualizer.getVirtualItems();
  const before = drawn[0]?.start ?? 0;
  const after = Math.max(0, virtualizer.getTotalSize() - (drawn[drawn.length - 1]?.end ?? 0));

  return (
    <section aria-label="History" className="history">
      <div className="history-header">
        <h2>History</h2>
        <input
          type="search"
          role="searchbox"
          aria-label="Filter history"
          placeholder="Filter: method, URL, status"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <button
          type="button"
          disabled={selected.size === 0 || exporting}
          title="The exchanges picked, as one HAR 1.2 file"
          onClick={() => void history.exportHar()}
        >
          Export HAR{selected.size > 0 ? ` (${selected.size})` : ''}
        </button>
        <button type="button" disabled={items.length === 0} onClick={() => setConfirming(true)}>
          Clear history
        </button>
      </div>
      {confirming && (
        <div role="alertdialog" aria-label="Clear history?" className="history-confirm">
          <p>
            Delete all {items.length} exchange{items.length === 1 ? '' : 's'} and their captures? Exchanges still
            running are kept. This cannot be undone.
          </p>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              void history.clear();
            }}
          >
            Clear
          </button>{' '}
          <button type="button" autoFocus onClick={() => setConfirming(false)}>
            Keep them
          </button>
        </div>
      )}
      {problem && <p role="alert">{problem}</p>}
      {(deleted || notice) && (
        <p role="status" className="notice">
          {deleted ? (
            <>
              Deleted {deleted.method} {deleted.url}.{' '}
              <button type="button" onClick={() => history.undo()}>
                Undo
              </button>
            </>
          ) : (
            notice
          )}
        </p>
      )}
      {items.length === 0 ? (
        <p>No exchanges yet.</p>
      ) : shown === 0 ? (
        <p>No exchange matches “{shownFilter}”.</p>
      ) : (
        <div className="history-scroller" ref={scroller}>
          <table
            aria-label="History"
            aria-rowcount={rows.length + 1}
            className="history-table"
            ref={rovingRef}
            onKeyDown={rovingKeys}
            onFocus={rovingFocus}
          >
            <colgroup>
              <col className="history-pick-column" />
              <col />
              <col className="history-actions-column" />
            </colgroup>
            <thead className="visually-hidden">
              <tr>
                <th scope="col">Pick</th>
                <th scope="col">Request</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              <SpacerRow height={before} columns={COLUMNS} />
              {drawn.map((virtual) => {
                const row = rows[virtual.index]!;
                const measured = {
                  'data-index': virtual.index,
                  ref: virtualizer.measureElement,
                  'aria-rowindex': virtual.index + 2,
                };
                if (row.kind === 'day')
                  return (
                    <tr key={virtual.key} className="history-day" {...measured}>
                      <th scope="rowgroup" colSpan={COLUMNS}>
                        {row.label}
                      </th>
                    </tr>
                  );
                const { item } = row;
                const { host, path } = urlParts(item.url);
                const name = `${item.method} ${item.url}`;
                return (
                  <tr key={virtual.key} data-roving-row="" className="history-row" {...measured}>
                    <td className="history-pick">
                      <input
                        type="checkbox"
                        data-roving=""
                        aria-label={`Pick ${name} for export`}
                        checked={selected.has(item.id)}
                        onChange={(event) => history.select([item.id], event.target.checked)}
                      />
                    </td>
                    <td className="history-request">
                      <button
                        type="button"
                        data-roving=""
                        className="history-open"
                        title={item.url}
                        aria-label={`Open ${name}`}
                        aria-describedby={`history-meta-${item.id}`}
                        onClick={() => onOpen(item)}
                        onKeyDown={(event) => {
                          if (event.key === 'Delete') history.delete(item.id);
                        }}
                      >
                        <span className="history-line">
                          <span className="history-method">{item.method}</span>{' '}
                          <span className="history-path">{path}</span>
                          <span className={`history-status history-status-${statusClass(item)}`}>
                            {item.code ?? ''}
                            {item.status !== 'done' && ` ${item.status}`}
                          </span>
                        </span>
                        <span className="history-meta" id={`history-meta-${item.id}`}>
                          <span className="visually-hidden">{`${item.code ?? ''} ${item.status} ·`.trim()}</span>{' '}
                          {host && `${host} · `}
                          {new Date(item.startedAt).toLocaleTimeString()}
                          {item.durationMs !== null && ` · ${item.durationMs} ms`} · sent {formatBytes(item.bytesSent)},
                          received {formatBytes(item.bytesReceived)}
                        </span>
                      </button>
                    </td>
                    <td className="history-actions">
                      {onEdit && (
                        <button
                          type="button"
                          data-roving=""
                          className="icon-button"
                          title="Edit and resend, in a new tab"
                          aria-label={`Edit and resend ${name}`}
                          onClick={() => void history.editAndResend(item.id, onEdit)}
                        >
                          <span aria-hidden="true">↻</span>
                        </button>
                      )}
                      <button
                        type="button"
                        data-roving=""
                        className="icon-button"
                        title="Delete (Delete key), with a few seconds to undo"
                        aria-label={`Delete ${name}`}
                        onClick={() => history.delete(item.id)}
                      >
                        <span aria-hidden="true">✕</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
              <SpacerRow height={after} columns={COLUMNS} />
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
