// The shell's flows through browser mode: an exchange with the demo server streams into the page
// live, an upload shows its progress to 100%, and Cancel stops a running exchange.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openScenario } from './app-page';

test('chunks appear one by one while the server still holds the rest back', async ({ page }) => {
  await openScenario(page, '/chunked?count=4&size=32&delay=700');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const chunkRows = page.getByRole('table', { name: 'Chunks' }).locator('tbody tr');
  await expect(chunkRows).toHaveCount(1);
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
  await expect(page.locator('.state')).toHaveText('streaming');
  await page.screenshot({ path: 'test-results/screenshots/streaming.png', fullPage: true });
  await expect(chunkRows).toHaveCount(2);
  await expect(page.locator('.state')).toHaveText('streaming');
  await expect(chunkRows).toHaveCount(5, { timeout: 10_000 });
  await expect(page.locator('.state')).toHaveText('done');
  await expect(page.getByRole('table', { name: 'Response headers' })).toContainText('Transfer-Encoding');
  await expect(page.getByRole('region', { name: 'Response bytes' })).toContainText('HTTP/1.1 200 OK');
  await expect(page.getByRole('region', { name: 'Request bytes' })).toContainText(
    'GET /chunked?count=4&size=32&delay=700 HTTP/1.1',
  );
  await page.screenshot({ path: 'test-results/screenshots/done.png', fullPage: true });
});

test('an upload from the browser shows its progress to 100%, and every byte arrives in order', async ({
  page,
}, testInfo) => {
  mkdirSync(testInfo.outputDir, { recursive: true });
  const file = join(testInfo.outputDir, 'upload.bin');
  // 9 MiB: three slices pulled from the page; each byte tells where it belongs.
  const content = Buffer.alloc(9 * 1024 * 1024);
  for (let i = 0; i < content.length; i += 4) content.writeUInt32BE(i, i);
  writeFileSync(file, content);
  await openScenario(page, '/echo');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
  await page.getByRole('radio', { name: 'file' }).check();
  await page.getByRole('combobox', { name: 'Framing' }).selectOption('chunked');
  await page.getByRole('spinbutton', { name: 'Chunk size' }).fill('65536');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByText('upload.bin (9,437,184 bytes)')).toBeVisible();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const progress = page.getByRole('progressbar', { name: 'Upload progress' });
  await expect(progress).toHaveAttribute('value', '9437184', { timeout: 20_000 });
  await expect(progress).toHaveAttribute('max', '9437184');
  await expect(page.locator('.state')).toHaveText('done');
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
  await page.screenshot({ path: 'test-results/screenshots/upload.png', fullPage: true });
  // The echo's body is the request as the server got it: its chunked body decodes to the file.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save body…' }).click();
  const sent = join(testInfo.outputDir, 'echoed-request.raw');
  await (await download).saveAs(sent);
  const raw = readFileSync(sent);
  let at = raw.indexOf('\r\n\r\n') + 4;
  const pieces: Buffer[] = [];
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = parseInt(raw.subarray(at, lineEnd).toString('latin1'), 16);
    if (size === 0) break;
    pieces.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  expect(pieces.every((piece, i) => i === pieces.length - 1 || piece.length === 65536)).toBe(true);
  expect(Buffer.concat(pieces).equals(content)).toBe(true);
});

test('Cancel stops a running exchange', async ({ page }) => {
  await openScenario(page, '/chunked?count=50&size=32&delay=400');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Chunks' }).locator('tbody tr')).toHaveCount(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.state')).toHaveText('cancelled');
  const rows = await page.getByRole('table', { name: 'Chunks' }).locator('tbody tr').count();
  expect(rows).toBeLessThan(50);
  await page.screenshot({ path: 'test-results/screenshots/cancelled.png', fullPage: true });
});

test('the explain panel describes a chunk-size line', async ({ page }) => {
  await openScenario(page, '/chunked-extensions');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await bytes
    .getByRole('button', { name: /^chunk-size at bytes/ })
    .first()
    .click();
  const explain = page.getByRole('region', { name: 'Explain' });
  await expect(explain).toContainText('chunk-size line: 0x7 = 7 bytes of chunk data follow; extension part=1.');
  await expect(explain).toContainText('RFC 9112 section 7.1.1');
  await page.screenshot({ path: 'test-results/screenshots/explain.png', fullPage: true });
});

