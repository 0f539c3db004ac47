// What both shells read the same way from their command line and environment, so that the desktop
// app and browser mode share one history: the data folder (captures), and the app's version. Plain
// Node; the Electron main process and browser mode's CLI both call these.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'LOWHAIO_INSPECTOR_DATA';

/**
 * The data folder: `--data-dir DIR` or `--data-dir=DIR` anywhere in `argv` (Electron puts its own
 * arguments around the app's), else $LOWHAIO_INSPECTOR_DATA, else ~/.lowhaio-inspector. Throws
 * when the flag has no folder after it.
 */
export function dataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  home = homedir(),
): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${DATA_DIR_FLAG}=`)) return resolve(nonEmpty(arg.slice(DATA_DIR_FLAG.length + 1)));
    if (arg === DATA_DIR_FLAG) return resolve(nonEmpty(argv[i + 1]));
  }
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(home, '.lowhaio-inspector');
}

function nonEmpty(value: string | undefined): string {
  if (value === undefined || value === '' || value.startsWith('--'))
    throw new Error(`${DATA_DIR_FLAG} needs a folder after it, e.g. ${DATA_DIR_FLAG} ~/inspector-data.`);
  return value;
}

/** The version in package.json, which packaging and `app.getVersion()` read too. */
export function appVersion(): string {
  for (const root of [join(__dirname, '..'), join(__dirname, '..', '..')]) {
    try {
      const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (name === 'lowhaio-inspector' && typeof version === 'string') return version;
    } catch {
      // Not this folder (built code sits one level deeper than the source): try the next.
    }
  }
  throw new Error('appVersion: no package.json of lowhaio-inspector above main/');
}
