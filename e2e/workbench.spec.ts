// The workbench in Chromium through browser mode: tabs that stream at once, the layout the person
// chooses (remembered across a reload), and the whole app from the keyboard alone.
import { expect, test, type Page } from '@playwright/test';
import { openApp, openScenario } from './app-page';

const tabList = (page: Page) => page.getByRole('tablist', { name: 'Open exchanges' });
const shown = (page: Page) => page.getByRole('tabpanel');

test('two tabs stream at once: one goes on in the background while the other is shown', async ({ page }) => {
  const base = await openScenario(page, '/chunked?count=16&size=16&delay=300');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(shown(page).locator('.state')).toHaveText('streaming');
  await page.getByRole('button', { name: 'New tab' }).click();
  const tabs = tabList(page).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('textbox', { name: 'URL' }).fill(`${base}/chunked?count=4&size=8&delay=300`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(shown(page).locator('.state')).toHaveText('streaming');
  // Both run; the first one is in the background, and says so on its tab.
  await expect(page.getByRole('contentinfo', { name: 'Connection' })).toContainText('2 tabs, 2 running');
  await expect(tabs.first().getByLabel('running')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/two-tabs-streaming.png' });
  await tabs.first().click();
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${base}/chunked?count=16&size=16&delay=300`);
  const chunkRows = () => shown(page).getByRole('table', { name: 'Chunks' }).locator('tbody tr');
  await expect(shown(page).locator('.state')).toHaveText('done', { timeout: 15_000 });
  await expect(chunkRows()).toHaveCount(17);
  await tabs.nth(1).click();
  await expect(shown(page).locator('.state')).toHaveText('done');
  // Every chunk of the tab in the background arrived while it was not shown.
  await expect(chunkRows()).toHaveCount(5);
  await expect(page.getByRole('contentinfo', { name: 'Connection' })).toHaveText(/2 tabs$/);
  await expect(tabs.nth(1)).toHaveText('GET /chunked?count=4&size=8&delay=300200');
});

test('closing a tab cancels its exchange, and Undo brings the tab back as it was', async ({ page }) => {
  const base = await openScenario(page, '/chunked?count=50&size=8&delay=200');
  await page.getByRole('button', { name: 'New tab' }).click();
  await page.getByRole('textbox', { name: 'URL' }).fill(`${base}/chunked?count=50&size=8&delay=200`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(shown(page).locator('.state')).toHaveText('streaming');
  const tabs = tabList(page).getByRole('tab');
  await page.getByRole('button', { name: 'Close tab GET /chunked?count=50&size=8&delay=200' }).last().click();
  await expect(tabs).toHaveCount(1);
  await expect(page.getByRole('status').filter({ hasText: 'Closed GET /chunked' })).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(shown(page).locator('.state')).toHaveText('cancelled');
  // Closing the last tab leaves a fresh one.
  await page
    .getByRole('button', { name: /^Close tab/ })
    .last()
    .click();
  await page
    .getByRole('button', { name: /^Close tab/ })
    .last()
    .click();
  await expect(tabs).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'A chunked response on the wire' })).toBeVisible();
});

test('the layout the person chooses and the sizes they drag are remembered after a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  const request = page.getByRole('form', { name: 'Request' });
  const response = page.getByRole('heading', { name: 'A chunked response on the wire' });
  const side = async () => {
    const [a, b] = [await request.boundingBox(), await response.boundingBox()];
    return b!.x > a!.x + a!.width - 1;
  };
  expect(await side()).toBe(true);
  await page.getByRole('button', { name: 'Stacked' }).click();
  await expect(page.getByRole('button', { name: 'Stacked' })).toHaveAttribute('aria-pressed', 'true');
  expect(await side()).toBe(false);
  // The splitter between the sidebar and the tab moves with the arrow keys.
  const splitter = page.locator('.workbench > [role=separator]');
  const before = (await page.getByRole('complementary', { name: 'Sidebar' }).boundingBox())!.width;
  await splitter.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect
    .poll(async () => (await page.getByRole('complementary', { name: 'Sidebar' }).boundingBox())!.width)
    .toBeGreaterThan(before + 20);
  const widened = (await page.getByRole('complementary', { name: 'Sidebar' }).boundingBox())!.width;
  await page.screenshot({ path: 'test-results/screenshots/stacked.png' });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Stacked' })).toHaveAttribute('aria-pressed', 'true');
  expect(await side()).toBe(false);
  expect(
    Math.abs((await page.getByRole('complementary', { name: 'Sidebar' }).boundingBox())!.width - widened),
  ).toBeLessThan(3);
});

test('keyboard only: skip to the bytes, send, move through history, open tabs and close them', async ({ page }) => {
  const base = await openApp(page);
  // A fresh page: the first Tab stop is the skip link.
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(/\/chunked/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to response bytes' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Sample response bytes' }).locator('pre')).toBeFocused();
  // To the URL field by Tab alone, then send with Ctrl+Enter.
  for (
    let i = 0;
    i < 20 && !(await page.getByRole('textbox', { name: 'URL' }).evaluate((e) => e === e.ownerDocument.activeElement));
    i++
  )
    await page.keyboard.press('Tab');
  await expect(page.getByRole('textbox', { name: 'URL' })).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(`${base}/status?code=207`);
  await page.keyboard.press('Control+Enter');
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('207');
  // The skip link reaches the response bytes; Left and Right walk their frames, and Explain follows.
  await page.getByRole('link', { name: 'Skip to response bytes' }).focus();
  await page.keyboard.press('Enter');
  await expect(shown(page).getByLabel(/^Response bytes, scroll with/)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(shown(page).getByRole('region', { name: 'Explain' })).toContainText('status code 207');
  await page.keyboard.press('ArrowRight');
  await expect(shown(page).getByRole('region', { name: 'Explain' })).toContainText('RFC 9112 section 5');
  await page.keyboard.press('Control+t');
  await expect(tabList(page).getByRole('tab')).toHaveCount(2);
  await page.getByRole('textbox', { name: 'URL' }).fill(`${base}/status?code=208`);
  await page.getByRole('textbox', { name: 'URL' }).press('Control+Enter');
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('208');
  // History is one Tab stop; the arrow keys walk it and Enter opens an entry.
  const history = page.getByRole('table', { name: 'History' });
  await page.getByRole('searchbox', { name: 'Filter history' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  // (The table's one stop is the entry last focused in it; Home goes to the newest.)
  await expect(history.locator(':focus')).toHaveCount(1);
  await page.keyboard.press('Home');
  // (The first cell of an entry is its pick box; Open is to its right.)
  await page.keyboard.press('ArrowRight');
  await expect(history.getByRole('button', { name: `Open GET ${base}/status?code=208` })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(history.getByRole('button', { name: `Open GET ${base}/status?code=207` })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('207');
  // The tabs: arrow keys between them, Ctrl+W closes the one shown.
  await tabList(page).getByRole('tab').nth(1).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tabList(page).getByRole('tab').first()).toBeFocused();
  await expect(tabList(page).getByRole('tab').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+w');
  await expect(tabList(page).getByRole('tab')).toHaveCount(1);
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('207');
  await page.screenshot({ path: 'test-results/screenshots/keyboard.png' });
});

for (const [width, scheme] of [
  [1280, 'light'],
  [1280, 'dark'],
  [760, 'light'],
  [760, 'dark'],
] as const) {
  test(`the workbench at ${width} px, ${scheme}: every part in view and nothing cut off`, async ({ page }) => {
    await page.setViewportSize({ width, height: 820 });
    await page.emulateMedia({ colorScheme: scheme });
    const base = await openScenario(page, '/chunked-extensions');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shown(page).locator('.state')).toHaveText('done');
    await page.getByRole('button', { name: 'New tab' }).click();
    await page.getByRole('textbox', { name: 'URL' }).fill(`${base}/status?code=404`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('404');
    await tabList(page).getByRole('tab').first().click();
    await shown(page)
      .getByRole('button', { name: /^chunk-size at bytes/ })
      .first()
      .click();
    await expect(shown(page).getByRole('region', { name: 'Explain' })).toBeInViewport();
    // Nothing wider than the window: the page itself never scrolls sideways.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
    for (const name of ['Sidebar']) await expect(page.getByRole('complementary', { name })).toBeInViewport();
    await expect(page.getByRole('contentinfo', { name: 'Connection' })).toBeInViewport();
    await page.screenshot({ path: `test-results/screenshots/workbench-${width}-${scheme}.png` });
  });
}

test('at 760 px no wire row is cut: wide rows scroll sideways, and the last row of a short message shows', async ({
  page,
}) => {
  await page.setViewportSize({ width: 760, height: 820 });
  // A request line of 300 bytes: wider than the pane.
  await openScenario(page, `/echo?q=${'x'.repeat(280)}`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(shown(page).locator('.state')).toHaveText('done');
  const scroller = shown(page).getByLabel(/^Request bytes, scroll with/);
  const geometry = await scroller.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const rows = [...element.querySelectorAll('.wire-row')];
    const last = rows[rows.length - 1]!.getBoundingClientRect();
    return {
      // Each row shows all it holds (nothing clipped inside it)...
      clipped: rows.filter((row) => row.scrollWidth > row.clientWidth + 1).length,
      // ...and the box scrolls sideways when a row is wider than it.
      sideways: element.scrollWidth > element.clientWidth,
      lastBottom: last.bottom,
      inside: box.top + element.clientHeight,
    };
  });
  expect(geometry.clipped).toBe(0);
  expect(geometry.sideways).toBe(true);
  // The final CRLF's row is above the sideways scrollbar, not under it.
  expect(geometry.lastBottom).toBeLessThanOrEqual(geometry.inside + 0.5);
  await page.screenshot({ path: 'test-results/screenshots/wide-rows-760.png' });
});
