// Past exchanges (method, URL, status, size, when), newest first, as the history store holds them:
// reopen one with its full capture, or delete it.
import { useSyncExternalStore } from 'react';
import type { ExchangeSummary } from '../../shared/exchange-events';
import { formatBytes } from '../lib/format';
import type { HistoryStore } from '../store/history-store';

export interface HistoryListProps {
  history: HistoryStore;
  onOpen: (summary: ExchangeSummary) => void;
}

export function HistoryList({ history, onOpen }: HistoryListProps) {
  const { items, problem } = useSyncExternalStore(history.subscribe, history.getSnapshot);

  return (
    <section aria-label="History" className="history">
      <h2>History</h2>
      {problem && <p role="alert">{problem}</p>}
      {items.length === 0 ? (
        <p>No exchanges yet.</p>
      ) : (
        <table aria-label="History">
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">URL</th>
              <th scope="col">Status</th>
              <th scope="col">Size</th>
              <th scope="col">When</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>{item.method}</td>
                <td className="history-url">{item.url}</td>
                <td>
                  {item.code ?? ''}
                  {item.status !== 'done' && ` ${item.status}`}
                </td>
                <td>{formatBytes(item.bytesReceived)}</td>
                <td>
                  {new Date(item.startedAt).toLocaleTimeString()}
                  {item.durationMs !== null && ` (${item.durationMs} ms)`}
                </td>
                <td>
                  <button type="button" onClick={() => onOpen(item)} aria-label={`Open ${item.method} ${item.url}`}>
                    Open
                  </button>{' '}
                  <button
                    type="button"
                    aria-label={`Delete ${item.method} ${item.url}`}
                    onClick={() => void history.delete(item.id)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
