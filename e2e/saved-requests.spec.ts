// Saved requests in Chromium through browser mode, on folders of the test's own: a request saved
// as a .http file (found on disk with the expected text) and opened again after a restart, an
// environment's {{variables}} substituted in the bytes sent, a file written by another editor
// opened with what it has that this app does not named, and rename, duplicate, delete with Undo.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN } from './browser-mode';
import { startOwnServer, stopOwnServer } from './own-server';

const PORT = E2E_PORT + 2;
const shown = (page: Page) => page.getByRole('tabpanel');

test('a request saved as a .http file, with its {{variables}} filled from an environment, opens after a restart', async ({
  page,
}) => {
  const base = mkdtempSync(join(tmpdir(), 'e2e-saved-'));
  const requests = join(base, 'requests');
  const args = ['--data-dir', join(base, 'data'), '--collections-dir', requests];
  let server = await startOwnServer(PORT, args);
  try {
    await page.goto(`http://127.0.0.1:${PORT}/#token=${E2E_TOKEN}`);
    const url = page.getByRole('textbox', { name: 'URL' });
    await expect(url).toHaveValue(/\/chunked\?/);
    const demo = (await url.inputValue()).replace(/\/chunked.*$/, '');
    writeFileSync(
      join(requests, 'http-client.env.json'),
      JSON.stringify({ local: { base: demo, token: 't0ken' }, other: { base: 'http://127.0.0.1:9' } }),
    );
    await page.reload();
    const saved = page.getByRole('region', { name: 'Saved requests' });
    await expect(saved.getByRole('combobox', { name: 'Environment' })).toContainText('local');

    // A request with variables: refused until an environment defines them.
    await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
    await url.fill('{{base}}/echo?x={{token}}');
    await page.getByText('Params and headers').click();
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByRole('textbox', { name: 'Header name 1' }).fill('X-Token');
    await page.getByRole('textbox', { name: 'Header value 1' }).fill('{{token}}');
    await page.getByRole('radio', { name: 'text' }).check();
    await page.getByRole('textbox', { name: 'Body text' }).fill('hello {{token}}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shown(page).getByRole('alert').first()).toHaveText(
      '{{base}}, {{token}} are not defined: choose an environment that defines them (Saved requests, Environment), or add them to http-client.env.json.',
    );
    await saved.getByRole('combobox', { name: 'Environment' }).selectOption('local');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shown(page).locator('.state')).toHaveText('done');
    const sent = shown(page).getByRole('region', { name: 'Request bytes' });
    await expect(sent).toContainText('POST /echo?x=t0ken HTTP/1.1');
    await expect(sent).toContainText('X-Token: t0ken');
    await expect(sent).toContainText('hello t0ken');

    // Ctrl+S asks where; the file on disk is the .http text the editors read.
    await page.keyboard.press('Control+s');
    const dialog = page.getByRole('dialog', { name: 'Save request' });
    await dialog.getByRole('textbox', { name: 'Request name' }).fill('echo token');
    await page.screenshot({ path: 'test-results/screenshots/save-request.png' });
    await dialog.getByRole('textbox', { name: 'Request name' }).press('Enter');
    await expect(dialog).toHaveCount(0);
    await expect(shown(page).getByRole('status').filter({ hasText: 'Saved to echo-token.http.' })).toBeVisible();
    expect(readFileSync(join(requests, 'echo-token.http'), 'utf8')).toBe(
      [
        '### echo token',
        '# @name echo token',
        'POST {{base}}/echo?x={{token}}',
        'X-Token: {{token}}',
        '',
        'hello {{token}}',
        '',
      ].join('\n'),
    );
    // Saving again writes over the same file.
    await page.getByRole('textbox', { name: 'Body text' }).fill('hello again {{token}}');
    await page.getByRole('button', { name: 'Save request', exact: true }).click();
    await expect.poll(() => readFileSync(join(requests, 'echo-token.http'), 'utf8')).toContain('hello again {{token}}');
    expect(readdirSync(requests).sort()).toEqual(['echo-token.http', 'http-client.env.json']);

    // After a restart, it is there; it opens in a tab of its own, and the environment was kept.
    await stopOwnServer(server);
    server = await startOwnServer(PORT, args);
    await page.reload();
    // (The demo server has a new port after the restart: the environment follows it.)
    await expect(url).toHaveValue(/\/chunked\?/);
    const restarted = (await url.inputValue()).replace(/\/chunked.*$/, '');
    writeFileSync(
      join(requests, 'http-client.env.json'),
      JSON.stringify({ local: { base: restarted, token: 't0ken' } }),
    );
    await page.reload();
    await expect(saved.getByRole('combobox', { name: 'Environment' })).toHaveValue('local');
    await saved.getByRole('button', { name: 'Open echo-token.http' }).click();
    await expect(page.getByRole('tablist', { name: 'Open exchanges' }).getByRole('tab')).toHaveCount(2);
    await expect(url).toHaveValue('{{base}}/echo?x={{token}}');
    await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('POST');
    await expect(page.getByRole('textbox', { name: 'Body text' })).toHaveValue('hello again {{token}}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shown(page).getByRole('region', { name: 'Request bytes' })).toContainText('hello again t0ken');
    await page.screenshot({ path: 'test-results/screenshots/saved-requests.png' });
  } finally {
    await stopOwnServer(server);
    rmSync(base, { recursive: true, force: true });
  }
});

