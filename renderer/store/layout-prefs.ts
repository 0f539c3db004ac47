// How this works: the person's layout choices, remembered in the page's localStorage: whether the
// request and the response sit side by side or stacked. Until they choose, a window narrower than
// WIDE_PX stacks them. (The sizes of the splits are remembered by the split-pane library itself.)
// Components read it through useSyncExternalStore.
import { safeLocalStorage } from '../lib/safe-storage';

export type Orientation = 'side-by-side' | 'stacked';

/** The narrowest window that puts the request and the response side by side by default. */
export const WIDE_PX = 1100;
const KEY = 'lowhaio.layout.orientation';

export class LayoutPrefs {
  private orientation: Orientation;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage(),
    width = typeof window === 'undefined' ? WIDE_PX : window.innerWidth,
  ) {
    const saved = this.storage?.getItem(KEY);
    this.orientation =
      saved === 'side-by-side' || saved === 'stacked' ? saved : width >= WIDE_PX ? 'side-by-side' : 'stacked';
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): Orientation => this.orientation;

  readonly setOrientation = (orientation: Orientation): void => {
    if (orientation === this.orientation) return;
    this.orientation = orientation;
    this.storage?.setItem(KEY, orientation);
    for (const listener of this.listeners) listener();
  };
}
