// What both shells read the same way from their command line and environment, so that the desktop
// app and browser mode share one history: the data folder (captures), the saved requests' folder,
// and the app's version. Plain
// Node; the Electron main process and browser mode's CLI both call these.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

function nonEmpty(value: string | undefined, flag = DATA_DIR_FLAG): string {
  if (value === undefined || value === '' || value.startsWith('--'))
    throw new Error(`${flag} needs a folder after it, e.g. ${flag} ~/inspector-data.`);
  return value;
}

export const COLLECTIONS_DIR_FLAG = '--collections-dir';
const COLLECTIONS_SETTING = 'collections-folder.json';

/**
 * The saved requests' folder: `--collections-dir DIR` (or `=DIR`) anywhere in `argv`, else the one
 * the person chose last in the desktop app (kept in the data folder), else `<data folder>/collections`.
 */
export function collectionsDir(argv: readonly string[], data: string): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${COLLECTIONS_DIR_FLAG}=`))
      return resolve(nonEmpty(arg.slice(COLLECTIONS_DIR_FLAG.length + 1), COLLECTIONS_DIR_FLAG));
    if (arg === COLLECTIONS_DIR_FLAG) return resolve(nonEmpty(argv[i + 1], COLLECTIONS_DIR_FLAG));
  }
  try {
    const { folder } = JSON.parse(readFileSync(join(data, COLLECTIONS_SETTING), 'utf8')) as { folder?: unknown };
    if (typeof folder === 'string' && folder !== '') return folder;
  } catch (error) {
    // No choice made yet (no file): the default. A file that cannot be read is said, and the default used.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      console.error(`Lowhaio Inspector: ${COLLECTIONS_SETTING} could not be read (${(error as Error).message}).`);
  }
  return join(data, 'collections');
}

/** Keeps the folder the person chose in the desktop app, for the next start. */
export function rememberCollectionsDir(data: string, folder: string): void {
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, COLLECTIONS_SETTING), `${JSON.stringify({ folder })}\n`);
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
