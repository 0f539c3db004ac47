import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const config = parse(readFileSync(join(__dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

describe('packaging (electron-builder.yml)', () => {
  it('flips the Electron fuses that close the shell to code other than ours', () => {
    expect(config['asar']).toBe(true);
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('names only fuses electron-builder knows (a misspelt one would be ignored silently)', () => {
    const scheme = JSON.parse(
      readFileSync(join(__dirname, '..', '..', 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
    ) as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const fuse of Object.keys(config['electronFuses'] as object)) expect(known).toContain(fuse);
  });
});
