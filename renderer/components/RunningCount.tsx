// How many tabs are open and how many of them have an exchange running, for the status bar: a tab
// in the background streams on, and this says so.
import { useCallback, useSyncExternalStore } from 'react';
import type { TabsStore } from '../store/tabs-store';

export function RunningCount({ tabs }: { tabs: TabsStore }) {
  // Listens to the tab list and to every tab's session; the snapshot is a string, so equal counts do not redraw.
  const subscribe = useCallback(
    (listener: () => void) => {
      let sessions: Array<() => void> = [];
      const follow = () => {
        for (const stop of sessions) stop();
        sessions = tabs.getSnapshot().tabs.map((tab) => tab.session.subscribe(listener));
      };
      follow();
      const stopTabs = tabs.subscribe(() => {
        follow();
        listener();
      });
      return () => {
        stopTabs();
        for (const stop of sessions) stop();
      };
    },
    [tabs],
  );
  const counts = useSyncExternalStore(subscribe, () => {
    const open = tabs.getSnapshot().tabs;
    const running = open.filter((tab) => tab.session.getSnapshot().view?.status === 'running').length;
    return `${open.length}:${running}`;
  });
  const [open, running] = counts.split(':').map(Number) as [number, number];
  return (
    <span className="running-count">
      {open} {open === 1 ? 'tab' : 'tabs'}
      {running > 0 && (
        <>
          , <span className="running-dot" aria-hidden="true" />
          {running} running
        </>
      )}
    </span>
  );
}
