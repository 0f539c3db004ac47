import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(cleanup);

// findBy and waitFor wait up to 5 s, not 1: under a loaded two-core machine (CI runs the test files
// in parallel workers) a store's refresh after a click took longer than 1 s, and a wait that only
// ever times out on a real miss is what these tests mean.
configure({ asyncUtilTimeout: 5000 });

// jsdom lays nothing out: give elements a size so that virtualized lists render the rows in view.
for (const [property, size] of [
  ['offsetHeight', 320],
  ['offsetWidth', 800],
  ['clientHeight', 320],
  ['clientWidth', 800],
] as const) {
  Object.defineProperty(HTMLElement.prototype, property, { configurable: true, get: () => size });
}

// jsdom has no matchMedia (uPlot asks it for the device pixel ratio when loaded): nothing matches.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom has no ResizeObserver (the split panes watch their group's size): one that never reports.
if (typeof window.ResizeObserver !== 'function') {
  window.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}
