// How this works: the store of past exchanges the page lists, newest first. It reads the list from
// the service, again whenever any exchange ends (it watches the batches itself: an exchange sent
// from another page ends in this list too), deletes one on request and tells whoever shows
// exchanges (onDeleted) once its capture is gone. Components read it through useSyncExternalStore.
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { InspectorApi } from '../../shared/inspector-api';

export interface HistoryState {
  items: ExchangeSummary[];
  /** Why the list could not be read, or an exchange not deleted, in words. */
  problem: string | null;
}

export class HistoryStore {
  private state: HistoryState = { items: [], problem: null };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  /** Counts reads, so that a slow one that ends after a newer one does not win. */
  private reads = 0;

  constructor(
    private readonly api: InspectorApi,
    private readonly onDeleted: (id: string) => void = () => {},
  ) {
    this.unsubscribe = api.subscribe((batch) => {
      if (batch.events.some((event) => event.type === 'end')) void this.refresh();
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): HistoryState => this.state;

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  async refresh(): Promise<void> {
    const read = ++this.reads;
    try {
      const items = await this.api.listHistory();
      if (read === this.reads) this.update({ items, problem: null });
    } catch (error) {
      if (read === this.reads) this.update({ problem: (error as Error).message });
    }
  }

  /** Deletes an exchange and its capture; on failure, nothing is gone and the problem says why. */
  async delete(id: string): Promise<void> {
    try {
      await this.api.deleteHistory(id);
    } catch (error) {
      this.update({ problem: (error as Error).message });
      return;
    }
    this.onDeleted(id);
    await this.refresh();
  }

  private update(change: Partial<HistoryState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
