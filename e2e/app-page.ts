// How the e2e specs drive the app: open it in browser mode, and point the composer at a demo server
// scenario (the composer opens on the demo server's live chunked scenario, so its URL gives the
// demo server's address).
import { expect, type Page } from '@playwright/test';
import { APP_PATH } from './browser-mode';

/** Opens the app and returns the demo server's base URL, read from the composer. */
export async function openApp(page: Page): Promise<string> {
  await page.goto(APP_PATH);
  const url = page.getByRole('textbox', { name: 'URL' });
  await expect(url).toHaveValue(/\/chunked\?count=5&size=32&delay=400$/);
  return (await url.inputValue()).replace(/\/chunked.*$/, '');
}

/** Opens the app with the composer's URL set to `path` on the demo server. */
export async function openScenario(page: Page, path: string): Promise<string> {
  const demo = await openApp(page);
  await page.getByRole('textbox', { name: 'URL' }).fill(`${demo}${path}`);
  return demo;
}

/** Presses Send. */
export const send = (page: Page) => page.getByRole('button', { name: 'Send', exact: true }).click();

/** Waits for the exchange on screen to be over, and done. */
export const done = (page: Page) => expect(page.locator('.state')).toHaveText('done');

/** Screenshots of the page as it is now, at each width and colour scheme, named `name-width-scheme.png`. */
export async function screenshotsAt(
  page: Page,
  name: string,
  looks: ReadonlyArray<readonly [number, 'light' | 'dark']>,
): Promise<void> {
  for (const [width, scheme] of looks) {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: `test-results/screenshots/${name}-${width}-${scheme}.png`, fullPage: true });
  }
}
