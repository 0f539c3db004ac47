import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fetchElectronBinary, findElectronBinary, summarizeDownloadFailure } from './electron-binary';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeInstaller(source: string): void {
  writeFileSync(join(dir, 'package.json'), '{"name":"electron"}');
  writeFileSync(join(dir, 'install.js'), source);
}

describe('findElectronBinary', () => {
  it('says the package is missing when there is no package', () => {
    const result = findElectronBinary(join(dir, 'nothing-here'));
    expect(result).toEqual({
      found: false,
      reason: expect.stringMatching(/electron package is not installed.*npm install/),
    });
  });

  it('says the binary was never downloaded when path.txt is absent', () => {
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(findElectronBinary(dir)).toEqual({
      found: false,
      reason: 'the Electron binary has not been downloaded yet',
    });
  });

  it('finds the executable named by path.txt under dist/', () => {
    writeFileSync(join(dir, 'package.json'), '{}');
    writeFileSync(join(dir, 'path.txt'), 'electron');
    mkdirSync(join(dir, 'dist'));
    expect(findElectronBinary(dir).found).toBe(false);
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(findElectronBinary(dir)).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
  });
});

describe('fetchElectronBinary', () => {
  it('reports a failed download in one line with its cause', async () => {
    writeInstaller(
      "console.error('TypeError: fetch failed\\n    at node:internal/deps/undici/undici:1:1\\n    at async download (x.js:2:3)'); process.exit(1);",
    );
    const result = await fetchElectronBinary(dir);
    expect(result).toEqual({
      found: false,
      reason: 'the Electron binary could not be downloaded (TypeError: fetch failed)',
    });
  });

  it('returns the binary the installer put in place', async () => {
    writeInstaller(
      "const fs = require('fs'); fs.writeFileSync('path.txt', 'electron'); fs.mkdirSync('dist'); fs.writeFileSync('dist/electron', '');",
    );
    expect(await fetchElectronBinary(dir)).toEqual({ found: true, path: join(dir, 'dist', 'electron') });
  });

  it('gives up on an installer that hangs', async () => {
    writeInstaller('setInterval(() => {}, 1000);');
    const result = await fetchElectronBinary(dir, 300);
    expect(result).toEqual({ found: false, reason: expect.stringContaining('download timed out after 300 ms') });
  });
});

describe('summarizeDownloadFailure', () => {
  it('skips stack frames and prefers the line that names the failure', () => {
    expect(summarizeDownloadFailure('Downloading...\nRequestError: getaddrinfo ENOTFOUND github.com\n    at x')).toBe(
      'RequestError: getaddrinfo ENOTFOUND github.com',
    );
    expect(summarizeDownloadFailure('')).toBe('the download printed nothing');
  });
});
