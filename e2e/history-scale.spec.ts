// A long history: 600 captures on disk (one real capture, copied under new ids), listed in the
// sidebar with only the rows in view drawn, every one reachable by scrolling.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN } from './browser-mode';
import { startOwnServer, stopOwnServer } from './own-server';
import { done, send } from './app-page';

const PORT = E2E_PORT + 3;
const COPIES = 600;

test('600 exchanges in the history: the list draws the rows in view and scrolls to the oldest', async ({ page }) => {
  test.setTimeout(120_000);
  const base = mkdtempSync(join(tmpdir(), 'e2e-history-'));
  const dataDir = join(base, 'data');
  let server = await startOwnServer(PORT, ['--data-dir', dataDir]);
  try {
    await page.goto(`http://127.0.0.1:${PORT}/#token=${E2E_TOKEN}`);
    await send(page);
    await done(page);
    await stopOwnServer(server);
    // The one capture, copied under ids one second apart going back (ids sort by age).
    const captures = join(dataDir, 'captures');
    const [original] = readdirSync(captures);
    const meta = JSON.parse(readFileSync(join(captures, original!, 'meta.json'), 'utf8')) as Record<string, unknown>;
    const newest = Date.now() - 1000;
    for (let i = 0; i < COPIES; i++) {
      const startedAt = newest - i * 1000;
      const id = `${startedAt.toString(36)}-${i.toString(16).padStart(8, '0')}`;
      cpSync(join(captures, original!), join(captures, id), { recursive: true });
      writeFileSync(
        join(captures, id, 'meta.json'),
        JSON.stringify({ ...meta, id, startedAt, url: `${meta['url']}&copy=${i}` }),
      );
    }
    server = await startOwnServer(PORT, ['--data-dir', dataDir]);
    await page.reload();
    const history = page.getByRole('table', { name: 'History' });
    await expect(history.getByRole('button', { name: /^Open GET .*&copy=0$/ })).toBeVisible({ timeout: 20_000 });
    // 601 entries, their day (two, across a midnight), and the header row.
    const rowCount = Number(await history.getAttribute('aria-rowcount'));
    expect(rowCount - (COPIES + 1) - 1).toBeGreaterThanOrEqual(1);
    expect(rowCount - (COPIES + 1) - 1).toBeLessThanOrEqual(2);
    expect(await history.locator('tbody tr.history-row').count()).toBeLessThan(80);
    await history.locator('xpath=..').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect(history.getByRole('button', { name: new RegExp(`^Open GET .*&copy=${COPIES - 1}$`) })).toBeVisible();
    expect(await history.locator('tbody tr.history-row').count()).toBeLessThan(80);
    await page.screenshot({ path: 'test-results/screenshots/history-600.png' });
  } finally {
    await stopOwnServer(server);
    rmSync(base, { recursive: true, force: true });
  }
});
