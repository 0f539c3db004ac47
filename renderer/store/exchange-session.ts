// How this works: the store of what the page shows of exchanges (as httptoolkit-ui keeps its event
// queue in a store, not in component refs). It owns the subscription to batches, folds those of the
// exchange shown into its view (exchange-view.ts), throttles redraws, reopens past exchanges from
// their captures, and says what went wrong. Components read it through useSyncExternalStore.
// The page picks the id of each exchange it sends, and shows that id's view before sending: every
// batch of it finds its view, so no batch can arrive "early". With Follow redirects, an exchange
// that ends in a redirect sends the next hop as an exchange of its own, and the chain is listed.
import { exchangeIdFrom } from '../../shared/exchange-id';
import type { ExchangeBatch, ExchangeSummary } from '../../shared/exchange-events';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import type { Direction } from '../../shared/frames';
import type { BodyInfo, FindResult, InspectorApi } from '../../shared/inspector-api';
import type { FindQuery } from '../../shared/find-query';
import { MAX_REDIRECTS, nextHop } from '../../shared/redirect-rules';
import { framePages } from './capture-pages';
import { exportHar, exportHttp } from './har-export';
import {
  applyBatch,
  emptyView,
  foldCapturedFrames,
  PREVIEW_LIMIT,
  viewFromSummary,
  withoutFrames,
  type ExchangeView,
} from './exchange-view';

/** Longest the screen lags the batches while a response streams (its first batch and its end show at once). */
/** What Save and Export write: the body decoded or as sent, one direction's bytes, HAR, .http. */
export type SaveWhat = 'body' | 'body-wire' | Direction | 'har' | 'http';

export const REDRAW_MS = 100;

/** An exchange of a redirect chain that came before the one shown. */
export interface RedirectHopView {
  id: string;
  method: string;
  url: string;
  code: number;
}

export interface SessionState {
  /** The exchange shown (sent here, or reopened), or null for none. */
  view: ExchangeView | null;
  /** When the shown exchange was reached by following redirects: the exchanges before it, in order. */
  hops: RedirectHopView[];
  /** What went wrong last (sending, reopening, saving), in words; null when nothing did. */
  problem: string | null;
  /** What the last save did, in words. */
  saved: string | null;
}

