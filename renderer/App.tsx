// The application, laid out as a desktop workbench that fills the window: a title bar with the open
// exchanges as tabs, a resizable sidebar with the saved requests and the history, the tab shown (its
// composer and its exchange, side by side or stacked), and a status bar with where the service runs.
// Every tab keeps its own draft and exchange; one streams on while another is shown.
// Keys: Ctrl/Cmd+T new tab, Ctrl/Cmd+W close tab, Ctrl/Cmd+S save the request, Ctrl+Tab and
// Ctrl+Shift+Tab (or Ctrl+PageDown and Ctrl+PageUp) between tabs, Escape cancels the shown tab's
// exchange, Ctrl/Cmd+Enter sends.
import * as Tabs from '@radix-ui/react-tabs';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { ExchangeSummary } from '../shared/exchange-events';
import type { ExchangeSpec } from '../shared/exchange-spec';
import { inspectorApi } from './api/inspector';
import { ConnectionStatus } from './components/ConnectionStatus';
import { ExchangeTabPanel } from './components/ExchangeTabPanel';
import { HistoryList } from './components/HistoryList';
import { LayoutSwitch } from './components/LayoutSwitch';
import { SavedRequests } from './components/SavedRequests';
import { TabStrip } from './components/TabStrip';
import type { HttpFileRequest } from '../shared/http-file';
import { draftFromRequest } from './lib/draft-http';
import { SavedRequestsStore, type SavedSource } from './store/saved-requests-store';
import { draftFromSpec } from './store/composer-draft';
import { ExchangeSession } from './store/exchange-session';
import { HistoryStore } from './store/history-store';
import { LayoutPrefs } from './store/layout-prefs';
import { TabsStore } from './store/tabs-store';

/** Moves the focus to the shown tab's response bytes (or the sample, before anything was sent). */
function focusResponseBytes(): void {
  const panel = document.querySelector('.tab-panel:not([hidden])');
  const target =
    panel?.querySelector<HTMLElement>('[aria-label^="Response bytes, scroll"]') ??
    panel?.querySelector<HTMLElement>('.sample pre');
  if (target) {
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
    target.focus();
  }
}

export function App() {
  const api = inspectorApi();
  const [tabs] = useState(() => new TabsStore(() => new ExchangeSession(api)));
  // A deleted exchange is no longer shown: its capture is gone.
  const [history] = useState(() => new HistoryStore(api, (id) => tabs.forget(id)));
  const [prefs] = useState(() => new LayoutPrefs());
  const [saved] = useState(() => new SavedRequestsStore(api));
  useEffect(() => {
    tabs.attach();
    history.attach();
    return () => {
      tabs.detach();
      history.detach();
    };
  }, [tabs, history]);
  useEffect(() => void history.refresh(), [history]);
  const { tabs: open, activeId } = useSyncExternalStore(tabs.subscribe, tabs.getSnapshot);
  const orientation = useSyncExternalStore(prefs.subscribe, prefs.getSnapshot);
  const sidebarLayout = useDefaultLayout({ id: 'workbench-sidebar', panelIds: ['sidebar', 'workbench'] });
  /** Why the service cannot be reached (browser mode without its token, a server that went away), shown on top. */
  const [connectionProblem, setConnectionProblem] = useState<string | null>(null);
  const reopen = useCallback((summary: ExchangeSummary) => void tabs.active().session.reopen(summary), [tabs]);
  const editAgain = useCallback((spec: ExchangeSpec) => void tabs.open(draftFromSpec(spec)), [tabs]);
  const openSaved = useCallback(
    (request: HttpFileRequest, source: SavedSource, notes: string[]) =>
      void tabs.open(draftFromRequest(request), source, notes),
    [tabs],
  );
  const sidebarSplit = useDefaultLayout({ id: 'sidebar-split', panelIds: ['saved', 'history'] });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      if (event.key === 'Escape') tabs.active().session.cancel();
      else if (command && !event.shiftKey && event.key.toLowerCase() === 't') tabs.open();
      else if (command && !event.shiftKey && event.key.toLowerCase() === 'w') tabs.close();
      else if (command && !event.shiftKey && event.key.toLowerCase() === 's') tabs.active().composer.askSave();
      else if (event.ctrlKey && (event.key === 'Tab' || event.key === 'PageDown' || event.key === 'PageUp'))
        tabs.cycle(event.key === 'PageUp' || (event.key === 'Tab' && event.shiftKey) ? -1 : 1);
      else return;
      if (event.key !== 'Escape') event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tabs]);

  return (
    <Tabs.Root className="app" value={activeId} onValueChange={(id) => tabs.activate(id)}>
      <a
        className="skip-link"
        href="#response-bytes"
        onClick={(event) => {
          event.preventDefault();
          focusResponseBytes();
        }}
      >
        Skip to response bytes
      </a>
      <header className="titlebar">
        <h1 className="app-name" title="Every byte of HTTP/1.1, with its framing, as it arrives.">
          Lowhaio Inspector
        </h1>
        <TabStrip tabs={tabs} />
        <LayoutSwitch value={orientation} onChange={prefs.setOrientation} />
      </header>
      {connectionProblem && (
        <section role="alert" aria-label="Not connected" className="connection-problem">
          <h2>Not connected to the inspector service</h2>
          <p>{connectionProblem}</p>
        </section>
      )}
      <Group
        className="workbench"
        orientation="horizontal"
        defaultLayout={sidebarLayout.defaultLayout}
        onLayoutChanged={sidebarLayout.onLayoutChanged}
      >
        <Panel id="sidebar" className="pane sidebar" defaultSize="24%" minSize="200px" collapsible collapsedSize="0%">
          <aside aria-label="Sidebar" className="sidebar-content">
            <Group
              orientation="vertical"
              className="sidebar-split"
              defaultLayout={sidebarSplit.defaultLayout}
              onLayoutChanged={sidebarSplit.onLayoutChanged}
            >
              <Panel id="saved" className="sidebar-section" defaultSize="40%" minSize="80px">
                <SavedRequests saved={saved} onOpen={openSaved} />
              </Panel>
              <Separator className="split-handle" />
              <Panel id="history" className="sidebar-section" minSize="120px">
                <HistoryList history={history} onOpen={reopen} onEdit={editAgain} />
              </Panel>
            </Group>
          </aside>
        </Panel>
        <Separator className="split-handle" />
        <Panel id="workbench" className="workbench-main" minSize="320px">
          <main className="tab-panels">
            {open.map((tab) => (
              <Tabs.Content
                key={tab.id}
                value={tab.id}
                forceMount
                hidden={tab.id !== activeId}
                className="tab-panel"
                // The panel itself is not a Tab stop: its first control is.
                tabIndex={-1}
              >
                <ExchangeTabPanel api={api} tab={tab} orientation={orientation} saved={saved} />
              </Tabs.Content>
            ))}
          </main>
        </Panel>
      </Group>
      <ConnectionStatus api={api} onProblem={setConnectionProblem} tabs={tabs} />
    </Tabs.Root>
  );
}