test('a header row and its bytes highlight each other', async ({ page }) => {
  await openScenario(page, '/content-length?size=10');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  const table = page.getByRole('table', { name: 'Response headers' });
  await table.getByRole('row', { name: /Content-Length/ }).click();
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.locator('.frame-selected')).toContainText('Content-Length: 10');
  await bytes
    .getByRole('button', { name: /^header at bytes/ })
    .first()
    .click();
  await expect(table.getByRole('row', { name: /Content-Type/ })).toHaveAttribute('aria-selected', 'true');
  await expect(table.getByRole('row', { name: /Content-Length/ })).toHaveAttribute('aria-selected', 'false');
});

test('a malformed response shows its error in words', async ({ page }) => {
  await openScenario(page, '/malformed/bad-chunk-size');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert')).toContainText(
    'HttpProtocolError: The chunk-size line starts with "z" (0x7a) where a hex digit belongs, at byte',
  );
  await expect(page.locator('.state')).toHaveText('error');
  // What arrived is kept on screen, and the offending bytes are marked.
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.getByRole('button', { name: /^chunk-data at bytes/ })).toContainText('Hello');
  await expect(bytes.locator('.frame-fault')).toContainText('zz');
  await page.screenshot({ path: 'test-results/screenshots/error.png', fullPage: true });
});

