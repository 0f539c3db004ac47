// A render that did only part of its work (a budget of frames laid out, of chunks plotted) asks for
// the next one here: while `pending` is true after a render, another follows in a task of its own,
// so the rest is done a budget at a time without holding the page.
import { useEffect, useReducer } from 'react';

export function useRenderAgainWhile(pending: boolean): void {
  const [, again] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!pending) return;
    const next = setTimeout(again, 0);
    return () => clearTimeout(next);
  });
}
