// Fails the e2e run at once, in one line, when there is no Chromium to drive or no build to test.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium-path';

export default function globalSetup(): void {
  const browser = chromiumPath();
  if (!existsSync(browser)) {
    throw new Error(
      `No Chromium at ${browser}: install it with "apt-get install -y chromium" (as root), or set CHROMIUM_PATH to a Chromium or Chrome executable.`,
    );
  }
  if (!existsSync(join(__dirname, '..', 'out', 'renderer', 'index.html'))) {
    throw new Error('No built renderer in out/renderer: run "npm run build" first (npm test does).');
  }
}
