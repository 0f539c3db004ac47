import { expect, test } from '@playwright/test';

test('the built renderer opens on a chunked response shown byte for byte', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lowhaio Inspector');
  const bytes = page.getByRole('region', { name: 'Sample response bytes' });
  await expect(bytes).toContainText('HTTP/1.1 200 OK');
  await expect(bytes).toContainText('Transfer-Encoding: chunked');
  // The CR LF that ends the status line is shown, as markers, right after the reason phrase.
  await expect(bytes.getByTitle('CR (byte 0x0d) at offset 15')).toHaveText('\\r');
  await expect(bytes.getByTitle('LF (byte 0x0a) at offset 16')).toHaveText('\\n');
  await page.screenshot({ path: 'test-results/screenshots/app-shell.png', fullPage: true });
  expect(problems, 'console errors (a CSP violation shows here)').toEqual([]);
});
