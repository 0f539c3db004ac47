// Past exchanges, newest first and grouped by day, as the history store holds them: method, URL,
// status, bytes sent and received, when and how long. A filter narrows them (every word must match);
// Open reopens one with its full capture, Edit and resend loads its request into the composer,
// Delete takes it off with a few seconds to undo, and Clear history deletes them all once the
// person confirms.
import { useDeferredValue, useMemo, useState, useSyncExternalStore } from 'react';
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import { formatBytes } from '../lib/format';
import { historyGroups } from '../lib/history-groups';
import type { HistoryStore } from '../store/history-store';

export interface HistoryListProps {
  history: HistoryStore;
  onOpen: (summary: ExchangeSummary) => void;
  /** Loads the request an exchange sent into the composer. */
  onEdit?: (spec: ExchangeSpec) => void;
}

const COLUMNS = 8;

export function HistoryList({ history, onOpen, onEdit }: HistoryListProps) {
  const { items, deleted, problem, notice } = useSyncExternalStore(history.subscribe, history.getSnapshot);
  const [filter, setFilter] = useState('');
  const [confirming, setConfirming] = useState(false);
  const shownFilter = useDeferredValue(filter);
  const groups = useMemo(() => historyGroups(items, shownFilter), [items, shownFilter]);
  const shown = groups.reduce((sum, group) => sum + group.items.length, 0);

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
        <table aria-label="History">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col">Received</th>
              <th scope="col">When</th>
              <th scope="col">Took</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group.label}>
              <tr className="history-day">
                <th scope="rowgroup" colSpan={COLUMNS}>
                  {group.label}
                </th>
              </tr>
              {group.items.map((item) => (
                <tr key={item.id}>
                  <td>{item.method}</td>
                  <td className="history-url">{item.url}</td>
                  <td>
                    {item.code ?? ''}
                    {item.status !== 'done' && ` ${item.status}`}
                  </td>
                  <td>{formatBytes(item.bytesSent)}</td>
                  <td>{formatBytes(item.bytesReceived)}</td>
                  <td>{new Date(item.startedAt).toLocaleTimeString()}</td>
                  <td>{item.durationMs !== null ? `${item.durationMs} ms` : ''}</td>
                  <td className="history-actions">
                    <button type="button" onClick={() => onOpen(item)} aria-label={`Open ${item.method} ${item.url}`}>
                      Open
                    </button>{' '}
                    {onEdit && (
                      <>
                        <button
                          type="button"
                          aria-label={`Edit and resend ${item.method} ${item.url}`}
                          onClick={() => void history.editAndResend(item.id, onEdit)}
                        >
                          Edit and resend
                        </button>{' '}
                      </>
                    )}
                    <button
                      type="button"
                      aria-label={`Delete ${item.method} ${item.url}`}
                      onClick={() => history.delete(item.id)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
