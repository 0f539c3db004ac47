import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExchangeBatch, ExchangeEvent, ExchangeSummary } from '../../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS, type ExchangeSpec } from '../../shared/exchange-spec';
import type { InspectorApi } from '../../shared/inspector-api';
import { fakeApi } from '../test-support/fake-api';
import { ExchangeSession } from './exchange-session';
import { LENGTH_FRAMING } from '../test-support/events';

const SPEC: ExchangeSpec = {
  method: 'GET',
  url: 'http://127.0.0.1:1/x',
  headers: [],
  body: { kind: 'none' },
  timeoutMs: DEFAULT_TIMEOUT_MS,
  verifyTls: true,
};

function batch(exchangeId: string, seq: number, events: ExchangeEvent[], framesDropped = 0): ExchangeBatch {
  return { exchangeId, seq, t: 0, events, totals: { tx: 0, rx: 0 }, previewDropped: 0, framesDropped };
}

/** An api whose batches the test pushes, and whose send() is held until the test lets it go. */
function harness(overrides: Partial<InspectorApi> = {}) {
  let deliver: (batch: ExchangeBatch) => void = () => {};
  const sent: Array<[ExchangeSpec, string | undefined]> = [];
  const api = fakeApi({
    subscribe: (listener) => {
      deliver = listener;
      return () => {
        deliver = () => {};
      };
    },
    send: async (spec, id) => {
      sent.push([spec, id]);
      return id ?? 'service-id';
    },
    ...overrides,
  });
  let n = 0;
  const session = new ExchangeSession(api, () => `page-id-${++n}`, 50);
  session.attach();
  return { session, sent, push: (b: ExchangeBatch) => deliver(b) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ExchangeSession', () => {
  it('shows an exchange under the id it chose before send() resolves, so its first batch is never early', async () => {
    let release: (id: string) => void = () => {};
    const { session, push } = harness({
      send: (_spec, id) => new Promise((resolve) => (release = () => resolve(id!))),
    });
    const sending = session.send(SPEC);
    expect(session.getSnapshot().view).toMatchObject({
      id: 'page-id-1',
      method: 'GET',
      url: SPEC.url,
      status: 'running',
    });
    // The service's first batch comes before send() has answered: it folds in all the same.
    push(
      batch('page-id-1', 0, [
        {
          type: 'response-head',
          framing: LENGTH_FRAMING,
          t: 1,
          code: 200,
          reason: 'OK',
          version: 'HTTP/1.1',
          headers: [],
        },
      ]),
    );
    expect(session.getSnapshot().view?.code).toBe(200);
    release('page-id-1');
    await sending;
    expect(session.getSnapshot().problem).toBeNull();
  });

  it('passes the chosen id to the service and ignores batches of other exchanges', async () => {
    const { session, sent, push } = harness();
    await session.send(SPEC);
    expect(sent).toEqual([[SPEC, 'page-id-1']]);
    push(
      batch('someone-else', 0, [
        {
          type: 'response-head',
          framing: LENGTH_FRAMING,
          t: 1,
          code: 500,
          reason: 'No',
          version: 'HTTP/1.1',
          headers: [],
        },
      ]),
    );
    expect(session.getSnapshot().view).toMatchObject({ id: 'page-id-1', code: null });
  });

  it('redraws at most every redraw interval while it streams, and at once when it ends', async () => {
    vi.useFakeTimers();
    const { session, push } = harness();
    await session.send(SPEC);
    const seen: number[] = [];
    session.subscribe(() => seen.push(session.getSnapshot().view?.revision ?? -1));
    push(batch('page-id-1', 0, [{ type: 'started', t: 0, method: 'GET', url: SPEC.url }]));
    push(batch('page-id-1', 1, [{ type: 'bytes', t: 1, direction: 'rx', offset: 0, data: new Uint8Array([72]) }]));
    push(batch('page-id-1', 2, [{ type: 'bytes', t: 2, direction: 'rx', offset: 1, data: new Uint8Array([84]) }]));
    // The first batch shows at once; the next two wait for the redraw.
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(50);
    expect(seen).toEqual([1, 3]);
    push(batch('page-id-1', 3, [{ type: 'end', t: 3, status: 'done', bytesSent: 10, bytesReceived: 2 }]));
    expect(seen).toEqual([1, 3, 4]);
    expect(session.getSnapshot().view?.status).toBe('done');
  });

  it('takes the frames the batches left out from the capture once the exchange ends', async () => {
    const readFrames = vi.fn<InspectorApi['readFrames']>(async () => ({
      frames: [{ kind: 'chunk-size', start: 0, end: 3, size: 1, extensions: [], direction: 'rx', t: 5 }],
      next: null,
    }));
    const { session, push } = harness({ readFrames });
    await session.send(SPEC);
    push(batch('page-id-1', 0, [{ type: 'started', t: 100, method: 'GET', url: SPEC.url }], 1));
    push(batch('page-id-1', 1, [{ type: 'end', t: 200, status: 'done', bytesSent: 1, bytesReceived: 3 }]));
    await vi.waitFor(() => expect(session.getSnapshot().view?.chunks).toHaveLength(1));
    expect(readFrames).toHaveBeenCalledWith('page-id-1', 0);
    expect(session.getSnapshot().view?.framesMissing).toBe(0);
  });

  it('says why a send failed, and shows no exchange for it', async () => {
    const { session } = harness({
      send: async () => Promise.reject(new Error('The URL must start with http:// or https://.')),
    });
    await session.send(SPEC);
    expect(session.getSnapshot()).toMatchObject({
      view: null,
      problem: 'The URL must start with http:// or https://.',
    });
  });

  it('reopens a past exchange with its first bytes and frames, and forgets it once deleted', async () => {
    const summary: ExchangeSummary = {
      id: 'old-exchange',
      method: 'GET',
      url: 'http://x/',
      status: 'done',
      code: 204,
      startedAt: 1,
      durationMs: 2,
      bytesSent: 3,
      bytesReceived: 4,
    };
    const readBytes = vi.fn<InspectorApi['readBytes']>(
      async (_id, direction) => new Uint8Array(direction === 'tx' ? 3 : 4),
    );
    const { session } = harness({
      readBytes,
      readFrames: async () => ({
        frames: [
          { kind: 'status-line', start: 0, end: 4, version: 'HTTP/1.1', code: 204, reason: '', direction: 'rx' },
        ],
        next: null,
      }),
    });
    await session.reopen(summary);
    expect(session.getSnapshot().view).toMatchObject({ id: 'old-exchange', code: 204, status: 'done' });
    expect(session.getSnapshot().view?.frames.rx).toHaveLength(1);
    expect(await session.readBytes('rx', 0, 4)).toHaveLength(4);
    session.forget('another');
    expect(session.getSnapshot().view?.id).toBe('old-exchange');
    session.forget('old-exchange');
    expect(session.getSnapshot().view).toBeNull();
  });

  it('says where a save went, nothing for a cancelled one, and why one failed', async () => {
    let answer: () => Promise<{ saved: boolean; path?: string }> = async () => ({ saved: true, path: '/tmp/body.bin' });
    const { session } = harness({ saveBody: () => answer(), saveRaw: async () => ({ saved: true }) });
    await session.send(SPEC);
    await session.save('body');
    expect(session.getSnapshot().saved).toBe('Saved to /tmp/body.bin.');
    await session.save('rx');
    expect(session.getSnapshot().saved).toBe('Saved: your browser is downloading it.');
    answer = async () => ({ saved: false });
    await session.save('body');
    expect(session.getSnapshot().saved).toBeNull();
    answer = async () => Promise.reject(new Error('disk full'));
    await session.save('body');
    expect(session.getSnapshot().problem).toBe('Could not save: disk full');
  });

  it('cancels only a running exchange', async () => {
    const cancel = vi.fn<InspectorApi['cancel']>(async () => true);
    const { session, push } = harness({ cancel });
    session.cancel();
    expect(cancel).not.toHaveBeenCalled();
    await session.send(SPEC);
    session.cancel();
    expect(cancel).toHaveBeenCalledWith('page-id-1');
    push(batch('page-id-1', 0, [{ type: 'end', t: 1, status: 'cancelled', bytesSent: 0, bytesReceived: 0 }]));
    session.cancel();
    expect(cancel).toHaveBeenCalledTimes(1);
  });

  it('stops listening when detached and listens again when attached, as StrictMode remounts it', async () => {
    const { session, push } = harness();
    await session.send(SPEC);
    push(batch('page-id-1', 0, [{ type: 'started', t: 0, method: 'GET', url: SPEC.url }]));
    push(batch('page-id-1', 1, [{ type: 'bytes', t: 1, direction: 'rx', offset: 0, data: new Uint8Array([72]) }]));
    // A redraw still waiting is done when it detaches, not lost.
    expect(session.getSnapshot().view?.preview.rx).toHaveLength(0);
    session.detach();
    expect(session.getSnapshot().view?.preview.rx).toHaveLength(1);
    push(
      batch('page-id-1', 2, [
        {
          type: 'response-head',
          framing: LENGTH_FRAMING,
          t: 1,
          code: 201,
          reason: 'Created',
          version: 'HTTP/1.1',
          headers: [],
        },
      ]),
    );
    // Past the redraw interval (50 ms here), nothing of it shows.
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(session.getSnapshot().view?.code).toBeNull();
    session.attach();
    session.attach(); // twice is once
    push(
      batch('page-id-1', 3, [
        {
          type: 'response-head',
          framing: LENGTH_FRAMING,
          t: 2,
          code: 202,
          reason: 'Accepted',
          version: 'HTTP/1.1',
          headers: [],
        },
      ]),
    );
    await vi.waitFor(() => expect(session.getSnapshot().view?.code).toBe(202));
  });

  it('follows redirects when the spec asks: each hop its own exchange, the chain kept, credentials not sent elsewhere', async () => {
    const { session, sent, push } = harness({
      listHistory: async () => [
        {
          id: 'page-id-1',
          method: 'POST',
          url: SPEC.url,
          status: 'done',
          code: 302,
          startedAt: 0,
          durationMs: 1,
          bytesSent: 1,
          bytesReceived: 1,
        },
      ],
      readBytes: async () => new Uint8Array(0),
      readFrames: async () => ({ frames: [], next: null }),
    });
    const redirect = (id: string, seq: number, code: number, location: string) =>
      push(
        batch(id, seq, [
          {
            type: 'response-head',
            framing: LENGTH_FRAMING,
            t: 1,
            code,
            reason: 'Moved',
            version: 'HTTP/1.1',
            headers: [['Location', location]],
          },
          { type: 'end', t: 2, status: 'done', bytesSent: 1, bytesReceived: 1 },
        ]),
      );
    await session.send({
      ...SPEC,
      method: 'POST',
      followRedirects: true,
      headers: [
        { name: 'Authorization', value: 'secret', enabled: true },
        { name: 'Content-Type', value: 'text/plain', enabled: true },
      ],
      body: { kind: 'text', text: 'x', framing: 'length', chunkSize: 1 },
    });
    redirect('page-id-1', 0, 302, '/next');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    // 302 turns POST into GET, and the body goes with its type header; same origin keeps credentials.
    expect(sent[1]![0]).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:1/next',
      body: { kind: 'none' },
      headers: [{ name: 'Authorization', value: 'secret', enabled: true }],
    });
    expect(session.getSnapshot().hops).toEqual([{ id: 'page-id-1', method: 'POST', url: SPEC.url, code: 302 }]);
    redirect('page-id-2', 0, 307, 'http://other.test/far');
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[2]![0]).toMatchObject({ method: 'GET', url: 'http://other.test/far', headers: [] });
    expect(session.getSnapshot().hops.map((hop) => hop.code)).toEqual([302, 307]);
    push(batch('page-id-3', 0, [{ type: 'end', t: 3, status: 'done', bytesSent: 1, bytesReceived: 1 }]));
    expect(sent).toHaveLength(3);
    // An earlier hop opens with the chain still listed.
    await session.openHop('page-id-1');
    await vi.waitFor(() => expect(session.getSnapshot().view?.id).toBe('page-id-1'));
    expect(session.getSnapshot().hops.map((hop) => hop.id)).toEqual(['page-id-1', 'page-id-2']);
  });

  it('does not follow a redirect unless asked, and stops a chain that is too long', async () => {
    const { session, sent, push } = harness();
    await session.send(SPEC);
    push(
      batch('page-id-1', 0, [
        {
          type: 'response-head',
          framing: LENGTH_FRAMING,
          t: 1,
          code: 301,
          reason: 'Moved',
          version: 'HTTP/1.1',
          headers: [['location', '/x']],
        },
        { type: 'end', t: 2, status: 'done', bytesSent: 1, bytesReceived: 1 },
      ]),
    );
    expect(sent).toHaveLength(1);
    await session.send({ ...SPEC, followRedirects: true });
    for (let n = 2; n <= 12; n++) {
      push(
        batch(`page-id-${n}`, 0, [
          {
            type: 'response-head',
            framing: LENGTH_FRAMING,
            t: 1,
            code: 302,
            reason: 'Found',
            version: 'HTTP/1.1',
            headers: [['location', `/loop${n}`]],
          },
          { type: 'end', t: 2, status: 'done', bytesSent: 1, bytesReceived: 1 },
        ]),
      );
      await vi.waitFor(() => expect(sent.length).toBeGreaterThanOrEqual(Math.min(n, 12)));
    }
    expect(sent).toHaveLength(12);
    expect(session.getSnapshot().problem).toMatch(/^Stopped after 10 redirects/);
  });
});
