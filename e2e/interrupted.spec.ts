// The app killed mid-download (SIGKILL, as a crash or a power cut would end it) and started again
// over the same data folder: history marks the exchange interrupted, says what happened, and what
// was received before the kill still opens, byte for byte.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN } from './browser-mode';
import { startOwnServer } from './own-server';

const PORT = E2E_PORT + 1;

const startServer = (dataDir: string) => startOwnServer(PORT, ['--data-dir', dataDir]);

test('an exchange cut short by a crash is marked interrupted after a restart, and what was received opens', async ({
  page,
}) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-interrupted-'));
  let server = await startServer(dataDir);
  try {
    await page.goto(`http://127.0.0.1:${PORT}/#token=${E2E_TOKEN}`);
    const url = page.getByRole('textbox', { name: 'URL' });
    await expect(url).toHaveValue(/\/chunked\?/);
    const demo = (await url.inputValue()).replace(/\/chunked.*$/, '');
    await url.fill(`${demo}/chunked?count=2000&size=1000&delay=10`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(page.locator('.state')).toHaveText('streaming');
    // Long enough for the first bytes and frames to be written out (MAX_TAIL_WAIT_MS, FRAME_FLUSH_MS).
    await page.waitForTimeout(1500);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;

    // The status bar says the service is gone, then comes back by itself once it is (no reload).
    const status = page.getByRole('contentinfo', { name: 'Connection' });
    await expect(status.getByRole('alert')).toContainText(
      /The connection to the browser-mode server was lost|Could not reach the browser-mode server/,
      { timeout: 10_000 },
    );
    server = await startServer(dataDir);
    await expect(status).toContainText('browser mode · demo server', { timeout: 25_000 });
    await expect(status.getByRole('alert')).toHaveCount(0);
    await page.reload();
    const history = page.getByRole('table', { name: 'History' });
    const row = history.getByRole('row').filter({ hasText: '/chunked?count=2000' });
    await expect(row).toContainText('interrupted');
    await row.getByRole('button', { name: /^Open / }).click();
    await expect(page.locator('.state')).toHaveText('interrupted');
    await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
    await expect(page.getByRole('heading', { name: 'The exchange was cut short when the app stopped' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'CaptureInterrupted' })).toContainText(
      'The app stopped (it was killed or crashed) while this exchange was running. What reached the disk is kept',
    );
    await expect(page.getByRole('region', { name: 'Response bytes' })).toContainText('HTTP/1.1 200 OK');
    await expect(page.getByRole('table', { name: 'Chunks' }).locator('tbody tr').first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/interrupted.png', fullPage: true });
    await page.setViewportSize({ width: 760, height: 900 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: 'test-results/screenshots/interrupted-760-dark.png', fullPage: true });
  } finally {
    server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});
