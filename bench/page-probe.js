// Loaded into the measured page before the app (page.addInitScript): records long tasks, when the
// Send button was clicked, and when the new exchange's state first read as ended after that click
// (the state element of the exchange shown at the click does not count: each exchange's view is a
// new element, so a finished one still on screen cannot end the timing early).
// Plain script, run in the browser: `npm run measure` reads `globalThis.__probe`.
(() => {
  const probe = { longTasks: [], clicked: 0, done: 0 };
  let stale = null;
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
        stale = document.querySelector('.state');
      }
    },
    true,
  );
  new MutationObserver(() => {
    const state = document.querySelector('.state');
    if (
      probe.clicked > 0 &&
      probe.done === 0 &&
      state &&
      state !== stale &&
      /^(done|error|cancelled)$/.test(state.textContent ?? '')
    )
      probe.done = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
