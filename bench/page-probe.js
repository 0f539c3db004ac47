// Loaded into the measured page before the app (page.addInitScript): records long tasks, when the
// Send button was clicked, and when the exchange state first read as ended after that click.
// Plain script, run in the browser: `npm run measure` reads `globalThis.__probe`.
(() => {
  const probe = { longTasks: [], clicked: 0, done: 0 };
  globalThis.__probe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener(
    'click',
    (event) => {
      const button = event.target instanceof Element ? event.target.closest('button') : null;
      if (button && button.textContent === 'Send') {
        probe.clicked = performance.now();
        probe.done = 0;
      }
    },
    true,
  );
  new MutationObserver(() => {
    const state = document.querySelector('.state');
    if (probe.clicked > 0 && probe.done === 0 && state && /^(done|error|cancelled)$/.test(state.textContent ?? '')) probe.done = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
