// Imports, exports and multi-hop exchanges in Chromium through browser mode: a curl command with a
// form file (the file chosen in the page, then sent as multipart with its boundary in the bytes),
// Follow redirects over three hops, each hop its own exchange, linked in order, and a HAR export of
// a selection of the history (valid against the HAR schema) and a .http export.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import harValidator from 'har-validator';
import { openApp } from './app-page';

const shown = (page: Page) => page.getByRole('tabpanel');

test('curl -sS -XPOST -H "a: b" -F "f=@file" --compressed imports as multipart, and sends the chosen file', async ({
  page,
}) => {
  const demo = await openApp(page);
  const folder = mkdtempSync(join(tmpdir(), 'e2e-curl-'));
  try {
    const file = join(folder, 'file.txt');
    writeFileSync(file, 'the file, whole\n');
    const url = page.getByRole('textbox', { name: 'URL' });
    await url.fill('');
    await url.focus();
    // A paste, as the person would make it (with the command on the clipboard).
    const command = `curl -sS -XPOST -H 'a: b' -F 'f=@file' --compressed ${demo}/echo`;
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(command)});
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    })()`);
    await expect(shown(page).getByRole('status')).toContainText(
      'Choose the file for the field "f" (curl would read file).',
    );
    await expect(page.getByRole('radio', { name: 'multipart' })).toBeChecked();
    await page.screenshot({ path: 'test-results/screenshots/curl-import.png' });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('table', { name: 'Multipart fields' }).getByRole('button', { name: 'Choose file…' }).click();
    await (await chooser).setFiles(file);
    await expect(page.getByRole('table', { name: 'Multipart fields' })).toContainText('file.txt (16 bytes)');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(shown(page).locator('.state')).toHaveText('done');
    const sent = shown(page).getByRole('region', { name: 'Request bytes' });
    const boundary = (await page.getByRole('textbox', { name: 'Boundary' }).inputValue()).trim();
    await expect(sent).toContainText('POST /echo HTTP/1.1');
    await expect(sent).toContainText('a: b');
    await expect(sent).toContainText('Accept-Encoding: deflate, gzip, br, zstd');
    await expect(sent).toContainText(`content-type: multipart/form-data; boundary=${boundary}`);
    await expect(sent).toContainText(`--${boundary}`);
    await expect(sent).toContainText('Content-Disposition: form-data; name="f"; filename="file.txt"');
    await expect(sent).toContainText('Content-Type: text/plain');
    await expect(sent).toContainText('the file, whole');
    await expect(sent).toContainText(`--${boundary}--`);
    await page.screenshot({ path: 'test-results/screenshots/multipart-sent.png' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('Follow redirects over three hops: each hop its own exchange, linked in order', async ({ page }) => {
  const demo = await openApp(page);
  await page.getByRole('textbox', { name: 'URL' }).fill(`${demo}/redirect?hops=3`);
  await expect(page.getByRole('checkbox', { name: 'Follow redirects' })).not.toBeChecked();
  await page.getByRole('checkbox', { name: 'Follow redirects' }).check();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const chain = shown(page).getByRole('navigation', { name: 'Redirects' });
  await expect(chain.getByRole('listitem')).toHaveCount(4);
  await expect(chain.getByRole('listitem').last()).toHaveText(`200 GET ${demo}/content-length`);
  await expect(chain.getByRole('button')).toHaveText([
    `302 GET ${demo}/redirect?hops=3`,
    `302 GET ${demo}/redirect?hops=2`,
    `302 GET ${demo}/redirect?hops=1`,
  ]);
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('200');
  // Four exchanges in the history, one per hop.
  const history = page.getByRole('table', { name: 'History' });
  for (const path of ['/redirect?hops=3', '/redirect?hops=2', '/redirect?hops=1', '/content-length'])
    await expect(history.getByRole('button', { name: `Open GET ${demo}${path}` }).first()).toBeVisible();
  // A hop opens with its own bytes, the chain still listed.
  await chain.getByRole('button', { name: `Open hop 2: 302 GET ${demo}/redirect?hops=2` }).click();
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('302');
  await expect(shown(page).getByRole('region', { name: 'Request bytes' })).toContainText(
    'GET /redirect?hops=2 HTTP/1.1',
  );
  await expect(chain.getByRole('listitem')).toHaveCount(4);
  await page.screenshot({ path: 'test-results/screenshots/redirects.png' });
});

test('a selection of the history exports as HAR 1.2 that validates; an exchange exports as a .http request', async ({
  page,
}) => {
  const demo = await openApp(page);
  const url = page.getByRole('textbox', { name: 'URL' });
  await url.fill(`${demo}/chunked?count=2&size=3`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(shown(page).locator('.state')).toHaveText('done');
  await url.fill(`${demo}/status?code=404`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(shown(page).getByLabel('Status', { exact: true })).toHaveText('404');
  const history = page.getByRole('table', { name: 'History' });
  await history
    .getByRole('checkbox', { name: `Pick GET ${demo}/chunked?count=2&size=3 for export` })
    .first()
    .check();
  await history
    .getByRole('checkbox', { name: `Pick GET ${demo}/status?code=404 for export` })
    .first()
    .check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export HAR (2)' }).click();
  const file = await (await download).path();
  const har = JSON.parse(readFileSync(file, 'utf8')) as {
    log: { entries: Array<{ request: { url: string }; response: { status: number; content: { text?: string } } }> };
  };
  await expect(harValidator.har(har)).resolves.toBe(har);
  expect(har.log.entries.map((entry) => [entry.request.url, entry.response.status])).toEqual([
    [`${demo}/status?code=404`, 404],
    [`${demo}/chunked?count=2&size=3`, 200],
  ]);
  expect(har.log.entries[1]!.response.content.text).toHaveLength(6);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 2 exchanges as HAR.' })).toBeVisible();
  // The exchange shown, as a .http request.
  const http = page.waitForEvent('download');
  await shown(page).getByRole('button', { name: 'Export .http…' }).click();
  expect(readFileSync(await (await http).path(), 'utf8')).toBe(
    `### GET ${demo}/status?code=404\n# @name GET ${demo}/status?code=404\nGET ${demo}/status?code=404\n`,
  );
});
