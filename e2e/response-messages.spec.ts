// Each message on the wire shown as one: interim (1xx) responses with their own tables, bytes after
// the response's end in a frame of their own, and the connection's life (reused or not, and why).
import { expect, test } from '@playwright/test';
import { done, openScenario, screenshotsAt, send } from './app-page';

test('the connection region says reused on a second exchange, and why a Connection: close response ends it', async ({
  page,
}) => {
  const demo = await openScenario(page, '/content-length?size=16');
  const region = page.getByRole('region', { name: 'Connection' });
  await send(page);
  await done(page);
  await expect(region).toContainText('After this exchange: kept open in the pool for the next request');
  await send(page);
  await done(page);
  await expect(region).toContainText(/reused from the pool \(exchange \d+ on it\)/);
  await page.getByRole('textbox', { name: 'URL' }).fill(`${demo}/close-delimited`);
  await send(page);
  await done(page);
  await expect(region).toContainText(
    'After this exchange: closed, not reused, because the response says Connection: close (RFC 9112 section 9.6).',
  );
  await page.screenshot({ path: 'test-results/screenshots/connection-closed.png', fullPage: true });
});

test('a HEAD response followed by stray bytes shows those bytes as their own frame', async ({ page }) => {
  await openScenario(page, '/malformed/body-longer-than-length');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('HEAD');
  await send(page);
  await done(page);
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes).toContainText('Hello and 16 strays.');
  const stray = bytes.getByRole('button', { name: /^extraneous at bytes \d+ to \d+$/ });
  await expect(stray).toHaveCount(1);
  await stray.click();
  await expect(page.getByRole('region', { name: 'Explain' })).toContainText("Bytes after the response's end");
  await expect(page.getByRole('region', { name: 'Connection' })).toContainText(
    "21 byte(s) came after the response's end",
  );
  await page.screenshot({ path: 'test-results/screenshots/stray-bytes.png', fullPage: true });
});

test('a 103 then a 200 are two messages: each its status, its header table, a line between them in the bytes', async ({
  page,
}) => {
  await openScenario(page, '/early-hints?delay=100');
  await send(page);
  await done(page);
  const interim = page.getByRole('table', { name: 'Interim response 1: 103 Early Hints' });
  await expect(interim).toContainText('</style.css>; rel=preload; as=style');
  await expect(page.getByRole('table', { name: 'Response headers' })).toContainText('text/html; charset=utf-8');
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.locator('.wire-row.message-start')).toHaveCount(1);
  await expect(bytes.locator('.wire-row.message-start')).toContainText('HTTP/1.1 200 OK');
  // A field of the interim head selects its bytes.
  await interim.getByRole('row').filter({ hasText: 'Link' }).click();
  await expect(bytes.locator('.frame-selected')).toContainText('Link: </style.css>');
  await screenshotsAt(page, 'early-hints', [
    [1280, 'light'],
    [760, 'dark'],
  ]);
});

test('the chunk table follows new chunks until the person scrolls away, and follows again on request', async ({
  page,
}) => {
  await openScenario(page, '/chunked?count=60&size=8&delay=80');
  await send(page);
  const table = page.getByRole('table', { name: 'Chunks' });
  const scroller = page.locator('.chunk-scroller');
  // Rows past the box (about 13 fit): the newest is in view while they arrive.
  await expect(table.locator('tbody tr[aria-rowindex="22"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.state')).toHaveText('streaming');
  await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
  const follow = page.getByRole('button', { name: 'Follow the newest ↓' });
  await expect(follow).toBeVisible();
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toBeVisible();
  await page.waitForTimeout(400);
  // Scrolled away: it stays where the person put it.
  await expect(table.locator('tbody tr[aria-rowindex="2"]')).toBeVisible();
  await follow.click();
  await expect(follow).toBeHidden();
  await done(page);
  await expect(table.locator('tbody tr').filter({ hasText: /^last/ })).toBeVisible();
});

test('the timing waterfall has a head phase that grows while a slow head arrives, then a body phase', async ({
  page,
}) => {
  await openScenario(page, '/slow-head?delay=300');
  await send(page);
  const timing = page.getByRole('table', { name: 'Timing' });
  const headRow = timing.getByRole('row').filter({ hasText: /^Receive head/ });
  await expect(headRow).toBeVisible();
  const duration = async () => Number(/([\d.]+) ms$/.exec((await headRow.locator('td').nth(2).textContent())!)![1]);
  const first = await duration();
  await expect.poll(duration, { timeout: 5000 }).toBeGreaterThan(first + 250);
  await done(page);
  await expect(timing.getByRole('row').filter({ hasText: /^Receive body/ })).toBeVisible();
  await expect(timing.getByRole('row').filter({ hasText: /^Whole exchange/ })).toBeVisible();
  expect(await duration()).toBeGreaterThan(1000);
});

test('a head of 1,000 fields stays in its box: the table scrolls, and draws only the rows in view', async ({
  page,
}) => {
  const demo = await openScenario(page, '/content-length?size=8');
  const url = page.getByRole('textbox', { name: 'URL' });
  await url.fill('');
  await url.focus();
  const headers = Array.from({ length: 1000 }, (_, i) => `-H 'X-Field-${i + 1}: value ${i + 1}'`).join(' ');
  const command = `curl ${headers} ${demo}/content-length?size=8`;
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(command)});
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  })()`);
  await send(page);
  await done(page);
  const table = page.getByRole('tabpanel').getByRole('table', { name: 'Request headers' });
  // host, then the 1,000 fields, then the header row.
  await expect(table).toHaveAttribute('aria-rowcount', '1002');
  const drawn = await table.locator('tbody tr:not(.spacer)').count();
  expect(drawn).toBeLessThan(80);
  const box = await table.locator('xpath=..').boundingBox();
  expect(box!.height).toBeLessThanOrEqual(24 * 16 + 1);
  // Scrolled to the end, the last field is drawn.
  await table.locator('xpath=..').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect(table.getByRole('row').filter({ hasText: 'X-Field-1000' })).toBeVisible();
});
