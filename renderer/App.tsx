// The application: the composer, the exchange it sent as it streams, and where the service runs.
// Until an exchange is sent, a worked example shows a chunked response exactly as it crosses the wire.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExchangeBatch, ExchangeSummary } from '../shared/exchange-events';
import type { ExchangeSpec } from '../shared/exchange-spec';
import type { Direction } from '../shared/frames';
import { latin1Bytes } from '../shared/visible-bytes';
import { inspectorApi } from './api/inspector';
import { Composer } from './components/Composer';
import { ConnectionStatus } from './components/ConnectionStatus';
import { ResponseView } from './components/ResponseView';
import { WireBytes } from './components/WireBytes';
import { HistoryList } from './components/HistoryList';
import { applyBatch, emptyView, foldCapturedFrames, PREVIEW_LIMIT, viewFromSummary, withoutFrames, type ExchangeView } from './store/exchange-view';

const SAMPLE_RESPONSE = latin1Bytes(
  'HTTP/1.1 200 OK\r\n' +
    'Content-Type: text/plain\r\n' +
    'Transfer-Encoding: chunked\r\n' +
    '\r\n' +
    '5\r\nHello\r\n' +
    '7;lang=en\r\n, world\r\n' +
    '0\r\n' +
    'Server-Timing: total;dur=12\r\n' +
    '\r\n',
);

/** Longest the screen lags the batches while a response streams (its first batch and its end show at once). */
const REDRAW_MS = 100;