export class ExchangeSession {
  private state: SessionState = { view: null, hops: [], problem: null, saved: null };
  /** What the exchange shown sent, to follow its redirect (when its spec asks to). */
  private spec: { id: string; spec: ExchangeSpec } | null = null;
  /** The view as batches have folded it, ahead of `state.view` by at most REDRAW_MS. */
  private latest: ExchangeView | null = null;
  private redrawTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  /** Stops the batches; null while detached. */
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly api: InspectorApi,
    private readonly newId: () => string = () => exchangeIdFrom(Date.now(), crypto.getRandomValues(new Uint8Array(4))),
    private readonly redrawMs = REDRAW_MS,
  ) {}

  /**
   * Listens to the batches (from a component's effect; undone by detach()). Not in the constructor:
   * React's StrictMode makes a state's initial value twice and keeps one, and mounts every effect
   * twice, so a store listens only while mounted and outlives a detach and attach.
   */
  attach(): void {
    this.unsubscribe ??= this.api.subscribe((batch) => this.onBatch(batch));
  }

  /** For useSyncExternalStore. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SessionState => this.state;

  /** Stops listening to the batches until attach(); a redraw still waiting is done now. */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.redrawTimer) this.show(this.latest, true);
  }

  /** Sends `spec` under a new id, shown (empty) at once; its batches fold in as they come. */
  async send(spec: ExchangeSpec, hops: RedirectHopView[] = []): Promise<void> {
    const id = this.newId();
    this.spec = { id, spec };
    this.show({ ...emptyView(id), method: spec.method, url: spec.url }, true, { problem: null, saved: null, hops });
    try {
      await this.api.send(spec, id);
    } catch (error) {
      // Nothing was sent: the empty view goes, the reason stays.
      if (this.latest?.id === id) this.show(null, true, { problem: (error as Error).message });
      else this.update({ problem: (error as Error).message });
    }
  }

  /** Cancels the exchange shown, if it runs. */
  cancel(): void {
    const view = this.latest;
    if (view && view.status === 'running') void this.api.cancel(view.id);
  }

  /** Shows an earlier exchange of the redirect chain shown (the chain stays listed). */
  async openHop(id: string): Promise<void> {
    // The chain stays whole: the exchange shown joins it if it is its last hop.
    const shown = this.latest;
    const chain =
      shown && shown.code !== null && !this.state.hops.some((hop) => hop.id === shown.id)
        ? [...this.state.hops, { id: shown.id, method: shown.method, url: shown.url, code: shown.code }]
        : this.state.hops;
    try {
      await this.reopen(await this.summaryOf(id), chain);
    } catch (error) {
      this.update({ problem: `Could not open that hop: ${(error as Error).message}` });
    }
  }

  /** Shows a past exchange: its summary and first bytes at once, then all its frames from the capture. */
  async reopen(summary: ExchangeSummary, hops: RedirectHopView[] = []): Promise<void> {
    this.spec = null;
    this.update({ saved: null, hops });
    try {
      const [tx, rx] = await Promise.all([
        this.api.readBytes(summary.id, 'tx', 0, PREVIEW_LIMIT),
        this.api.readBytes(summary.id, 'rx', 0, PREVIEW_LIMIT),
      ]);
      const view = viewFromSummary(summary, { tx, rx });
      this.latest = view;
      await this.loadFrames(view);
    } catch (error) {
      this.update({ problem: `Could not reopen that exchange: ${(error as Error).message}` });
    }
  }

  /** A deleted exchange is no longer shown: its capture is gone, so its bytes cannot be read. */
  forget(id: string): void {
    if (this.latest?.id === id) this.show(null, true, { saved: null });
  }

  /** Saves the shown exchange's decoded body, one direction's exact bytes, or the exchange as HAR or .http. */
  async save(what: SaveWhat): Promise<void> {
    const id = this.latest?.id;
    if (!id) return;
    this.update({ saved: null });
    try {
      const result = await this.saveAs(id, what);
      this.update({
        saved: result.saved
          ? result.path
            ? `Saved to ${result.path}.`
            : 'Saved: your browser is downloading it.'
          : null,
      });
    } catch (error) {
      this.update({ problem: `Could not save: ${(error as Error).message}` });
    }
  }

  private async saveAs(id: string, what: SaveWhat) {
    if (what === 'body' || what === 'body-wire') return this.api.saveBody(id, what === 'body' ? 'decoded' : 'wire');
    if (what === 'tx' || what === 'rx') return this.api.saveRaw(id, what);
    const summary = await this.summaryOf(id);
    if (what === 'har') return exportHar(this.api, [summary]);
    const saved = await exportHttp(this.api, summary);
    if (!saved) throw new Error('its capture kept no request to write as a .http file');
    return saved;
  }

  /** The history's summary of an exchange (what its capture says of it). */
  private async summaryOf(id: string): Promise<ExchangeSummary> {
    const summary = (await this.api.listHistory()).find((item) => item.id === id);
    if (!summary) throw new Error('the exchange is no longer in the history');
    return summary;
  }

  /** The shown exchange's body decoded (once it is over), and what decoding found. */
  describeBody = (direction: Direction = 'rx'): Promise<BodyInfo> => {
    const id = this.latest?.id;
    return id ? this.api.describeBody(id, direction) : Promise.reject(new Error('no exchange is shown'));
  };

  /** Bytes [start, end) of the shown exchange's decoded body (the response's, or the request's). */
  readBody = (start: number, end: number, direction: Direction = 'rx'): Promise<Uint8Array> => {
    const id = this.latest?.id;
    return id ? this.api.readBody(id, start, end, direction) : Promise.reject(new Error('no exchange is shown'));
  };

  /** Finds text or bytes in one direction of the shown exchange's capture. */
  find = (direction: Direction, query: FindQuery, from?: number): Promise<FindResult> => {
    const id = this.latest?.id;
    return id ? this.api.findInCapture(id, direction, query, from) : Promise.reject(new Error('no exchange is shown'));
  };

  /** Bytes [start, end) of the shown exchange. */
  readBytes = (direction: Direction, start: number, end: number): Promise<Uint8Array> => {
    const id = this.latest?.id;
    return id ? this.api.readBytes(id, direction, start, end) : Promise.reject(new Error('no exchange is shown'));
  };

  private onBatch(batch: ExchangeBatch): void {
    const current = this.latest;
    if (current?.id !== batch.exchangeId) return;
    const next = applyBatch(current, batch);
    const ended = next.status !== 'running' && current.status === 'running';
    this.show(next, ended || current.revision === 0);
    if (ended) this.follow(next);
    // When batches left frames out, the capture has them all once the exchange is over.
    if (ended && next.framesMissing > 0) {
      this.loadFrames(withoutFrames(next)).catch((error: Error) =>
        this.update({ problem: `Some frames of this exchange could not be read from its capture: ${error.message}` }),
      );
    }
  }

  /**
   * Follows a redirect the shown exchange ended with, when its spec asks to: the next hop is an
   * exchange of its own (shared/redirect-rules.ts says what it sends), and the chain so far is kept.
   */
  private follow(view: ExchangeView): void {
    const sent = this.spec;
    if (!sent || sent.id !== view.id || !sent.spec.followRedirects || view.status !== 'done' || view.code === null)
      return;
    const location = view.responseHeaders.find(([name]) => name.toLowerCase() === 'location')?.[1];
    let next: ExchangeSpec | null;
    try {
      next = nextHop(sent.spec, view.code, location);
    } catch (error) {
      this.update({ problem: (error as Error).message });
      return;
    }
    if (!next) return;
    const hops = [...this.state.hops, { id: view.id, method: view.method, url: view.url, code: view.code }];
    if (hops.length > MAX_REDIRECTS) {
      this.update({
        problem: `Stopped after ${MAX_REDIRECTS} redirects (${[...hops.map((hop) => hop.url), next.url].join(' → ')}): the chain may loop. Open the last hop to see where it went.`,
      });
      return;
    }
    void this.send(next, hops);
  }

  /**
   * Folds a capture's frames into `view` page by page (each page is a message of its own, so a
   * capture of 100,000 chunks never blocks the page), then shows it if it is still the one shown.
   */
  private async loadFrames(view: ExchangeView): Promise<void> {
    const id = view.id;
    for await (const frames of framePages(this.api, id)) foldCapturedFrames(view, frames);
    if (this.latest?.id === id) this.show(view, true);
  }

  /** Makes `view` the shown one: now, or at the next redraw (at most redrawMs away). */
  private show(view: ExchangeView | null, now: boolean, also: Partial<SessionState> = {}): void {
    this.latest = view;
    if (now) {
      if (this.redrawTimer) clearTimeout(this.redrawTimer);
      this.redrawTimer = null;
      this.update({ ...also, view });
      return;
    }
    if (Object.keys(also).length > 0) this.update(also);
    this.redrawTimer ??= setTimeout(() => {
      this.redrawTimer = null;
      this.update({ view: this.latest });
    }, this.redrawMs);
  }

  private update(change: Partial<SessionState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
