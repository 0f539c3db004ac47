// Past exchanges (method, URL, status, size, when), newest first: reopen one with its full capture,
// or delete it (the app is told, so that it stops showing what is gone). Refreshes whenever
// `version` changes (an exchange ended).
import { useCallback, useEffect, useState } from 'react';
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { InspectorApi } from '../../shared/inspector-api';
import { formatBytes } from '../lib/format';

export interface HistoryListProps {
  api: InspectorApi;
  /** Any change refreshes the list (the app passes the id and status of the last exchange). */
  version: string;
  onOpen: (summary: ExchangeSummary) => void;
  /** An exchange and its capture were deleted. */
  onDeleted: (id: string) => void;
}

export function HistoryList({ api, version, onOpen, onDeleted }: HistoryListProps) {
  const [items, setItems] = useState<ExchangeSummary[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = useCallback(() => {
    api.listHistory().then(
      (list) => {
        setItems(list);
        setProblem(null);
      },
      (error: Error) => setProblem(error.message),
    );
  }, [api]);
  useEffect(refresh, [refresh, version]);

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
                    onClick={() => {
                      void api.deleteHistory(item.id).then(
                        () => {
                          onDeleted(item.id);
                          refresh();
                        },
                        (error: Error) => setProblem(error.message),
                      );
                    }}
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
