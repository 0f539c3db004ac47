// How this works: the store of the open tabs, each one a composer draft and the exchange it sent
// (its own ExchangeSession), so that several exchanges are open at once and one keeps streaming
// while another is shown. A tab closed is kept for a few seconds so Undo can bring it back whole;
// closing it stops its exchange if it was running (its capture stays in the history). There is
// always one tab: closing the last one opens a fresh one. Components read it through
// useSyncExternalStore.
import { ComposerStore, type ComposerDraft } from './composer-draft';
import type { ExchangeSession } from './exchange-session';
import type { SavedSource } from './saved-requests-store';
import { UNDO_MS } from './history-store';

export interface WorkbenchTab {
  id: string;
  composer: ComposerStore;
  session: ExchangeSession;
}

export interface TabsState {
  tabs: readonly WorkbenchTab[];
  activeId: string;
  /** The tab just closed, while Undo can bring it back. */
  closed: WorkbenchTab | null;
}

export class TabsStore {
  private state: TabsState;
  private readonly listeners = new Set<() => void>();
  private attached = false;
  private count = 0;
  /** Where the closed tab was, and when its undo window ends. */
  private pending: { index: number; timer: ReturnType<typeof setTimeout> } | null = null;

  constructor(
    /** Makes the exchange session of a new tab. */
    private readonly newSession: () => ExchangeSession,
    private readonly undoMs = UNDO_MS,
  ) {
    const first = this.make();
    this.state = { tabs: [first], activeId: first.id, closed: null };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): TabsState => this.state;

  /** The tab shown. */
  active(): WorkbenchTab {
    return this.state.tabs.find((tab) => tab.id === this.state.activeId) ?? this.state.tabs[0]!;
  }

  /** Every tab's session listens to the batches (from a component's effect; undone by detach()). */
  attach(): void {
    this.attached = true;
    for (const tab of this.state.tabs) tab.session.attach();
    this.state.closed?.session.attach();
  }

  /** Stops every session listening; a closed tab still in its undo window is gone for good. */
  detach(): void {
    this.attached = false;
    for (const tab of this.state.tabs) tab.session.detach();
    this.expire();
  }

  /**
   * Opens a tab after the one shown, with `draft` in its composer (or the default one), and shows
   * it; a saved request comes with where it was saved and what to know about it.
   */
  open(draft?: ComposerDraft, source: SavedSource | null = null, notes: string[] = []): string {
    const tab = this.make();
    if (draft) tab.composer.load(draft, source, notes);
    if (this.attached) tab.session.attach();
    const index = this.state.tabs.findIndex((t) => t.id === this.state.activeId) + 1;
    const tabs = [...this.state.tabs.slice(0, index), tab, ...this.state.tabs.slice(index)];
    this.update({ tabs, activeId: tab.id });
    return tab.id;
  }

  activate(id: string): void {
    if (id !== this.state.activeId && this.state.tabs.some((tab) => tab.id === id)) this.update({ activeId: id });
  }

  /** Shows the tab `step` places from the one shown, wrapping round. */
  cycle(step: number): void {
    const { tabs, activeId } = this.state;
    const index = tabs.findIndex((tab) => tab.id === activeId);
    this.activate(tabs[(index + step + tabs.length * Math.abs(step)) % tabs.length]!.id);
  }

  /** Closes a tab (the one shown by default): its running exchange is cancelled, and Undo can bring it back. */
  close(id: string = this.state.activeId): void {
    const index = this.state.tabs.findIndex((tab) => tab.id === id);
    if (index < 0) return;
    this.expire();
    const tab = this.state.tabs[index]!;
    tab.session.cancel();
    let tabs = this.state.tabs.filter((t) => t.id !== id);
    if (tabs.length === 0) {
      tabs = [this.make()];
      if (this.attached) tabs[0]!.session.attach();
    }
    const activeId = id === this.state.activeId ? tabs[Math.min(index, tabs.length - 1)]!.id : this.state.activeId;
    this.pending = { index, timer: setTimeout(() => this.expire(), this.undoMs) };
    this.update({ tabs, activeId, closed: tab });
  }

  /** Brings the tab just closed back where it was, and shows it. */
  undoClose(): void {
    const { closed } = this.state;
    if (!closed || !this.pending) return;
    clearTimeout(this.pending.timer);
    const index = Math.min(this.pending.index, this.state.tabs.length);
    this.pending = null;
    const tabs = [...this.state.tabs.slice(0, index), closed, ...this.state.tabs.slice(index)];
    this.update({ tabs, activeId: closed.id, closed: null });
  }

  /** Every tab stops showing an exchange deleted from the history. */
  forget(exchangeId: string): void {
    for (const tab of this.state.tabs) tab.session.forget(exchangeId);
  }

  private make(): WorkbenchTab {
    this.count++;
    return { id: `tab-${this.count}`, composer: new ComposerStore(), session: this.newSession() };
  }

  /** Ends the undo window of the closed tab: its session stops listening. */
  private expire(): void {
    if (!this.pending) return;
    clearTimeout(this.pending.timer);
    this.pending = null;
    this.state.closed?.session.detach();
    this.update({ closed: null });
  }

  private update(change: Partial<TabsState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
