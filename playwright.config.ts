// End-to-end tests in a real Chromium: Debian's build (Playwright's own download is not reachable
// here). CHROMIUM_PATH overrides where it is looked for.
import { defineConfig } from '@playwright/test';
import { E2E_PORT, E2E_TOKEN } from './e2e/browser-mode';
import { chromiumPath } from './e2e/chromium-path';

const PORT = E2E_PORT;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      // The desktop app itself, through Playwright's Electron support (skipped without the binary).
      name: 'electron',
      testMatch: 'electron-app.spec.ts',
    },
    {
      name: 'chromium',
      testIgnore: 'electron-app.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // Browser mode, as `npm run serve` runs it, over the renderer `npm run build` left in out/renderer.
    command: `npx --no-install tsx main/browser-mode/cli.ts --port ${PORT} --no-open --token ${E2E_TOKEN} --data-dir test-results/e2e-data-${Date.now()}`,
    url: `http://127.0.0.1:${PORT}/?token=${E2E_TOKEN}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
