import { describe, expect, it } from 'vitest';
import { checkImport, importsOf, layerOf } from './layer-rules';

describe('layerOf', () => {
  it('puts main/lowhaio/ in its own layer, apart from the rest of main/', () => {
    expect(layerOf('main/lowhaio/parser.ts')).toBe('lowhaio');
    expect(layerOf('main/electron/window.ts')).toBe('main');
    expect(layerOf('shared/visible-bytes.ts')).toBe('shared');
  });
});

describe('checkImport', () => {
  it('keeps shared/ free of anything outside shared/', () => {
    expect(checkImport('shared/a.ts', './b')).toBeNull();
    expect(checkImport('shared/a.ts', 'node:fs')).toMatch(/may import only shared/);
    expect(checkImport('shared/a.ts', 'electron')).toMatch(/package electron/);
    expect(checkImport('shared/a.ts', 'zod')).toBeNull();
    expect(checkImport('shared/a.ts', 'zod/v4/core')).toMatch(/package zod\/v4\/core/);
    expect(checkImport('shared/a.ts', '../main/lowhaio/parser')).toMatch(/shared\/ imports main\/lowhaio\/parser/);
    expect(checkImport('shared/a.test.ts', 'vitest')).toBeNull();
    expect(checkImport('shared/a.test.ts', 'node:fs')).toMatch(/may import only shared/);
  });

  it('keeps the core runnable in plain Node', () => {
    expect(checkImport('main/lowhaio/pool.ts', 'node:net')).toBeNull();
    expect(checkImport('main/lowhaio/pool.ts', '../../shared/frame-kinds')).toBeNull();
    expect(checkImport('main/lowhaio/pool.ts', 'electron')).toMatch(/plain Node/);
    expect(checkImport('main/lowhaio/pool.ts', 'net')).toMatch(/write node:net/);
    expect(checkImport('main/lowhaio/pool.ts', 'undici')).toMatch(/only node:\* and shared/);
    expect(checkImport('main/lowhaio/pool.ts', '../electron/window')).toMatch(/only main\/lowhaio\/ and shared/);
    expect(checkImport('main/lowhaio/pool.test.ts', 'fast-check')).toBeNull();
    expect(checkImport('main/lowhaio/test-support/servers.ts', 'selfsigned')).toBeNull();
    expect(checkImport('main/lowhaio/test-support/servers.ts', 'electron')).toMatch(/plain Node/);
  });

  it('keeps the renderer away from main/, Electron and Node', () => {
    expect(checkImport('renderer/App.tsx', 'react')).toBeNull();
    expect(checkImport('renderer/App.tsx', '../shared/visible-bytes')).toBeNull();
    expect(checkImport('renderer/App.tsx', '../main/lowhaio')).toMatch(/never imports main/);
    expect(checkImport('renderer/components/X.tsx', 'electron')).toMatch(/InspectorApi/);
    expect(checkImport('renderer/components/X.tsx', 'fs')).toMatch(/never sees Node/);
    expect(checkImport('renderer/components/X.tsx', 'node:path')).toMatch(/never sees Node/);
  });

  it('lets e2e/ reach the app only through its UI', () => {
    expect(checkImport('e2e/app.spec.ts', '@playwright/test')).toBeNull();
    expect(checkImport('e2e/app.spec.ts', '../shared/visible-bytes')).toBeNull();
    expect(checkImport('e2e/app.spec.ts', '../renderer/App')).toMatch(/only through its UI/);
    expect(checkImport('e2e/app.spec.ts', 'react')).toMatch(/package react/);
  });

  it('refuses imports that climb out of the project', () => {
    expect(checkImport('main/index.ts', '../../shared/conformance.json')).toMatch(/outside the project/);
  });
});

describe('importsOf', () => {
  it('finds static, dynamic, re-export, require and type-only imports', () => {
    const source = [
      "import a from 'alpha';",
      "import type { B } from './beta';",
      "export * from '../gamma';",
      "const d = await import('delta');",
      "const e = require('epsilon');",
      "// import z from 'commented-out';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['alpha', './beta', '../gamma', 'delta', 'epsilon']);
  });
});
