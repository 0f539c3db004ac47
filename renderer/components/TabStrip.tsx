// The open exchanges as tabs (Radix Tabs: one Tab stop, arrow keys between tabs): each named after
// the request it holds (what it sent, or what its composer is about to send), marked while its
// exchange runs, with a close button; New tab beside them. The Undo of a closed tab shows here.
import * as Tabs from '@radix-ui/react-tabs';
import { useSyncExternalStore } from 'react';
import { urlParts } from '../lib/format';
import type { TabsStore, WorkbenchTab } from '../store/tabs-store';

/** What a tab is called: its exchange's method and path once sent, else its composer's. */
export function useTabTitle(tab: WorkbenchTab): { title: string; running: boolean; code: number | null } {
  const draft = useSyncExternalStore(tab.composer.subscribe, tab.composer.getSnapshot);
  const { view } = useSyncExternalStore(tab.session.subscribe, tab.session.getSnapshot);
  const method = view?.method ?? draft.method;
  const url = view?.url ?? draft.url;
  const path = url === '' ? 'New request' : urlParts(url).path;
  return { title: `${method} ${path}`, running: view?.status === 'running', code: view?.code ?? null };
}

function TabTrigger({ tab, onClose }: { tab: WorkbenchTab; onClose: () => void }) {
  const { title, running, code } = useTabTitle(tab);
  return (
    <div className="tab">
      <Tabs.Trigger
        value={tab.id}
        className="tab-trigger"
        title={title}
        onKeyDown={(event) => {
          if (event.key === 'Delete') onClose();
        }}
      >
        {running && <span className="tab-running" aria-label="running" />}
        <span className="tab-title">{title}</span>
        {code !== null && <span className="tab-code">{code}</span>}
      </Tabs.Trigger>
      <button
        type="button"
        className="icon-button tab-close"
        tabIndex={-1}
        aria-label={`Close tab ${title}`}
        title="Close tab (Ctrl/Cmd+W, or Delete on the tab)"
        onClick={onClose}
      >
        <span aria-hidden="true">✕</span>
      </button>
    </div>
  );
}

export function TabStrip({ tabs }: { tabs: TabsStore }) {
  const { tabs: open, closed } = useSyncExternalStore(tabs.subscribe, tabs.getSnapshot);
  return (
    <div className="tab-strip">
      <Tabs.List aria-label="Open exchanges" className="tab-list">
        {open.map((tab) => (
          <TabTrigger key={tab.id} tab={tab} onClose={() => tabs.close(tab.id)} />
        ))}
      </Tabs.List>
      <button
        type="button"
        className="icon-button tab-new"
        aria-label="New tab"
        title="New tab (Ctrl/Cmd+T)"
        onClick={() => tabs.open()}
      >
        <span aria-hidden="true">+</span>
      </button>
      {closed && <ClosedTab tab={closed} onUndo={() => tabs.undoClose()} />}
    </div>
  );
}

function ClosedTab({ tab, onUndo }: { tab: WorkbenchTab; onUndo: () => void }) {
  const { title } = useTabTitle(tab);
  return (
    <p role="status" className="tab-closed">
      Closed {title}.{' '}
      <button type="button" className="link-button" onClick={onUndo}>
        Undo
      </button>
    </p>
  );
}