test('a file written by another editor opens with what is not supported named; rename, duplicate, delete, undo', async ({
  page,
}) => {
  const base = mkdtempSync(join(tmpdir(), 'e2e-saved-'));
  const requests = join(base, 'requests');
  const server = await startOwnServer(PORT, ['--data-dir', join(base, 'data'), '--collections-dir', requests]);
  try {
    await page.goto(`http://127.0.0.1:${PORT}/#token=${E2E_TOKEN}`);
    const demo = (await page.getByRole('textbox', { name: 'URL' }).inputValue()).replace(/\/chunked.*$/, '');
    writeFileSync(
      join(requests, 'jetbrains.http'),
      `### first\nGET ${demo}/status?code=201\n\n> {% client.test("ok", () => {}); %}\n\n### second\nGET ${demo}/status?code=202\n`,
    );
    await page.reload();
    const saved = page.getByRole('region', { name: 'Saved requests' });
    await saved.getByRole('button', { name: 'Open jetbrains.http' }).click();
    // Two requests in it: the person picks one.
    await saved
      .getByRole('list', { name: 'Requests in jetbrains.http' })
      .getByRole('button', { name: 'first' })
      .click();
    await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${demo}/status?code=201`);
    await expect(shown(page).getByRole('list', { name: 'About this saved request' })).toContainText(
      'Line 4: Response handlers (> script) and response redirects (>> file, <> file) are for the editors',
    );
    await saved.getByRole('button', { name: 'Duplicate jetbrains.http' }).click();
    await expect(saved.getByRole('button', { name: 'Open jetbrains copy.http' })).toBeVisible();
    await saved.getByRole('button', { name: 'Rename jetbrains copy.http' }).click();
    await saved.getByRole('textbox', { name: 'New name for jetbrains copy.http' }).fill('renamed');
    await saved.getByRole('textbox', { name: 'New name for jetbrains copy.http' }).press('Enter');
    await expect(saved.getByRole('button', { name: 'Open renamed.http' })).toBeVisible();
    await saved.getByRole('button', { name: 'Delete renamed.http' }).click();
    await expect(saved.getByRole('button', { name: 'Open renamed.http' })).toHaveCount(0);
    expect(readdirSync(requests).sort()).toEqual(['jetbrains.http']);
    await saved.getByRole('button', { name: 'Undo' }).click();
    await expect(saved.getByRole('button', { name: 'Open renamed.http' })).toBeVisible();
    expect(readFileSync(join(requests, 'renamed.http'), 'utf8')).toBe(
      readFileSync(join(requests, 'jetbrains.http'), 'utf8'),
    );
  } finally {
    await stopOwnServer(server);
    rmSync(base, { recursive: true, force: true });
  }
});