test('past exchanges are listed and reopen with their full capture', async ({ page }) => {
  const base = await openScenario(page, '/chunked-extensions');
  const url = page.getByRole('textbox', { name: 'URL' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  await url.fill(`${base}/status?code=418`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('418');
  const history = page.getByRole('table', { name: 'History' });
  await history
    .getByRole('button', { name: `Open GET ${base}/chunked-extensions` })
    .first()
    .click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
  // Two chunks, the last chunk, and its two trailer fields.
  const chunks = page.getByRole('table', { name: 'Chunks' });
  await expect(chunks.locator('tbody tr')).toHaveCount(5);
  await expect(
    chunks
      .getByRole('row')
      .filter({ hasText: /^trailer/ })
      .last(),
  ).toContainText('X-Checksum: 3f9a');
  await expect(page.getByRole('region', { name: 'Response bytes' })).toContainText('X-Checksum: 3f9a');
});

test('deleting the exchange on screen takes it off the screen; deleting another one leaves it there', async ({
  page,
}) => {
  const base = await openScenario(page, '/status?code=419');
  const url = page.getByRole('textbox', { name: 'URL' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('419');
  await url.fill(`${base}/status?code=202`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('202');
  await expect(page.locator('.state')).toHaveText('done');
  const history = page.getByRole('table', { name: 'History' });
  const deleteButton = (path: string) => history.getByRole('button', { name: `Delete GET ${base}${path}` });
  await deleteButton('/status?code=419').first().click();
  await expect(deleteButton('/status?code=419')).toHaveCount(0);
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('202');
  await deleteButton('/status?code=202').first().click();
  await expect(deleteButton('/status?code=202')).toHaveCount(0);
  await expect(page.locator('.state')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'A chunked response on the wire' })).toBeVisible();
});

test('a chart shows bytes received over time, drawn on a canvas', async ({ page }) => {
  await openScenario(page, '/chunked?count=5&size=32&delay=50');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  const chart = page.getByRole('figure', { name: 'Bytes received over time' });
  await expect(chart).toContainText('6 chunks, 160 bytes of chunk data');
  await expect(chart.locator('canvas')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/chart.png', fullPage: true });
});

test('the wire view scrolls through the whole capture, reading bytes on demand, and a chunk row shows its bytes', async ({
  page,
}) => {
  await openScenario(page, '/chunked?count=40&size=10000&delay=0');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.getByText(/^bytes 0 to [\d,]+ of 400,\d{3}, rows 1 to/)).toBeVisible();
  // The end of the response is far past the preview: End scrolls there and its bytes are read from the capture.
  await bytes.getByLabel(/^Response bytes, scroll with/).press('End');
  await expect(bytes.getByText(/^bytes 399,\d{3} to 400,\d{3} of 400,\d{3}/)).toBeVisible();
  await expect(bytes.getByRole('button', { name: /^body-end at bytes/ })).toBeVisible();
  await expect(bytes.locator('.wire-loading')).toHaveCount(0);
  // The 20th chunk: its row scrolls the wire view to its size line and selects it.
  await page.getByRole('table', { name: 'Chunks' }).getByRole('row').filter({ hasText: /^20/ }).click();
  await expect(bytes.getByText(/^bytes 190,\d{3} to 19\d,\d{3} of 400,/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Explain' })).toContainText(
    'chunk-size line: 0x2710 = 10,000 bytes of chunk data follow.',
  );
  await expect(bytes.locator('.frame-selected')).toContainText('2710');
});

test('100,000 chunks: every one gets its row, and the table and the bytes scroll to the last', async ({ page }) => {
  test.setTimeout(120_000);
  await openScenario(page, '/chunked?count=100000&size=10&delay=0');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done', { timeout: 60_000 });
  const table = page.getByRole('table', { name: 'Chunks' });
  // 100,000 chunks, the last (zero-size) chunk, and the header row; frames the live batches left
  // out are read from the capture at the end.
  await expect(table).toHaveAttribute('aria-rowcount', '100002');
  await page.locator('.chunk-scroller').evaluate((element) => (element.scrollTop = element.scrollHeight));
  await expect(table.getByRole('row').filter({ hasText: /^last/ })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: /^100000\s*10/ })).toBeVisible();
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await bytes.getByLabel(/^Response bytes, scroll with/).press('End');
  await expect(bytes.getByRole('button', { name: /^body-end at bytes/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/many-chunks.png', fullPage: true });
});

test('the decoded body and the exact bytes of each direction can be saved', async ({ page }, testInfo) => {
  await openScenario(page, '/chunked-extensions');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  const saved = async (label: string) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: label }).click();
    const path = testInfo.outputPath(label.replace(/\W+/g, '-'));
    await (await download).saveAs(path);
    return readFileSync(path, 'latin1');
  };
  // The body as an application sees it: chunk data only, no sizes, extensions or trailers.
  expect(await saved('Save body…')).toBe('Hello, world!');
  const response = await saved('Save response bytes…');
  expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n7;part=1\r\nHello, \r\n[\s\S]*X-Checksum: 3f9a\r\n\r\n$/);
  expect(await saved('Save request bytes…')).toMatch(
    /^GET \/chunked-extensions HTTP\/1\.1\r\nhost: 127\.0\.0\.1:\d+\r\n\r\n$/,
  );
  await expect(page.getByText('Saved: your browser is downloading it.')).toBeVisible();
});

test('an upload the server answers early keeps its 413, and says how much of the file went', async ({
  page,
}, testInfo) => {
  mkdirSync(testInfo.outputDir, { recursive: true });
  const file = join(testInfo.outputDir, 'too-large.bin');
  writeFileSync(file, Buffer.alloc(40 * 1024 * 1024, 0x61));
  await openScenario(page, '/too-large');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
  await page.getByRole('radio', { name: 'file' }).check();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done', { timeout: 20_000 });
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('413');
  await expect(
    page.getByText(/^Upload stopped by the server's response \(413\) after .* of 40\.0 MiB of the body/),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Response bytes' })).toContainText(
    'answered as soon as it read the head',
  );
  await page.screenshot({ path: 'test-results/screenshots/upload-stopped.png', fullPage: true });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/upload-stopped-760-dark.png', fullPage: true });
});

test('a folded header reads as one value, its folds marked in the bytes and explained', async ({ page }) => {
  await openScenario(page, '/obs-fold');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  const headers = page.getByRole('table', { name: 'Response headers' });
  await expect(headers.getByRole('row').filter({ hasText: 'X-Folded' })).toContainText(
    'first part, second part, third part',
  );
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.locator('.part-fold')).toHaveCount(2);
  await bytes
    .getByRole('button', { name: /^header at bytes/ })
    .filter({ hasText: 'X-Folded' })
    .first()
    .click();
  await expect(page.getByText(/Folded over 3 lines \(obs-fold, RFC 9112 section 5\.2\)/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/obs-fold.png', fullPage: true });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/obs-fold-760-dark.png', fullPage: true });
});

