import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appVersion, dataDir } from './app-settings';

describe('dataDir: one data folder for both shells', () => {
  it('takes --data-dir anywhere in argv, in either spelling, before the environment', () => {
    expect(dataDir(['/usr/bin/electron', '/app', '--data-dir', '/tmp/a'], { LOWHAIO_INSPECTOR_DATA: '/tmp/env' })).toBe(
      '/tmp/a',
    );
    expect(dataDir(['--no-sandbox', '--data-dir=/tmp/b', '--port', '1'], {})).toBe('/tmp/b');
  });

  it('falls back to LOWHAIO_INSPECTOR_DATA, then ~/.lowhaio-inspector', () => {
    expect(dataDir([], { LOWHAIO_INSPECTOR_DATA: '/tmp/env' })).toBe('/tmp/env');
    expect(dataDir([], { LOWHAIO_INSPECTOR_DATA: '' }, '/home/someone')).toBe('/home/someone/.lowhaio-inspector');
    expect(dataDir(['--port', '1'], {}, '/home/someone')).toBe('/home/someone/.lowhaio-inspector');
  });

  it('says what is missing when the flag has no folder', () => {
    expect(() => dataDir(['--data-dir'], {})).toThrow(
      '--data-dir needs a folder after it, e.g. --data-dir ~/inspector-data.',
    );
    expect(() => dataDir(['--data-dir', '--no-open'], {})).toThrow(/needs a folder/);
    expect(() => dataDir(['--data-dir='], {})).toThrow(/needs a folder/);
  });
});

describe('appVersion', () => {
  it('is the version in package.json', () => {
    expect(appVersion()).toBe(
      (JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version,
    );
  });
});

describe('collectionsDir: where saved requests live', () => {
  it('takes --collections-dir, else the folder chosen last, else the data folder\'s "collections"', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { collectionsDir, rememberCollectionsDir } = await import('./app-settings');
    const data = mkdtempSync(join(tmpdir(), 'lowhaio-settings-'));
    try {
      expect(collectionsDir([], data)).toBe(join(data, 'collections'));
      rememberCollectionsDir(data, '/srv/requests');
      expect(collectionsDir([], data)).toBe('/srv/requests');
      expect(collectionsDir(['--collections-dir', '/tmp/c'], data)).toBe('/tmp/c');
      expect(collectionsDir(['--collections-dir=/tmp/d'], data)).toBe('/tmp/d');
      expect(() => collectionsDir(['--collections-dir'], data)).toThrow('--collections-dir needs a folder after it');
      writeFileSync(join(data, 'collections-folder.json'), '{broken');
      expect(collectionsDir([], data)).toBe(join(data, 'collections'));
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });
});
