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
