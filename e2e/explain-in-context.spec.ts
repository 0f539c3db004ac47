// The Explain panel explains the message in front of the student: the same empty line reads
// differently after a HEAD response's head and a GET's, a response with both framings warns, and an
// error says what the RFC requires apart from what the inspector refuses, marking only the bad line.
import { expect, test } from '@playwright/test';
import { done, openScenario, screenshotsAt, send } from './app-page';

test("the empty line after a HEAD response's head says no body follows, by rule 1; after a GET's, the length", async ({
  page,
}) => {
  await openScenario(page, '/content-length?size=10');
  await page.getByRole('combobox', { name: 'Method' }).selectOption('HEAD');
  await send(page);
  await done(page);
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  // The demo server sends the head alone: no stray bytes after it.
  await expect(bytes.getByRole('button', { name: /^extraneous/ })).toHaveCount(0);
  await bytes.getByRole('button', { name: /^head-end at bytes/ }).click();
  const explain = page.getByRole('region', { name: 'Explain' });
  await expect(explain).toContainText('No body follows: this is a response to HEAD (RFC 9112 section 6.3, rule 1).');
  await expect(explain).toContainText('Content-Length gives the size the body would have had (RFC 9110 section 8.6).');
  const rfc = explain.getByRole('region', { name: 'The RFC says' });
  await expect(rfc).toContainText('MUST NOT binds the server');
  await expect(rfc.getByRole('link', { name: 'RFC 9110 section 9.3.2' })).toHaveAttribute(
    'href',
    'https://www.rfc-editor.org/rfc/rfc9110#section-9.3.2',
  );
  await expect(explain).toContainText(/bytes \[\d+, \d+\) of the response: from byte \d+ up to, not including/);
  await screenshotsAt(page, 'explain-head', [
    [1280, 'light'],
    [760, 'dark'],
  ]);

  await page.getByRole('combobox', { name: 'Method' }).selectOption('GET');
  await send(page);
  await done(page);
  await bytes.getByRole('button', { name: /^head-end at bytes/ }).click();
  await expect(explain).toContainText(
    'The body is framed by length: Content-Length gives 10 bytes, and there is no Transfer-Encoding (RFC 9112 section 6.3, rule 6).',
  );
  await expect(explain).toContainText('the connection may carry another request');
});

test('a response with Content-Length and Transfer-Encoding carries a warning on its head', async ({ page }) => {
  await openScenario(page, '/malformed/content-length-and-chunked');
  await send(page);
  await done(page);
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await bytes.getByRole('button', { name: /^status-line at bytes/ }).click();
  const warning = page.getByRole('region', { name: 'Explain' }).locator('.warning');
  await expect(warning).toContainText('both Content-Length and Transfer-Encoding');
  await expect(warning).toContainText('The connection will be closed after it, not reused.');
  await bytes.getByRole('button', { name: /^head-end at bytes/ }).click();
  await expect(warning).toContainText('section 6.3, rule 3');
  await screenshotsAt(page, 'explain-cl-te', [
    [1280, 'dark'],
    [760, 'light'],
  ]);
});

test('a bare LF: the bad line is marked, and the RFC allows what the inspector refuses', async ({ page }) => {
  await openScenario(page, '/malformed/bare-lf');
  await send(page);
  await expect(page.locator('.state')).toHaveText('error');
  const bytes = page.getByRole('region', { name: 'Response bytes' });
  await expect(bytes.locator('mark.frame-fault')).toHaveText(['HTTP/1.1 200 OK\\n']);
  await expect(bytes).toContainText('Content-Type: text/plain');
  const explain = page.getByRole('region', { name: 'Explain' });
  await expect(explain.getByRole('region', { name: 'The RFC says' })).toContainText('MAY binds the recipient');
  await expect(explain.getByRole('region', { name: 'The inspector chooses' })).toContainText(
    'its policy, stricter than the RFC',
  );
  await screenshotsAt(page, 'explain-bare-lf', [
    [1280, 'light'],
    [760, 'dark'],
  ]);
});
