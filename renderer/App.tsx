// The application: the composer, the exchange it sent as it streams, and where the service runs.
// Until an exchange is sent, a worked example shows a chunked response exactly as it crosses the wire.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { ExchangeSummary } from '../shared/exchange-events';
import type { ExchangeSpec } from '../shared/exchange-spec';
import type { Direction } from '../shared/frames';
import { latin1Bytes } from '../shared/visible-bytes';
import { inspectorApi } from './api/inspector';
import { Composer } from './components/Composer';
import { ConnectionStatus } from './components/ConnectionStatus';
import { ResponseView } from './components/ResponseView';
import { WireBytes } from './components/WireBytes';
import { HistoryList } from './components/HistoryList';
import { ComposerStore, draftFromSpec } from './store/composer-draft';
import { ExchangeSession } from './store/exchange-session';
import { HistoryStore } from './store/history-store';

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

export function App() {
  const api = inspectorApi();
  const [session] = useState(() => new ExchangeSession(api));
  const [composer] = useState(() => new ComposerStore());
  // A deleted exchange is no longer shown: its capture is gone.
  const [history] = useState(() => new HistoryStore(api, (id) => session.forget(id)));
  useEffect(() => {
    session.attach();
    history.attach();
    return () => {
      session.detach();
      history.detach();
    };
  }, [session, history]);
  useEffect(() => void history.refresh(), [history]);
  const { view, problem, saved } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  /** Why the service cannot be reached (browser mode without its token, a server that went away), shown on top. */
  const [connectionProblem, setConnectionProblem] = useState<string | null>(null);
  const running = view?.status === 'running';
  const send = useCallback((spec: ExchangeSpec) => void session.send(spec), [session]);
  const cancel = useCallback(() => session.cancel(), [session]);
  const reopen = useCallback((summary: ExchangeSummary) => void session.reopen(summary), [session]);
  const save = useCallback((what: 'body' | Direction) => void session.save(what), [session]);
  const editAgain = useCallback((spec: ExchangeSpec) => composer.load(draftFromSpec(spec)), [composer]);

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
        <Composer api={api} store={composer} running={running} onSend={send} onCancel={cancel} />
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
        {view ? (
          <>
            {saved && (
              <p role="status" className="notice">
                {saved}
              </p>
            )}
            <ResponseView key={view.id} view={view} readBytes={session.readBytes} onSave={save} />
          </>
        ) : (
          <>
            <h2>A chunked response on the wire</h2>
            <WireBytes label="Sample response bytes" bytes={SAMPLE_RESPONSE} />
          </>
        )}
        <HistoryList history={history} onOpen={reopen} onEdit={editAgain} />
      </main>
      <ConnectionStatus api={api} onProblem={setConnectionProblem} />
    </div>
  );
}