export function App() {
  const api = inspectorApi();
  const [view, setView] = useState<ExchangeView | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  /** Why the service cannot be reached (browser mode without its token, a server that went away), shown on top. */
  const [connectionProblem, setConnectionProblem] = useState<string | null>(null);
  /** What the last save did, in words. */
  const [saved, setSaved] = useState<string | null>(null);

  // Batches fold into `latest` as they come; the screen is redrawn from it at most every REDRAW_MS,
  // so a response of 100,000 chunks costs a few renders a second, not one per batch.
  const latest = useRef<ExchangeView | null>(null);
  /** The exchange the person asked for last (sent or reopened): what loads late shows only if it still is. */
  const wanted = useRef<string | null>(null);
  const redrawTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const show = useCallback((next: ExchangeView | null, now: boolean) => {
    latest.current = next;
    if (now) {
      if (redrawTimer.current) clearTimeout(redrawTimer.current);
      redrawTimer.current = null;
      setView(next);
    } else {
      redrawTimer.current ??= setTimeout(() => {
        redrawTimer.current = null;
        setView(latest.current);
      }, REDRAW_MS);
    }
  }, []);
  useEffect(() => () => {
    if (redrawTimer.current) clearTimeout(redrawTimer.current);
  }, []);

  /**
   * Folds a capture's frames into `view` page by page (each page is a message of its own, so a
   * capture of 100,000 chunks never blocks the page), then shows it, if it is still the one shown.
   */
  const loadFrames = useCallback(
    async (view: ExchangeView) => {
      for (let cursor: number | null = 0; cursor !== null; ) {
        const page = await api.readFrames(view.id, cursor);
        foldCapturedFrames(view, page.frames);
        cursor = page.next;
      }
      if (wanted.current === view.id) show(view, true);
    },
    [api, show],
  );

  /** When batches left frames out, the capture has them all once the exchange is over. */
  const completeFrames = useCallback(
    (id: string) => {
      if (latest.current?.id !== id) return;
      loadFrames(withoutFrames(latest.current)).catch((error: Error) => setSendError(`Some frames of this exchange could not be read from its capture: ${error.message}`));
    },
    [loadFrames],
  );

  // Batches of an exchange can arrive before send() has told us its id: keep them until it does.
  const early = useRef(new Map<string, ExchangeBatch[]>());
  useEffect(
    () =>
      api.subscribe((batch) => {
        const current = latest.current;
        if (current?.id === batch.exchangeId && wanted.current === current.id) {
          const next = applyBatch(current, batch);
          const ended = next.status !== 'running' && current.status === 'running';
          show(next, ended);
          if (ended && next.framesMissing > 0) completeFrames(next.id);
          return;
        }
        const kept = early.current.get(batch.exchangeId) ?? [];
        kept.push(batch);
        early.current.set(batch.exchangeId, kept);
        if (early.current.size > 8) early.current.delete(early.current.keys().next().value!);
      }),
    [api, show, completeFrames],
  );

  const send = useCallback(
    (spec: ExchangeSpec) => {
      setSendError(null);
      setSaved(null);
      api.send(spec).then(
        (id) => {
          const kept = early.current.get(id) ?? [];
          early.current.delete(id);
          wanted.current = id;
          const next = kept.reduce(applyBatch, emptyView(id));
          show(next, true);
          if (next.status !== 'running' && next.framesMissing > 0) completeFrames(id);
        },
        (error: Error) => setSendError(error.message),
      );
    },
    [api, show, completeFrames],
  );
  const running = view?.status === 'running';
  const viewId = view?.id;
  const readBytes = useCallback(
    (direction: Direction, start: number, end: number) => (viewId ? api.readBytes(viewId, direction, start, end) : Promise.reject(new Error('no exchange'))),
    [api, viewId],
  );
  // Changes when an exchange ends, so that the history list refreshes.
  const historyVersion = view && view.status !== 'running' ? view.id + view.status : '';

  const reopen = useCallback(
    (summary: ExchangeSummary) => {
      wanted.current = summary.id;
      setSaved(null);
      Promise.all([api.readBytes(summary.id, 'tx', 0, PREVIEW_LIMIT), api.readBytes(summary.id, 'rx', 0, PREVIEW_LIMIT)])
        .then(([tx, rx]) => loadFrames(viewFromSummary(summary, { tx, rx })))
        .catch((error: Error) => setSendError(`Could not reopen that exchange: ${error.message}`));
    },
    [api, loadFrames],
  );
  /** A deleted exchange is no longer shown: its capture is gone, so its bytes cannot be read. */
  const forget = useCallback(
    (id: string) => {
      if (latest.current?.id !== id && wanted.current !== id) return;
      wanted.current = null;
      setSaved(null);
      show(null, true);
    },
    [show],
  );
  const save = useCallback(
    (what: 'body' | Direction) => {
      if (!viewId) return;
      setSaved(null);
      (what === 'body' ? api.saveBody(viewId) : api.saveRaw(viewId, what)).then(
        (result) => setSaved(result.saved ? (result.path ? `Saved to ${result.path}.` : 'Saved: your browser is downloading it.') : null),
        (error: Error) => setSendError(`Could not save: ${error.message}`),
      );
    },
    [api, viewId],
  );
  const cancel = useCallback(() => {
    if (view && view.status === 'running') void api.cancel(view.id);
  }, [api, view]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [cancel]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Lowhaio Inspector</h1>
        <p>Every byte of HTTP/1.1, with its framing, as it arrives.</p>
      </header>
      <main>
        {connectionProblem && (
          <section role="alert" aria-label="Not connected" className="connection-problem">
            <h2>Not connected to the inspector service</h2>
            <p>{connectionProblem}</p>
          </section>
        )}
        <Composer api={api} running={running} onSend={send} onCancel={cancel} />
        {sendError && (
          <p role="alert" className="problem">
            {sendError}
          </p>
        )}
        {view ? (
          <>
            {saved && (
              <p role="status" className="notice">
                {saved}
              </p>
            )}
            <ResponseView key={view.id} view={view} readBytes={readBytes} onSave={save} />
          </>
        ) : (
          <>
            <h2>A chunked response on the wire</h2>
            <WireBytes label="Sample response bytes" bytes={SAMPLE_RESPONSE} />
          </>
        )}
        <HistoryList api={api} version={historyVersion} onOpen={reopen} onDeleted={forget} />
      </main>
      <ConnectionStatus api={api} onProblem={setConnectionProblem} />
    </div>
  );
}
