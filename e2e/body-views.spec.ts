// The body views in Chromium through browser mode: a gzip JSON body decoded and laid out, UTF-8
// text decoded right and linked to its wire bytes both ways, the bytes as hex, a corrupt encoding
// said in words with the wire bytes kept.
import { expect, test, type Page } from '@playwright/test';
import { done, openScenario, screenshotsAt, send } from './app-page';

const bodyView = (page: Page, name: string) =>
  page.getByRole('tablist', { name: 'Body view' }).getByRole('tab', { name, exact: true });

test('a gzip JSON response is shown decoded and pretty, with both sizes, and folds', async ({ page }) => {
  await openScenario(page, '/encoded?items=60&coding=gzip&chunk=300');
  await send(page);
  await done(page);
  const body = page.getByRole('region', { name: 'Body' });
  // Decoded as soon as the exchange is over: the sizes are said in Raw too.
  await expect(body.getByRole('status').first()).toContainText(/^gzip: [\d.]+ (B|KiB) on the wire, [\d.]+ KiB decoded/);
  await bodyView(page, 'Pretty').click();
  const pretty = body.getByRole('region', { name: 'Body laid out' });
  await expect(pretty).toContainText('"generated": "lowhaio demo server"');
  await expect(pretty).toContainText('"city": "Zürich"');
  await expect(pretty).toContainText('"city": "Αθήνα"');
  await page.screenshot({ path: 'test-results/screenshots/body-pretty.png', fullPage: true });
  await pretty.getByRole('button', { name: /^Fold lines 1 to \d+$/ }).click();
  await expect(pretty.locator('.text-line')).toHaveCount(2);
  await expect(pretty).toContainText(/… \d+ lines/);
  await bodyView(page, 'Hex').click();
  await expect(body.getByRole('region', { name: 'Body as hex' })).toContainText('00000000');
  await expect(body.getByRole('region', { name: 'Body as hex' })).toContainText('{"generated":"lo');
  // Raw still shows the compressed bytes as they came, in their chunks.
  await bodyView(page, 'Raw').click();
  await expect(page.getByRole('table', { name: 'Chunks' }).locator('tbody tr').first()).toContainText('300');
});

test('UTF-8 text is decoded right, and a selection in it is its wire bytes in Raw', async ({ page }) => {
  await openScenario(page, '/text');
  await send(page);
  await done(page);
  // Raw shows the bytes escaped; Text shows the characters.
  const raw = page.getByRole('region', { name: 'Response bytes' });
  await expect(raw).toContainText('\\xCE\\x9A');
  await bodyView(page, 'Text').click();
  const text = page.getByRole('region', { name: 'Body as text' });
  await expect(text).toContainText('Greek: Καλημέρα κόσμε');
  await expect(text).toContainText('Emoji: 🚀 🌍 ✅');
  await expect(text.locator('.invalid-byte')).toHaveCount(0);
  // Select the Greek line (34 bytes in UTF-8: 7 of ASCII, 27 of Greek letters and a space).
  await text.locator('span[data-start]', { hasText: /^Greek: Καλημέρα κόσμε$/ }).selectText();
  await text.dispatchEvent('mouseup');
  const note = page.getByRole('region', { name: 'Body' }).locator('.body-link');
  await expect(note).toContainText(/Selected bytes (\d+) to (\d+) of the body/);
  const [, from, to] = /bytes ([\d,]+) to ([\d,]+)/.exec((await note.textContent())!)!;
  expect(Number(to!.replace(/,/g, '')) - Number(from!.replace(/,/g, ''))).toBe(34);
  await page.screenshot({ path: 'test-results/screenshots/body-text.png', fullPage: true });
  await note.getByRole('button', { name: 'Show in Raw' }).click();
  await expect(page.getByRole('tab', { name: 'Raw', exact: true })).toHaveAttribute('aria-selected', 'true');
  // The line's 34 bytes, marked to the byte (over two rows of the wire view).
  const linked = raw.locator('mark.linked');
  await expect(linked.first()).toContainText('Greek:');
  const escaped = [...new TextEncoder().encode('Greek: Καλημέρα κόσμε')]
    .map((byte) => (byte < 0x80 ? String.fromCharCode(byte) : `\\x${byte.toString(16).toUpperCase()}`))
    .join('');
  expect((await linked.allTextContents()).join('')).toBe(escaped);
});

test('a corrupt gzip body is an error in words, with what decoded and the wire bytes kept', async ({ page }) => {
  await openScenario(page, '/malformed/corrupt-gzip');
  await send(page);
  await done(page);
  const body = page.getByRole('region', { name: 'Body' });
  await expect(body.getByRole('alert')).toContainText(
    /^The body's gzip encoding is corrupt after [\d,]+ decoded bytes/,
  );
  await bodyView(page, 'Text').click();
  await expect(body.getByRole('tabpanel')).toContainText(
    'Nothing decoded before the error above. Raw shows the body as it came.',
  );
  await bodyView(page, 'Raw').click();
  await expect(page.getByRole('region', { name: 'Response bytes' })).toContainText('Content-Encoding: gzip');
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
  await screenshotsAt(page, 'body-corrupt', [
    [1280, 'dark'],
    [760, 'light'],
  ]);
});

test("the request's body has the same views: a JSON upload laid out, linked to the bytes sent", async ({ page }) => {
  await openScenario(page, '/echo');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('PUT');
  await page.getByRole('radio', { name: 'text' }).check();
  await page.getByRole('textbox', { name: 'Body text' }).fill('{"city":"Zürich","tags":["a","b"]}');
  await send(page);
  await done(page);
  await bodyView(page, 'Pretty').click();
  await page.getByRole('combobox', { name: 'Body of' }).selectOption('tx');
  const body = page.getByRole('region', { name: 'Body' });
  // A text body goes without a Content-Type: Pretty says it lays out JSON, HTML and XML only.
  await expect(body.getByRole('tabpanel')).toContainText(
    'Pretty lays out JSON, HTML and XML; this body is of no stated type',
  );
  await bodyView(page, 'Text').click();
  const text = body.getByRole('region', { name: 'Body as text' });
  await expect(text).toContainText('{"city":"Zürich","tags":["a","b"]}');
  await text.locator('span[data-start]').first().selectText();
  await text.dispatchEvent('mouseup');
  await body.getByRole('button', { name: 'Show in Raw' }).click();
  await expect(page.getByRole('region', { name: 'Request bytes' }).locator('mark.linked').first()).toContainText(
    '{"city":"Z\\xC3\\xBCrich"',
  );
});
