// The status bar: where the app runs (Electron or browser mode), the built-in demo server's address,
// and how many tabs are open and running. Shows the error in words when the service cannot be
// reached, at the start or later (it checks every few seconds that the service still answers), and
// comes back by itself once it answers again (the browser client opens its socket again).
import { useEffect, useState } from 'react';
import type { TabsStore } from '../store/tabs-store';
import { RunningCount } from './RunningCount';
import type { AppInfo, DemoServerInfo, InspectorApi } from '../../shared/inspector-api';

type State =
  { kind: 'loading' } | { kind: 'ready'; info: AppInfo; demo: DemoServerInfo } | { kind: 'error'; message: string };

export interface ConnectionStatusProps {
  api: InspectorApi;
  /** Told once when the service cannot be reached (the app shows it where it cannot be missed). */
  onProblem?: (message: string) => void;
  /** The open tabs, counted at the bar's end. */
  tabs?: TabsStore;
  /** How often the service is asked whether it is still there, in ms. */
  checkEveryMs?: number;
}

/** How often the status bar checks that the service still answers. */
export const CHECK_EVERY_MS = 5000;

export function ConnectionStatus({ api, onProblem, tabs, checkEveryMs = CHECK_EVERY_MS }: ConnectionStatusProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let told = false;
    const fail = (error: Error) => {
      if (!live) return;
      setState({ kind: 'error', message: error.message });
      if (!told) onProblem?.(error.message);
      told = true;
      check();
    };
    // The service is asked now and then whether it still answers (a browser-mode server stopped, a
    // socket closed): the bar says so, rather than the next Send, and says so no more once it does.
    const check = () => {
      timer = setTimeout(connect, checkEveryMs);
    };
    const connect = () =>
      Promise.all([api.getAppInfo(), api.getDemoServer()]).then(([info, demo]) => {
        if (!live) return;
        setState({ kind: 'ready', info, demo });
        told = false;
        check();
      }, fail);
    void connect();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, onProblem, checkEveryMs]);
  return (
    <footer role="contentinfo" aria-label="Connection" className="connection-status">
      <span className={`service-state service-${state.kind}`} aria-hidden="true" />
      {state.kind === 'loading' && 'Connecting to the inspector service…'}
      {state.kind === 'error' && <span role="alert">{state.message}</span>}
      {state.kind === 'ready' && (
        <span>
          {state.info.name} {state.info.version}, {state.info.shell === 'electron' ? 'desktop' : 'browser mode'} · demo
          server <code>{state.demo.url}</code>
        </span>
      )}
      {tabs && <RunningCount tabs={tabs} />}
    </footer>
  );
}
