import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExchangeBatch, ExchangeEvent } from '../../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS, type ExchangeSpec } from '../../shared/exchange-spec';
import { fakeApi } from '../test-support/fake-api';
import { INITIAL_DRAFT } from './composer-draft';
import { ExchangeSession } from './exchange-session';
import { TabsStore } from './tabs-store';
import { LENGTH_FRAMING } from '../test-support/events';

const SPEC: ExchangeSpec = {
  method: 'GET',
  url: 'http://127.0.0.1:1/x',
  headers: [],
  body: { kind: 'none' },
  timeoutMs: DEFAULT_TIMEOUT_MS,
  verifyTls: true,
};

function batch(exchangeId: string, seq: number, events: ExchangeEvent[]): ExchangeBatch {
  return { exchangeId, seq, t: 0, events, totals: { tx: 0, rx: 0 }, previewDropped: 0, framesDropped: 0 };
}

/** Tabs over one fake service: every session's listener gets each batch the test delivers. */
function harness(undoMs = 1000) {
  const listeners = new Set<(batch: ExchangeBatch) => void>();
  const cancel = vi.fn(async () => true);
  const api = fakeApi({
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: async (_spec, id) => id!,
    cancel,
  });
  let n = 0;
  const tabs = new TabsStore(() => new ExchangeSession(api, () => `x${++n}`, 0), undoMs);
  tabs.attach();
  const deliver = (b: ExchangeBatch) => listeners.forEach((listener) => listener(b));
  return { tabs, deliver, cancel, listeners };
}

const head = (code: number): ExchangeEvent => ({
  type: 'response-head',
  framing: LENGTH_FRAMING,
  t: 1,
  code,
  reason: 'OK',
  version: 'HTTP/1.1',
  headers: [],
});

describe('TabsStore', () => {
  afterEach(() => vi.useRealTimers());

  it('opens tabs after the one shown, each with its own draft and its own exchange', async () => {
    const { tabs, deliver } = harness();
    const first = tabs.active();
    const second = tabs.open({ ...INITIAL_DRAFT, url: 'http://127.0.0.1:1/second' });
    expect(tabs.getSnapshot().activeId).toBe(second);
    tabs.activate(first.id);
    const third = tabs.open();
    expect(tabs.getSnapshot().tabs.map((tab) => tab.id)).toEqual([first.id, third, second]);
    expect(tabs.getSnapshot().tabs[2]!.composer.getSnapshot().url).toBe('http://127.0.0.1:1/second');
    expect(tabs.active().composer.getSnapshot().url).toBe('');
    // Two exchanges at once: each batch reaches the tab that sent it, shown or not.
    await first.session.send(SPEC);
    await tabs.active().session.send(SPEC);
    deliver(batch('x1', 0, [head(201)]));
    deliver(batch('x2', 0, [head(202)]));
    expect(first.session.getSnapshot().view?.code).toBe(201);
    expect(tabs.active().session.getSnapshot().view?.code).toBe(202);
  });

  it('cycles through the tabs both ways, wrapping round', () => {
    const { tabs } = harness();
    const ids = [tabs.active().id, tabs.open(), tabs.open()];
    tabs.cycle(1);
    expect(tabs.getSnapshot().activeId).toBe(ids[0]);
    tabs.cycle(-1);
    expect(tabs.getSnapshot().activeId).toBe(ids[2]);
    tabs.cycle(-1);
    expect(tabs.getSnapshot().activeId).toBe(ids[1]);
  });

  it('closing a tab cancels its running exchange, and Undo brings the tab back where it was', async () => {
    const { tabs, deliver, cancel } = harness();
    const [a, b, c] = [tabs.active().id, tabs.open(), tabs.open()];
    tabs.activate(b);
    const closing = tabs.active();
    await closing.session.send(SPEC);
    deliver(batch('x1', 0, [head(200)]));
    tabs.close();
    expect(cancel).toHaveBeenCalledWith('x1');
    expect(tabs.getSnapshot().tabs.map((tab) => tab.id)).toEqual([a, c]);
    // The tab that took its place is shown.
    expect(tabs.getSnapshot().activeId).toBe(c);
    expect(tabs.getSnapshot().closed).toBe(closing);
    // It still listens while it can come back: its exchange's end is not missed.
    deliver(batch('x1', 1, [{ type: 'end', t: 2, status: 'cancelled', bytesSent: 1, bytesReceived: 1 }]));
    tabs.undoClose();
    expect(tabs.getSnapshot().tabs.map((tab) => tab.id)).toEqual([a, b, c]);
    expect(tabs.getSnapshot().activeId).toBe(b);
    expect(tabs.getSnapshot().closed).toBeNull();
    expect(closing.session.getSnapshot().view?.status).toBe('cancelled');
  });

  it('lets a closed tab go for good once the undo window passes; the last tab closed leaves a fresh one', () => {
    vi.useFakeTimers();
    const { tabs, listeners } = harness(100);
    const only = tabs.active();
    expect(listeners.size).toBe(1);
    tabs.close();
    const fresh = tabs.active();
    expect(fresh).not.toBe(only);
    expect(tabs.getSnapshot().tabs).toEqual([fresh]);
    expect(listeners.size).toBe(2);
    vi.advanceTimersByTime(99);
    expect(tabs.getSnapshot().closed).toBe(only);
    vi.advanceTimersByTime(1);
    expect(tabs.getSnapshot().closed).toBeNull();
    // The closed tab's session no longer listens; Undo has nothing to bring back.
    expect(listeners.size).toBe(1);
    tabs.undoClose();
    expect(tabs.getSnapshot().tabs).toEqual([fresh]);
  });

  it('listens only while attached, for every tab, and stops showing an exchange deleted from history', async () => {
    const { tabs, listeners, deliver } = harness();
    tabs.open();
    expect(listeners.size).toBe(2);
    tabs.detach();
    expect(listeners.size).toBe(0);
    tabs.attach();
    tabs.attach();
    expect(listeners.size).toBe(2);
    await tabs.active().session.send(SPEC);
    deliver(batch('x1', 0, [head(200)]));
    tabs.forget('x1');
    expect(tabs.active().session.getSnapshot().view).toBeNull();
  });
});
