import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport, importsOf, layerOf } from './layer-rules';

describe('layerOf', () => {
  it('names each runtime folder of main/ as its own layer', () => {
    expect(layerOf('main/lowhaio/parser.ts')).toBe('core');
    expect(layerOf('main/lowhaio')).toBe('core');
    expect(layerOf('main/exchange/exchange-service.ts')).toBe('service');
    expect(layerOf('main/demo-server/server.ts')).toBe('demo');
    expect(layerOf('main/browser-mode/server.ts')).toBe('browser-mode');
    expect(layerOf('main/launcher/start.ts')).toBe('launcher');
    expect(layerOf('main/electron/window.ts')).toBe('electron');
    expect(layerOf('main/index.ts')).toBe('electron');
    expect(layerOf('main/preload/index.ts')).toBe('preload');
    expect(layerOf('main/app-services.ts')).toBe('app');
    expect(layerOf('shared/visible-bytes.ts')).toBe('shared');
    expect(layerOf('scripts/check-layers.ts')).toBe('tooling');
  });
});

describe('check-layers', () => {
  function runOn(files: Record<string, string>): { status: number; output: string } {
    const root = mkdtempSync(join(tmpdir(), 'layers-'));
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      try {
        const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'check-layers.ts'), root], {
          encoding: 'utf8',
          stdio: 'pipe',
        });
        return { status: 0, output };
      } catch (error) {
        const failed = error as { status: number; stderr: string };
        return { status: failed.status, output: failed.stderr };
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  it('fails on an electron import in main/exchange/, and passes the same tree without it', () => {
    const bad = runOn({
      'main/exchange/service.ts': "import { app } from 'electron';\nexport const x = app;\n",
      'main/electron/window.ts': "import 'electron';\n",
    });
    expect(bad.status).toBe(1);
    expect(bad.output).toContain(
      'main/exchange/service.ts: main/exchange/ imports electron: main/exchange/ runs in plain Node, so it must never need Electron',
    );
    const good = runOn({
      'main/exchange/service.ts': "import { open } from 'node:fs/promises';\nexport const x = open;\n",
      'main/electron/window.ts': "import 'electron';\n",
    });
    expect(good.status).toBe(0);
    expect(good.output).toMatch(/2 files, every import within its layer/);
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
    expect(checkImport('main/lowhaio/pool.ts', '../electron/window')).toMatch(
      /may import only main\/lowhaio\/, shared\//,
    );
    expect(checkImport('main/lowhaio/pool.ts', '../exchange/exchange-service')).toMatch(
      /main\/lowhaio\/ imports main\/exchange\/exchange-service \(service\)/,
    );
    expect(checkImport('main/lowhaio/pool.test.ts', 'fast-check')).toBeNull();
    expect(checkImport('main/lowhaio/test-support/servers.ts', 'selfsigned')).toBeNull();
    expect(checkImport('main/lowhaio/test-support/servers.ts', 'electron')).toMatch(/plain Node/);
  });

  it('keeps the renderer away from main/, Electron and Node', () => {
    expect(checkImport('renderer/App.tsx', 'react')).toBeNull();
    expect(checkImport('renderer/App.tsx', '../shared/visible-bytes')).toBeNull();
    expect(checkImport('renderer/App.tsx', '../main/lowhaio')).toMatch(
      /renderer\/ imports main\/lowhaio \(core\): renderer\/ runs in the page and may import only renderer\/, shared\//,
    );
    expect(checkImport('renderer/components/X.tsx', 'electron')).toMatch(/InspectorApi/);
    expect(checkImport('renderer/components/X.tsx', 'fs')).toMatch(/never sees Node/);
    expect(checkImport('renderer/components/X.tsx', 'node:path')).toMatch(/never sees Node/);
  });

  it('keeps the service, the demo server, browser mode and the launcher in plain Node', () => {
    for (const file of [
      'main/exchange/exchange-service.ts',
      'main/demo-server/server.ts',
      'main/browser-mode/server.ts',
      'main/launcher/start.ts',
      'main/app-services.ts',
    ]) {
      expect(checkImport(file, 'electron')).toMatch(/runs in plain Node.*must never need Electron/);
      expect(checkImport(file, 'node:fs')).toBeNull();
    }
    expect(checkImport('main/exchange/exchange-service.ts', 'ws')).toBeNull();
    expect(checkImport('main/exchange/exchange-service.ts', '../browser-mode/server')).toMatch(
      /main\/exchange\/ imports main\/browser-mode\/server \(browser-mode\)/,
    );
    expect(checkImport('main/exchange/exchange-service.ts', '../electron/ipc')).toMatch(
      /may import only main\/exchange\/, main\/lowhaio\/, shared\//,
    );
    expect(checkImport('main/exchange/exchange-service.ts', '../demo-server/server')).toMatch(/\(demo\)/);
    expect(checkImport('main/exchange/exchange-service.test.ts', '../demo-server/server')).toBeNull();
    expect(checkImport('main/browser-mode/server.ts', '../app-services')).toBeNull();
    expect(checkImport('main/browser-mode/server.ts', '../electron/ipc')).toMatch(/\(electron\)/);
  });

  it('lets Electron in only where Electron runs, and keeps the preload to electron and shared/', () => {
    expect(checkImport('main/electron/ipc.ts', 'electron')).toBeNull();
    expect(checkImport('main/index.ts', 'electron')).toBeNull();
    expect(checkImport('main/electron/ipc.ts', '../exchange/batching')).toBeNull();
    expect(checkImport('main/electron/ipc.ts', '../browser-mode/server')).toMatch(/\(browser-mode\)/);
    expect(checkImport('main/preload/index.ts', 'electron')).toBeNull();
    expect(checkImport('main/preload/index.ts', '../../shared/inspector-api')).toBeNull();
    expect(checkImport('main/preload/index.ts', 'node:fs')).toMatch(
      /sandboxed preload may import only electron and shared/,
    );
    expect(checkImport('main/preload/index.ts', '../exchange/batching')).toMatch(/\(service\)/);
  });

  it('lets e2e/ reach the app only through its UI', () => {
    expect(checkImport('e2e/app.spec.ts', '@playwright/test')).toBeNull();
    expect(checkImport('e2e/app.spec.ts', '../shared/visible-bytes')).toBeNull();
    expect(checkImport('e2e/app.spec.ts', '../renderer/App')).toMatch(
      /e2e\/ runs in Playwright and may import only e2e\/, shared\//,
    );
    expect(checkImport('e2e/app.spec.ts', 'node:net')).toBeNull();
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