test('a typed Transfer-Encoding row frames the body, and the composer says so', async ({ page }) => {
  await openScenario(page, '/echo');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('POST');
  await page.getByRole('radio', { name: 'text' }).check();
  await page.getByRole('textbox', { name: 'Body text' }).fill('abcdef');
  await page.getByRole('spinbutton', { name: 'Chunk size' }).fill('4');
  await page.getByText('Params and headers').click();
  const headers = page.getByRole('table', { name: 'Headers' });
  await headers.getByRole('button', { name: 'Add header' }).click();
  await headers.getByRole('textbox', { name: 'Header name 1' }).fill('Transfer-Encoding');
  await headers.getByRole('textbox', { name: 'Header value 1' }).fill('chunked');
  await expect(page.getByRole('combobox', { name: 'Framing' })).toBeDisabled();
  await expect(page.getByText('framed by your Transfer-Encoding header row')).toBeVisible();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  // The server reads a chunked body to its end and echoes the request: it did not wait for more.
  await expect(page.locator('.state')).toHaveText('done');
  await expect(page.getByRole('region', { name: 'Request bytes' })).toContainText(
    '4\\r\\nabcd\\r\\n2\\r\\nef\\r\\n0\\r\\n',
  );
  await page.screenshot({ path: 'test-results/screenshots/typed-chunked-row.png', fullPage: true });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/typed-chunked-row-760-dark.png', fullPage: true });
});

test('history: a deletion can be undone, the filter narrows, and Clear history asks first', async ({ page }) => {
  const base = await openScenario(page, '/status?code=203');
  const url = page.getByRole('textbox', { name: 'URL' });
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('203');
  await url.fill(`${base}/status?code=204`);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('204');
  const history = page.getByRole('table', { name: 'History' });
  await expect(history.getByRole('rowheader', { name: 'Today' })).toBeVisible();
  await history.getByRole('button', { name: `Delete GET ${base}/status?code=203` }).click();
  await expect(history.getByRole('button', { name: `Delete GET ${base}/status?code=203` })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(history.getByRole('button', { name: `Delete GET ${base}/status?code=203` })).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Filter history' }).fill('204');
  await expect(history.getByRole('button', { name: /^Open / })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/history-filtered.png', fullPage: true });
  await page.getByRole('searchbox', { name: 'Filter history' }).fill('');
  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(page.getByRole('alertdialog', { name: 'Clear history?' })).toBeVisible();
  await page.setViewportSize({ width: 760, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/history-clear-760-dark.png', fullPage: true });
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(page.getByText('No exchanges yet.')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Cleared \d+ exchanges? from history\.$/ })).toBeVisible();
  // The exchange on screen went with its capture.
  await expect(page.locator('.state')).toHaveCount(0);
});

test('Edit and resend opens a past request in a new tab, every field as it was sent', async ({ page }) => {
  const base = await openScenario(page, '/echo');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
  await page.getByRole('radio', { name: 'text' }).check();
  await page.getByRole('textbox', { name: 'Body text' }).fill('first body');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  // Change everything, then bring the first request back.
  await page.getByRole('combobox', { name: 'Method' }).selectOption('GET');
  await page.getByRole('radio', { name: 'none' }).check();
  await page.getByRole('textbox', { name: 'URL' }).fill(`${base}/status?code=205`);
  await page
    .getByRole('table', { name: 'History' })
    .getByRole('button', { name: `Edit and resend PUT ${base}/echo` })
    .first()
    .click();
  // A new tab, shown; the tab it came from keeps its draft.
  const tabs = page.getByRole('tablist', { name: 'Open exchanges' }).getByRole('tab');
  await expect(tabs).toHaveCount(2);
  await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.nth(1)).toHaveText('PUT /echo');
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${base}/echo`);
  await expect(page.getByRole('textbox', { name: 'URL' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Method' })).toHaveValue('PUT');
  await expect(page.getByRole('textbox', { name: 'Body text' })).toHaveValue('first body');
  await page.getByRole('textbox', { name: 'Body text' }).fill('second body');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const shown = page.getByRole('tabpanel');
  await expect(shown.locator('.state')).toHaveText('done');
  await expect(shown.getByRole('region', { name: 'Request bytes' })).toContainText('second body');
  await tabs.first().click();
  await expect(page.getByRole('textbox', { name: 'URL' })).toHaveValue(`${base}/status?code=205`);
  await expect(shown.getByRole('region', { name: 'Request bytes' })).toContainText('first body');
});
