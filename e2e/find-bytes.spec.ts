// Find in bytes and Go to: searched in the main process over the whole capture, each match shown
// and marked in the wire view.
import { expect, test } from '@playwright/test';
import { done, openScenario, screenshotsAt, send } from './app-page';

test('a search finds a string in the middle of a 256 MiB capture and shows it', async ({ page }) => {
  test.setTimeout(180_000);
  // 16,384 chunks of 16 KiB: 256 MiB of chunk data; chunk 8,192 carries the marker.
  await openScenario(page, '/chunked?count=16384&size=16384&delay=0&mark=8192');
  await send(page);
  await expect(page.locator('.state')).toHaveText('done', { timeout: 150_000 });
  const find = page.getByRole('searchbox', { name: 'Find in bytes' });
  await find.fill('>>> CHUNK 8192 <<<');
  await find.press('Enter');
  const count = page.getByRole('status').filter({ hasText: /^Searched [\d,]+ bytes in [\d.]+ s\.$/ });
  await expect(count).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Matches')).toHaveText('1 of 1');
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.locator('mark.linked')).toContainText('>>> chunk 8192 <<<');
  const searched = Number(/Searched ([\d,]+)/.exec((await count.textContent())!)![1]!.replace(/,/g, ''));
  expect(searched).toBeGreaterThan(256 * 1024 * 1024);
  await page.screenshot({ path: 'test-results/screenshots/find-256mib.png', fullPage: true });
  // Case counts when asked.
  await page.getByRole('checkbox', { name: 'Match case' }).check();
  await find.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Not found in [\d,]+ bytes/ })).toBeVisible({
    timeout: 60_000,
  });
});

test('hex search steps through matches with Enter and Shift+Enter; Go to takes offsets, chunks and the end', async ({
  page,
}) => {
  await openScenario(page, '/chunked?count=3&size=8&delay=0');
  await send(page);
  await done(page);
  await page.getByRole('button', { name: 'Hex bytes' }).click();
  const find = page.getByRole('searchbox', { name: 'Find in bytes' });
  await find.fill('0d 0a z');
  await expect(page.getByRole('status').filter({ hasText: '"z" is not hex' })).toBeVisible();
  // CRLF: after the status line, each header, the head, each chunk-size line and data, the last chunk, the end.
  await find.fill('0d0a');
  await find.press('Enter');
  const matches = page.getByLabel('Matches');
  await expect(matches).toHaveText(/^1 of \d+$/);
  const total = Number(/of (\d+)/.exec((await matches.textContent())!)![1]);
  expect(total).toBeGreaterThan(8);
  await find.press('Enter');
  await expect(matches).toHaveText(`2 of ${total}`);
  await find.press('Shift+Enter');
  await find.press('Shift+Enter');
  await expect(matches).toHaveText(`${total} of ${total}`);
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.locator('mark.linked')).toHaveText('\\r\\n');
  const goTo = page.getByRole('textbox', { name: 'Go to' });
  await goTo.fill('chunk 9');
  await goTo.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'There is no chunk 9: the response has 4.' })).toBeVisible();
  await goTo.fill('chunk 2');
  await goTo.press('Enter');
  await expect(bytes.locator('mark.linked')).toHaveText('8');
  await goTo.fill('0x0');
  await goTo.press('Enter');
  await expect(bytes.locator('mark.linked')).toHaveText('H');
  await goTo.fill('end');
  await goTo.press('Enter');
  await expect(bytes.locator('mark.linked')).toHaveText('\\n');
  await screenshotsAt(page, 'find-hex', [
    [1280, 'light'],
    [760, 'dark'],
  ]);
});
