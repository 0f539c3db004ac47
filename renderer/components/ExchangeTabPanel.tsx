// One open tab: its composer and the exchange it sent, side by side or stacked in a resizable split
// (react-resizable-panels; the sizes are remembered per orientation). Until the tab sends, a worked
// example shows a chunked response exactly as it crosses the wire.
import { useCallback, useSyncExternalStore } from 'react';
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import type { SaveWhat } from '../store/exchange-session';
import type { InspectorApi } from '../../shared/inspector-api';
import { latin1Bytes } from '../../shared/visible-bytes';
import { substituteDraft } from '../lib/draft-http';
import type { ComposerDraft } from '../store/composer-draft';
import type { Orientation } from '../store/layout-prefs';
import type { SavedRequestsStore } from '../store/saved-requests-store';
import type { WorkbenchTab } from '../store/tabs-store';
import { Composer } from './Composer';
import { ResponseView } from './ResponseView';
import { WireBytes } from './WireBytes';

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

export interface ExchangeTabPanelProps {
  api: InspectorApi;
  tab: WorkbenchTab;
  orientation: Orientation;
  /** The saved requests: where Save request goes, and the environment {{variables}} come from. */
  saved?: SavedRequestsStore;
}

export function ExchangeTabPanel({ api, tab, orientation, saved: savedRequests }: ExchangeTabPanelProps) {
  const { session, composer } = tab;
  const { view, problem, saved, hops } = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const send = useCallback((spec: ExchangeSpec) => void session.send(spec), [session]);
  const cancel = useCallback(() => session.cancel(), [session]);
  const save = useCallback((what: SaveWhat) => void session.save(what), [session]);
  const vertical = orientation === 'stacked';
  // What is sent has the environment's values (and its file's @variables) in place of {{names}}.
  const resolve = useCallback(
    (draft: ComposerDraft) =>
      savedRequests
        ? substituteDraft(draft, savedRequests.variables(composer.source?.variables))
        : { draft, missing: [] },
    [savedRequests, composer],
  );
  const layout = useDefaultLayout({ id: `exchange-split-${orientation}`, panelIds: ['request', 'response'] });
  return (
    <Group
      key={orientation}
      orientation={vertical ? 'vertical' : 'horizontal'}
      className="exchange-split"
      defaultLayout={layout.defaultLayout}
      onLayoutChanged={layout.onLayoutChanged}
    >
      <Panel id="request" className="pane request-pane" defaultSize={vertical ? '40%' : '38%'} minSize="240px">
        <Composer
          api={api}
          store={composer}
          saved={savedRequests}
          resolve={resolve}
          running={view?.status === 'running'}
          onSend={send}
          onCancel={cancel}
        />
      </Panel>
      <Separator className="split-handle" />
      <Panel id="response" className="pane response-pane" minSize="240px">
        {problem && (
          <p role="alert" className="problem">
            {problem}
          </p>
        )}
        {hops.length > 0 && view && (
          <nav aria-label="Redirects" className="redirect-chain">
            <ol>
              {hops.map((hop, index) =>
                hop.id === view.id ? (
                  <li key={hop.id} aria-current="step">
                    {hop.code} {hop.method} {hop.url}
                  </li>
                ) : (
                  <li key={hop.id}>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Open hop ${index + 1}: ${hop.code} ${hop.method} ${hop.url}`}
                      onClick={() => void session.openHop(hop.id)}
                    >
                      {hop.code} {hop.method} {hop.url}
                    </button>
                  </li>
                ),
              )}
              {!hops.some((hop) => hop.id === view.id) && (
                <li aria-current="step">
                  {view.code ?? '…'} {view.method} {view.url}
                </li>
              )}
            </ol>
          </nav>
        )}
        {view ? (
          <>
            {saved && (
              <p role="status" className="notice">
                {saved}
              </p>
            )}
            <ResponseView
              key={view.id}
              view={view}
              readBytes={session.readBytes}
              describeBody={session.describeBody}
              readBody={session.readBody}
              find={session.find}
              onSave={save}
            />
          </>
        ) : (
          <section className="sample" aria-labelledby={`${tab.id}-sample`}>
            <h2 id={`${tab.id}-sample`}>A chunked response on the wire</h2>
            <p className="hint">
              Send a request to see its bytes here as they arrive. This is what a chunked response looks like: each
              chunk&apos;s size in hex, its data, and a last chunk of size 0 with a trailer field.
            </p>
            <WireBytes label="Sample response bytes" bytes={SAMPLE_RESPONSE} />
          </section>
        )}
      </Panel>
    </Group>
  );
}
