// Drives the real desktop app with Playwright's Electron support, where Electron's binary exists.
// Where it does not (it is downloaded on first launch, and this machine cannot reach its host),
// the test reports itself as skipped and says why.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = join(__dirname, '..');

function electronBinary(): { path: string } | { missing: string } {
  const packageDir = join(ROOT, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile))
    return {
      missing:
        'the Electron binary has not been downloaded (npm start fetches it on a machine that can reach its download host)',
    };
  const path = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `the Electron binary is missing at ${path}` };
}

test('the desktop app opens its window, talks to the service over IPC and shows the demo server', async () => {
  const binary = electronBinary();
  if ('missing' in binary) console.log(`Electron e2e skipped: ${binary.missing}.`);
  test.skip('missing' in binary, 'missing' in binary ? `Electron e2e skipped: ${binary.missing}.` : '');
  if (!('path' in binary)) return;
  const app = await electron.launch({ executablePath: binary.path, args: [ROOT] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1 })).toHaveText('Lowhaio Inspector');
    await expect(window.getByRole('contentinfo', { name: 'Connection' })).toContainText(
      /desktop · demo server http:\/\/127\.0\.0\.1:\d+/,
    );
    // The page has no Node (sandbox, no nodeIntegration) and sees only the preload's named functions.
    const page = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      api: Object.keys((globalThis as { inspector?: object }).inspector ?? {}).sort(),
    }));
    expect(page).toEqual({
      require: 'undefined',
      api: [
        'cancel',
        'chooseCollectionFolder',
        'chooseUploadFile',
        'clearHistory',
        'createCollectionFolder',
        'deleteCollectionEntry',
        'deleteHistory',
        'describeBody',
        'findInCapture',
        'getAppInfo',
        'getDemoServer',
        'getSpec',
        'listCollection',
        'listHistory',
        'readBody',
        'readBytes',
        'readFrames',
        'readRequestFile',
        'renameCollectionEntry',
        'saveBody',
        'saveRaw',
        'saveText',
        'send',
        'subscribe',
        'useFile',
        'writeRequestFile',
      ],
    });
    // Served from the app's own privileged scheme, not file:// (which would make the disk its origin).
    expect(window.url()).toBe('app://inspector/index.html');
    // A spec naming a path is refused by the main process, whatever the page sends.
    const refused = await window.evaluate(() =>
      (globalThis as unknown as { inspector: { send(spec: unknown): Promise<string> } }).inspector
        .send({
          method: 'PUT',
          url: 'http://127.0.0.1:1/',
          headers: [],
          body: {
            kind: 'file',
            file: { via: 'path', path: '/etc/passwd', name: 'p', size: 1 },
            framing: 'length',
            chunkSize: 1,
          },
          timeoutMs: 1000,
          verifyTls: true,
        })
        .then(
          () => 'sent',
          (error: { code?: string }) => error.code,
        ),
    );
    expect(refused).toBe('ERR_INVALID_ARGUMENT');
  } finally {
    await app.close();
  }
});
