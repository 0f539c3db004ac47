import { expect, test } from '@playwright/test';
import { APP_PATH } from './browser-mode';

test('browser mode opens on a chunked response shown byte for byte, connected to the service', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(APP_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lowhaio Inspector');
  const bytes = page.getByRole('region', { name: 'Sample response bytes' });
  await expect(bytes).toContainText('HTTP/1.1 200 OK');
  await expect(bytes).toContainText('Transfer-Encoding: chunked');
  // The CR LF that ends the status line is shown, as markers, right after the reason phrase.
  await expect(bytes.getByTitle('CR (byte 0x0d) at offset 15')).toHaveText('\\r');
  await expect(bytes.getByTitle('LF (byte 0x0a) at offset 16')).toHaveText('\\n');
  // The page reached the service over browser mode's WebSocket (its hello carried the token).
  await expect(page.getByRole('contentinfo', { name: 'Connection' })).toContainText(
    /browser mode · demo server http:\/\/127\.0\.0\.1:\d+/,
  );
  await page.screenshot({ path: 'test-results/screenshots/app-shell.png', fullPage: true });
  expect(problems, 'console errors (a CSP violation shows here)').toEqual([]);
});

test('a page without the token reaches nothing, and says which URL to open', async ({ page }) => {
  await page.goto('/');
  const message =
    'This page has no valid access token: open the URL that browser mode printed (it ends with #token=...).';
  await expect(page.getByRole('contentinfo', { name: 'Connection' }).getByRole('alert')).toHaveText(message);
  // Also on top of the page, where it cannot be missed.
  const banner = page.getByRole('alert', { name: 'Not connected' });
  await expect(banner).toContainText('Not connected to the inspector service');
  await expect(banner).toContainText(message);
  await page.screenshot({ path: 'test-results/screenshots/no-token.png', fullPage: true });
  await page.setViewportSize({ width: 760, height: 700 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/no-token-760-dark.png', fullPage: true });
});

test('light and dark follow the system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(APP_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lowhaio Inspector');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(22, 24, 28)');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done', { timeout: 10_000 });
  await page.screenshot({ path: 'test-results/screenshots/dark.png', fullPage: true });
});
