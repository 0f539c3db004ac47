// Which module may import what, by runtime layer (as VS Code's common/node/electron-main/browser).
// Pure: given a file's project-relative path and one import specifier, say whether it is allowed and
// why not. `check-layers.ts` feeds it every import of every source file.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

/** The runtime folders, each a layer: where its code runs decides what it may import. */
export type Layer =
  | 'shared'
  | 'core'
  | 'service'
  | 'demo'
  | 'app'
  | 'browser-mode'
  | 'launcher'
  | 'electron'
  | 'preload'
  | 'renderer'
  | 'e2e'
  | 'tooling';

/** Folder (or file) prefixes and their layers, most specific first. */
const FOLDERS: ReadonlyArray<readonly [prefix: string, layer: Layer]> = [
  ['shared/', 'shared'],
  ['main/lowhaio/', 'core'],
  ['main/exchange/', 'service'],
  ['main/demo-server/', 'demo'],
  ['main/browser-mode/', 'browser-mode'],
  ['main/launcher/', 'launcher'],
  ['main/electron/', 'electron'],
  ['main/index.ts', 'electron'],
  ['main/preload/', 'preload'],
  ['main/', 'app'],
  ['renderer/', 'renderer'],
  ['e2e/', 'e2e'],
];

interface LayerRule {
  /** Where its code runs, for the messages. */
  runs: string;
  /** Project layers it may import (its own always). */
  imports: readonly Layer[];
  /** Which packages: node builtins only (`node:` spelled out), builtins and npm packages, ... */
  packages: 'node-only' | 'node-and-npm' | 'npm-no-node' | 'electron-only' | 'any' | 'listed';
  /** May it import electron? */
  electron: boolean;
}

/** What each layer may import. The service, the demo server, browser mode and the launcher run in plain Node. */
export const LAYER_RULES: Record<Exclude<Layer, 'tooling'>, LayerRule> = {
  shared: { runs: 'everywhere (main, page, tests)', imports: [], packages: 'listed', electron: false },
  core: { runs: 'plain Node', imports: ['shared'], packages: 'node-only', electron: false },
  service: { runs: 'plain Node', imports: ['core', 'shared'], packages: 'node-and-npm', electron: false },
  demo: { runs: 'plain Node', imports: ['core', 'shared'], packages: 'node-and-npm', electron: false },
  app: {
    runs: 'plain Node (what both shells start)',
    imports: ['service', 'demo', 'core', 'shared'],
    packages: 'node-and-npm',
    electron: false,
  },
  'browser-mode': {
    runs: 'plain Node',
    imports: ['app', 'service', 'demo', 'core', 'shared'],
    packages: 'node-and-npm',
    electron: false,
  },
  launcher: {
    runs: 'plain Node (it starts Electron as a child process)',
    imports: ['browser-mode', 'shared'],
    packages: 'node-and-npm',
    electron: false,
  },
  electron: {
    runs: "Electron's main process",
    imports: ['app', 'service', 'demo', 'core', 'shared'],
    packages: 'any',
    electron: true,
  },
  preload: { runs: "Electron's sandboxed preload", imports: ['shared'], packages: 'electron-only', electron: true },
  renderer: { runs: 'the page', imports: ['shared'], packages: 'npm-no-node', electron: false },
  e2e: { runs: 'Playwright', imports: ['shared'], packages: 'listed', electron: false },
};

/**
 * Pure packages shared/ may use: no platform globals, the same in Node and in the page. zod holds the
 * argument schemas of the API, which both sides of every transport check.
 */
const SHARED_PACKAGES = ['zod'];

/** Packages e2e/ may use: Playwright, selfsigned (a spec's own TLS server), har-validator (HAR exports). */
const E2E_PACKAGES = ['@playwright/test', 'selfsigned', 'har-validator'];

/** Packages a test file (or test support module) may use beside what its layer allows. */
const TEST_LIBRARIES = ['vitest', 'fast-check', '@testing-library/', 'selfsigned', 'undici', 'node:'];

