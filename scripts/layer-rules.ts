// Which module may import what, by runtime layer (as VS Code's common/node/electron-main/browser).
// Pure: given a file's project-relative path and one import specifier, say whether it is allowed and
// why not. `check-layers.ts` feeds it every import of every source file.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import ts from 'typescript';

export type Layer = 'shared' | 'lowhaio' | 'main' | 'renderer' | 'e2e' | 'tooling';

/**
 * Pure packages shared/ may use: no platform globals, the same in Node and in the page. zod holds the
 * argument schemas of the API, which both sides of every transport check.
 */
const SHARED_PACKAGES = ['zod'];

/** Packages a test file (or test support module) may use beside what its layer allows. */
const TEST_LIBRARIES = ['vitest', 'fast-check', '@testing-library/', 'selfsigned', 'undici', 'node:'];

export function layerOf(file: string): Layer {
  if (file.startsWith('shared/')) return 'shared';
  if (file.startsWith('main/lowhaio/')) return 'lowhaio';
  if (file.startsWith('main/')) return 'main';
  if (file.startsWith('renderer/')) return 'renderer';
  if (file.startsWith('e2e/')) return 'e2e';
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

/** Returns null when `file` may import `spec`, or the reason it may not. */
export function checkImport(file: string, spec: string): string | null {
  const layer = layerOf(file);
  const target = resolveRelative(file, spec);
  const targetLayer = target === null ? null : layerOf(target);
  if (target !== null && target.startsWith('..')) return `imports ${spec}, outside the project`;
  if (target === null && isTestFile(file) && TEST_LIBRARIES.some((lib) => spec.startsWith(lib))) {
    if (layer !== 'shared' && layer !== 'renderer') return null;
    if (!spec.startsWith('node:')) return null;
  }
  switch (layer) {
    case 'shared':
      if (target === null) {
        if (SHARED_PACKAGES.includes(spec)) return null;
        return `shared/ imports the package ${spec}: shared/ may import only shared/ and the pure packages ${SHARED_PACKAGES.join(', ')}`;
      }
      if (targetLayer !== 'shared') return `shared/ imports ${target}: shared/ may import only shared/`;
      return null;
    case 'lowhaio':
      if (spec === 'electron' || spec.startsWith('electron/'))
        return 'main/lowhaio/ imports electron: the core must run in plain Node';
      if (target === null) {
        if (!spec.startsWith('node:')) {
          return isNodeBuiltin(spec)
            ? `main/lowhaio/ imports ${spec}: write node:${spec} so the builtin is plain to see`
            : `main/lowhaio/ imports the package ${spec}: the core may import only node:* and shared/`;
        }
        return null;
      }
      if (targetLayer !== 'lowhaio' && targetLayer !== 'shared')
        return `main/lowhaio/ imports ${target}: the core may import only main/lowhaio/ and shared/`;
      return null;
    case 'main':
      if (targetLayer === 'renderer' || targetLayer === 'e2e')
        return `main/ imports ${target}: the main process never imports ${targetLayer}/`;
      return null;
    case 'renderer':
      if (spec === 'electron' || spec.startsWith('electron/'))
        return 'renderer/ imports electron: the renderer talks only to InspectorApi';
      if (target === null && isNodeBuiltin(spec)) return `renderer/ imports ${spec}: the renderer never sees Node`;
      if (targetLayer === 'main' || targetLayer === 'lowhaio')
        return `renderer/ imports ${target}: the renderer never imports main/`;
      if (targetLayer === 'e2e' || targetLayer === 'tooling') return `renderer/ imports ${target}`;
      return null;
    case 'e2e':
      if (target === null) {
        // selfsigned: a spec may start its own TLS server, with a certificate it generates.
        if (spec === '@playwright/test' || spec === 'selfsigned' || isNodeBuiltin(spec)) return null;
        return `e2e/ imports the package ${spec}: e2e/ drives the app through its UI with Playwright`;
      }
      if (targetLayer !== 'e2e' && targetLayer !== 'shared')
        return `e2e/ imports ${target}: e2e/ uses the app only through its UI (and shared/ types)`;
      return null;
    case 'tooling':
      return null;
  }
}

/** Every module specifier a source file imports, re-exports, requires or references. */
export function importsOf(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return [...info.importedFiles, ...info.referencedFiles].map((ref) => ref.fileName);
}
