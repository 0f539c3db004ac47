// Test support: the app's real services (demo server, exchange service) on a temporary data folder,
// beside a temporary renderer folder holding `rendererFiles` for browser mode to serve.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startAppServices, type AppServices } from '../../app-services';

export interface TempApp {
  /** The temporary folder: data/ (captures) and renderer/ under it. */
  dir: string;
  rendererDir: string;
  services: AppServices;
  /** Stops the services and removes the folder. */
  close(): Promise<void>;
}

export async function startTempApp(
  prefix: string,
  rendererFiles: Record<string, string> = { 'index.html': '<!doctype html>' },
): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const rendererDir = join(dir, 'renderer');
  for (const [path, text] of Object.entries(rendererFiles)) {
    mkdirSync(dirname(join(rendererDir, path)), { recursive: true });
    writeFileSync(join(rendererDir, path), text);
  }
  const services = await startAppServices(join(dir, 'data'), {
    name: 'Lowhaio Inspector',
    version: '0.1.0',
    shell: 'browser',
    runtime: { node: process.versions.node },
    platform: process.platform,
  });
  return {
    dir,
    rendererDir,
    services,
    close: async () => {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
