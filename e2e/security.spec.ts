// Browser mode as an attacker's page sees it: another server on 127.0.0.1 (another port) serves a
// page that tries the old ways in (an <img> at a download route, a no-cors fetch, a WebSocket to the
// API). It must carry no token, reach nothing, and the service must go on serving the real page.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { openApp } from './app-page';
import { E2E_PORT, E2E_TOKEN } from './browser-mode';

test('the token leaves the address bar and the history at once, and a reload keeps the page working', async ({
  page,
}) => {
  await openApp(page);
  expect(page.url()).toBe(`http://127.0.0.1:${E2E_PORT}/`);
  expect(await page.evaluate('history.length')).toBe(2);
  await page.goBack();
  expect(page.url()).not.toContain(E2E_TOKEN);
  await page.goForward();
  await page.reload();
  await expect(page.getByRole('contentinfo', { name: 'Connection' })).toContainText(/browser mode · demo server/);
  expect(await page.context().cookies()).toEqual([]);
});

test('a page from another local port carries no token, reaches nothing, and cannot stop the service', async ({
  page,
  context,
}) => {
  const seen: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const target = `http://127.0.0.1:${E2E_PORT}`;
  const hostile = createServer((request, response) => {
    seen.push({ url: request.url ?? '', headers: request.headers });
    if (request.url?.startsWith('/report')) return void response.writeHead(204).end();
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<!doctype html><title>another local page</title><body><script>
      const report = (what) => fetch('/report?' + encodeURIComponent(what));
      const img = new Image();
      img.onerror = () => report('img-error');
      img.onload = () => report('img-load');
      img.src = '${target}/export/abc/raw/tx';
      fetch('${target}/export/${'A'.repeat(32)}', { mode: 'no-cors', credentials: 'include' }).then(() => report('fetch-opaque'), () => report('fetch-error'));
      fetch('${target}/upload/${'A'.repeat(24)}', { method: 'POST', body: 'x', mode: 'no-cors', credentials: 'include' }).then(() => report('post-opaque'), () => report('post-error'));
      const ws = new WebSocket('ws://127.0.0.1:${E2E_PORT}/rpc');
      ws.onopen = () => { report('ws-open'); ws.send(JSON.stringify({ kind: 'hello', token: 'guess' })); };
      ws.onclose = (event) => report('ws-close-' + event.code);
    </script></body>`);
  });
  hostile.listen(0, '127.0.0.1');
  await once(hostile, 'listening');
  const port = (hostile.address() as AddressInfo).port;
  try {
    // The real app first, in the same browser: whatever it leaves behind, the other page could carry.
    await openApp(page);
    const attacker = await context.newPage();
    await attacker.goto(`http://127.0.0.1:${port}/`);
    await expect
      .poll(() => seen.filter((s) => s.url.startsWith('/report')).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(4);
    const reports = seen
      .filter((s) => s.url.startsWith('/report'))
      .map((s) => decodeURIComponent(s.url.slice('/report?'.length)));
    expect(reports).toContain('img-error');
    expect(reports).not.toContain('ws-open');
    expect(reports.some((r) => r.startsWith('ws-close-'))).toBe(true);
    // Nothing the other server received carries the token (no cookie, no header, no URL).
    for (const request of seen) expect(JSON.stringify(request)).not.toContain(E2E_TOKEN);
    await attacker.close();
    // The service is still there for the real page.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.locator('.state')).toHaveText('done', { timeout: 10_000 });
  } finally {
    hostile.close();
  }
});
