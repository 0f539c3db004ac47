// Finds the Electron executable that the `electron` npm package would run, and fetches it when it
// is missing, without the package's own `require('electron')`, which downloads as a side effect and
// throws a message that does not say what went wrong. Plain Node: `npm start` uses it before any
// Electron process exists.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

/** Where the executable of the electron package in `packageDir` is, or why there is none. */
export function findElectronBinary(packageDir: string): ElectronBinary {
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { found: false, reason: `the electron package is not installed (no ${packageDir}); run npm install` };
  }
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile) && override === undefined) {
    return { found: false, reason: 'the Electron binary has not been downloaded yet' };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const path = override !== undefined ? join(override, relative) : join(packageDir, 'dist', relative);
  if (!existsSync(path)) return { found: false, reason: `the Electron binary is missing at ${path}` };
  return { found: true, path };
}

/** The most telling line of a failed download's output, e.g. "TypeError: fetch failed". */
export function summarizeDownloadFailure(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('at '));
  const telling = lines.find((line) => /error|fail|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|timed out/i.test(line));
  return telling ?? lines[0] ?? 'the download printed nothing';
}

/**
 * Runs the package's `install-electron` step (it downloads the binary for this platform) and
 * reports the binary, or why it could not be had, in words fit for one line.
 */
export async function fetchElectronBinary(packageDir: string, timeoutMs = 120_000): Promise<ElectronBinary> {
  const installer = join(packageDir, 'install.js');
  if (!existsSync(installer)) return findElectronBinary(packageDir);
  const output = await new Promise<{ code: number | null; text: string }>((resolve) => {
    const child = spawn(process.execPath, [installer], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.on('error', (error) => resolve({ code: null, text: `${text}\n${error.message}` }));
    child.on('close', (code, signal) =>
      resolve({ code, text: signal ? `${text}\ndownload timed out after ${timeoutMs} ms` : text }),
    );
  });
  if (output.code === 0) return findElectronBinary(packageDir);
  return {
    found: false,
    reason: `the Electron binary could not be downloaded (${summarizeDownloadFailure(output.text)})`,
  };
}
