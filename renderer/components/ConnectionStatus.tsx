// The status bar: where the app runs (Electron or browser mode), the built-in demo server's address,
// and how many tabs are open and running. Shows the error in words when the service cannot be reached.
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
}

export function ConnectionStatus({ api, onProblem, tabs }: ConnectionStatusProps) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    Promise.all([api.getAppInfo(), api.getDemoServer()]).then(
      ([info, demo]) => live && setState({ kind: 'ready', info, demo }),
      (error: Error) => {
        if (!live) return;
        setState({ kind: 'error', message: error.message });
        onProblem?.(error.message);
      },
    );
    return () => {
      live = false;
    };
  }, [api, onProblem]);
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