/** Layers a test may reach beside its own layer's: the service's tests run the demo server. */
const TEST_IMPORTS: Partial<Record<Layer, readonly Layer[]>> = { service: ['demo'], 'browser-mode': ['core'] };

export function layerOf(file: string): Layer {
  // (A folder imported as a module, `../lowhaio`, is its index: in the folder.)
  for (const [prefix, layer] of FOLDERS) if (file.startsWith(prefix) || `${file}/` === prefix) return layer;
  return 'tooling';
}

function isNodeBuiltin(spec: string): boolean {
  if (spec.startsWith('node:')) return true;
  const root = spec.split('/')[0] ?? spec;
  return builtinModules.includes(root);
}

/** The project-relative path a relative specifier points at, or null for a package. */
function resolveRelative(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return posix.normalize(posix.join(posix.dirname(file), spec));
}

function isTestFile(file: string): boolean {
  return /\.test\.tsx?$/.test(file) || file.includes('/test-support/');
}

const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');

/** Returns null when `file` may import `spec`, or the reason it may not. */
export function checkImport(file: string, spec: string): string | null {
  const layer = layerOf(file);
  const target = resolveRelative(file, spec);
  if (target !== null && target.startsWith('..')) return `imports ${spec}, outside the project`;
  if (layer === 'tooling') return null;
  const rule = LAYER_RULES[layer];
  const folder = FOLDERS.find(([, l]) => l === layer)![0];
  const test = isTestFile(file);
  if (target !== null) {
    const targetLayer = layerOf(target);
    if (targetLayer === layer || rule.imports.includes(targetLayer)) return null;
    if (test && (TEST_IMPORTS[layer] ?? []).includes(targetLayer)) return null;
    const allowed = [folder, ...rule.imports.map((l) => FOLDERS.find(([, f]) => f === l)![0])].join(', ');
    return `${folder} imports ${target} (${targetLayer}): ${folder} runs in ${rule.runs} and may import only ${allowed}`;
  }
  if (
    test &&
    TEST_LIBRARIES.some((lib) => spec.startsWith(lib)) &&
    !(spec.startsWith('node:') && (layer === 'shared' || layer === 'renderer'))
  )
    return null;
  if (isElectron(spec) && rule.packages !== 'listed') {
    if (rule.electron) return null;
    if (layer === 'renderer') return 'renderer/ imports electron: the renderer talks only to InspectorApi';
    return `${folder} imports electron: ${folder} runs in ${rule.runs}, so it must never need Electron`;
  }
  switch (rule.packages) {
    case 'any':
      return null;
    case 'listed': {
      const listed = layer === 'shared' ? SHARED_PACKAGES : E2E_PACKAGES;
      if (listed.includes(spec) || (layer === 'e2e' && isNodeBuiltin(spec))) return null;
      return layer === 'shared'
        ? `shared/ imports the package ${spec}: shared/ may import only shared/ and the pure packages ${SHARED_PACKAGES.join(', ')}`
        : `e2e/ imports the package ${spec}: e2e/ drives the app through its UI with Playwright`;
    }
    case 'node-only':
      if (spec.startsWith('node:')) return null;
      return isNodeBuiltin(spec)
        ? `${folder} imports ${spec}: write node:${spec} so the builtin is plain to see`
        : `${folder} imports the package ${spec}: the core may import only node:* and shared/`;
    case 'node-and-npm':
      return null;
    case 'npm-no-node':
      return isNodeBuiltin(spec)
        ? `${folder} imports ${spec}: ${layer === 'renderer' ? 'the renderer never sees Node' : `${folder} never sees Node`}`
        : null;
    case 'electron-only':
      return `${folder} imports ${spec}: the sandboxed preload may import only electron and shared/`;
  }
}

/** Every module specifier a source file imports, re-exports, requires or references. */
export function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return [...info.importedFiles, ...info.referencedFiles].map((ref) => ref.fileName);
}
