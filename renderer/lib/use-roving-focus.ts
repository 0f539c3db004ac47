// How this works: a roving tabindex (WAI-ARIA Authoring Practices, "Keyboard Navigation Inside
// Components"), so that a table or a list is one Tab stop and the arrow keys move inside it. The
// elements that take the focus carry `data-roving`; those of one row sit inside a `data-roving-row`
// (or are the row).
// After every render exactly one of them has tabIndex 0 (the last one focused, if still there, else
// the first), the rest -1. Up and Down go to the row above or below (same column where it has one),
// Left and Right along a row, Home and End to the first and last row. Focus is the DOM's own
// state, so it is kept there, not in React state.
import { useCallback, useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent } from 'react';

const ITEM = '[data-roving]';
const ROW = '[data-roving-row]';

export function useRovingFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const current = useRef<HTMLElement | null>(null);

  useLayoutEffect(() => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>(ITEM) ?? [])];
    const stop = current.current && items.includes(current.current) ? current.current : (items[0] ?? null);
    for (const item of items) item.tabIndex = item === stop ? 0 : -1;
  });

  const onFocus = useCallback((event: FocusEvent<T>) => {
    const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(ITEM) : null;
    if (!target || !ref.current?.contains(target)) return;
    current.current = target;
    for (const item of ref.current.querySelectorAll<HTMLElement>(ITEM)) item.tabIndex = item === target ? 0 : -1;
  }, []);

  const onKeyDown = useCallback((event: KeyboardEvent<T>) => {
    const container = ref.current;
    const target = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>(ITEM) : null;
    if (!container || !target || event.altKey || event.ctrlKey || event.metaKey) return;
    const rows = [...container.querySelectorAll<HTMLElement>(ROW)];
    const row = target.closest<HTMLElement>(ROW);
    const rowIndex = row ? rows.indexOf(row) : -1;
    // A row takes the focus itself (a header row), or holds what does (a history entry's buttons).
    const cells = (r: HTMLElement | undefined) =>
      !r ? [] : r.matches(ITEM) ? [r] : [...r.querySelectorAll<HTMLElement>(ITEM)];
    const column = Math.max(0, cells(row ?? undefined).indexOf(target));
    const inRow = (r: HTMLElement | undefined) => {
      const found = cells(r);
      return found[Math.min(column, found.length - 1)];
    };
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = inRow(rows[rowIndex + 1]);
    else if (event.key === 'ArrowUp') next = rowIndex > 0 ? inRow(rows[rowIndex - 1]) : undefined;
    else if (event.key === 'Home') next = inRow(rows[0]);
    else if (event.key === 'End') next = inRow(rows[rows.length - 1]);
    else if (event.key === 'ArrowRight') next = cells(row ?? undefined)[column + 1];
    else if (event.key === 'ArrowLeft') next = column > 0 ? cells(row ?? undefined)[column - 1] : undefined;
    else return;
    event.preventDefault();
    next?.focus();
    next?.scrollIntoView?.({ block: 'nearest' });
  }, []);

  return { ref, onFocus, onKeyDown };
}
