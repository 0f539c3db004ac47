// How this works: the store of past exchanges the page lists, newest first. It reads the list from
// the service, again whenever an exchange starts or ends (it watches the batches itself: an exchange
// sent from another page shows here too), and deletes with undo: a deleted exchange leaves the list at
// once and its capture goes when the undo window has passed (or when the next deletion comes); Undo
// within the window brings it back with nothing lost, and a page closed within it deletes nothing.
// Clearing deletes every capture but those still running, and is asked for twice by the UI.
// Components read it through useSyncExternalStore.
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import type { InspectorApi } from '../../shared/inspector-api';
import { exportHar } from './har-export';

/** How long a deletion can be undone. */
export const UNDO_MS = 8000;

export interface HistoryState {
  /** The list, less an exchange whose deletion can still be undone. */
  items: ExchangeSummary[];
  /** The exchange just deleted, while Undo can bring it back. */
  deleted: ExchangeSummary | null;
  /** Why the list could not be read, or an exchange not deleted, in words. */
  problem: string | null;
  /** What the last clear or export did, in words. */
  notice: string | null;
  /** The exchanges picked for an export (ids still in the list). */
  selected: ReadonlySet<string>;
  /** An export is being read and written. */
  exporting: boolean;
}

export class HistoryStore {
  private state: HistoryState = {
    items: [],
    deleted: null,
    problem: null,
    notice: null,
    selected: new Set(),
    exporting: false,
  };
  private all: ExchangeSummary[] = [];
  private readonly listeners = new Set<() => void>();
  /** Stops the batches; null while detached. */
  private unsubscribe: (() => void) | null = null;
  /** Counts reads, so that a slow one that ends after a newer one does not win. */
  private reads = 0;
  private pending: { item: ExchangeSummary; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    private readonly api: InspectorApi,
    /** Told when an exchange leaves the list (deleted, or cleared), so that it stops being shown. */
    private readonly onDeleted: (id: string) => void = () => {},
    private readonly undoMs = UNDO_MS,
  ) {}

  /** Listens to the batches (from a component's effect, as ExchangeSession.attach); undone by detach(). */
  attach(): void {
    this.unsubscribe ??= this.api.subscribe((batch) => {
      if (batch.events.some((event) => event.type === 'end' || event.type === 'started')) void this.refresh();
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): HistoryState => this.state;

  /** Stops listening until attach(); a deletion still in its undo window is dropped (its capture is kept). */
  detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = null;
    this.update({});
  }

  async refresh(): Promise<void> {
    const read = ++this.reads;
    try {
      const items = await this.api.listHistory();
      if (read !== this.reads) return;
      this.all = items;
      this.update({ problem: null });
    } catch (error) {
      if (read === this.reads) this.update({ problem: (error as Error).message });
    }
  }

  /** Takes an exchange off the list at once; its capture is deleted once the undo window has passed. */
  delete(id: string): void {
    const item = this.all.find((summary) => summary.id === id);
    if (!item) return;
    // One deletion can be undone at a time: the one before goes now.
    if (this.pending) void this.commit();
    this.pending = { item, timer: setTimeout(() => void this.commit(), this.undoMs) };
    this.onDeleted(id);
    this.update({ notice: null });
  }

  /** Brings back the exchange just deleted. */
  undo(): void {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    this.pending = null;
    this.update({});
  }

  /** Hands `load` the request an exchange sent (Edit and resend), or says why it cannot. */
  async editAndResend(id: string, load: (spec: ExchangeSpec) => void): Promise<void> {
    try {
      const spec = await this.api.getSpec(id);
      if (spec === null) {
        this.update({ problem: 'That exchange was captured by an earlier version, which kept no request to edit.' });
        return;
      }
      this.update({ problem: null });
      load(spec);
    } catch (error) {
      this.update({ problem: `Could not load that request: ${(error as Error).message}` });
    }
  }

  /** Picks or unpicks exchanges for an export. */
  select(ids: readonly string[], on: boolean): void {
    const selected = new Set(this.state.selected);
    for (const id of ids) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
    this.update({ selected });
  }

  /** Saves the picked exchanges (or `ids`) as one HAR file; running ones are left out: their capture is not whole. */
  async exportHar(ids: readonly string[] = [...this.state.selected]): Promise<void> {
    const picked = this.state.items.filter((item) => ids.includes(item.id));
    const over = picked.filter((item) => item.status !== 'running');
    if (over.length === 0) {
      this.update({ problem: 'Pick the exchanges to export (their boxes), once they are over.' });
      return;
    }
    this.update({ exporting: true, problem: null, notice: `Reading ${over.length} captures for the HAR file…` });
    try {
      const saved = await exportHar(this.api, over);
      const left = picked.length - over.length;
      this.update({
        notice: saved.saved
          ? `Exported ${over.length} exchange${over.length === 1 ? '' : 's'} as HAR${saved.path ? ` to ${saved.path}` : ''}.${left > 0 ? ` ${left} still running ${left === 1 ? 'was' : 'were'} left out.` : ''}`
          : null,
      });
    } catch (error) {
      this.update({ notice: null, problem: `Could not export the HAR file: ${(error as Error).message}` });
    } finally {
      this.update({ exporting: false });
    }
  }

  /** Deletes every capture but those of running exchanges (the UI asks first). */
  async clear(): Promise<void> {
    if (this.pending) await this.commit();
    try {
      const count = await this.api.clearHistory();
      for (const item of this.all) if (item.status !== 'running') this.onDeleted(item.id);
      this.update({ notice: `Cleared ${count} exchange${count === 1 ? '' : 's'} from history.` });
    } catch (error) {
      this.update({ problem: `Could not clear history: ${(error as Error).message}` });
    }
    await this.refresh();
  }

  private async commit(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending = null;
    this.update({});
    let problem: string | null = null;
    try {
      await this.api.deleteHistory(pending.item.id);
    } catch (error) {
      problem = `${pending.item.method} ${pending.item.url} could not be deleted: ${(error as Error).message}`;
    }
    // The list is read again either way; a failure is said after it (a successful read clears problems).
    await this.refresh();
    if (problem) this.update({ problem });
  }

  private update(change: Partial<HistoryState>): void {
    const hidden = this.pending?.item.id;
    const items = this.all.filter((item) => item.id !== hidden);
    const selected = change.selected ?? this.state.selected;
    // A selection holds only exchanges still listed.
    const listed = [...selected].filter((id) => items.some((item) => item.id === id));
    this.state = {
      ...this.state,
      ...change,
      items,
      deleted: this.pending?.item ?? null,
      selected: listed.length === selected.size ? selected : new Set(listed),
    };
    for (const listener of this.listeners) listener();
  }
}
