// How this works: the folder of saved requests (a "collection") as a small sandboxed file store. The
// page names entries only by paths relative to the folder ("api/login.http"), checked here: POSIX
// segments, none empty, "." or "..", none hidden, files ending in .http; the folder's real path must
// contain the entry's real parent (a symbolic link cannot lead out). It lists the tree (folders and
// .http files, hidden folders and node_modules left out), reads and writes files of at most 1 MiB,
// renames, deletes (a file's text comes back, so the page can undo), and makes folders. The env
// files (http-client.env.json and its private companion) are read beside the .http files.
// Writes go to a temporary file renamed over the target, so a crash never leaves half a request.
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ENV_FILE, PRIVATE_ENV_FILE } from '../../shared/http-variables';
import type { CollectionEntry, CollectionListing } from '../../shared/inspector-api';
import { CollectionError } from './collection-errors';

export const MAX_REQUEST_FILE_BYTES = 1024 * 1024;
/** The most entries listed (a folder picked by mistake, e.g. a home folder, stops there). */
export const MAX_ENTRIES = 5000;
const MAX_DEPTH = 8;

export class CollectionStore {
  constructor(private root: string | null) {}

  /** The folder in use; null until one is chosen (the desktop app asks). */
  get folder(): string | null {
    return this.root;
  }

  async useFolder(folder: string): Promise<void> {
    await mkdir(folder, { recursive: true });
    this.root = folder;
  }

  async list(): Promise<CollectionListing> {
    if (this.root === null) return { folder: null, entries: [], truncated: false, envText: null, privateEnvText: null };
    await mkdir(this.root, { recursive: true });
    const entries: CollectionEntry[] = [];
    let truncated = false;
    const walk = async (dir: string, depth: number): Promise<void> => {
      const found = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of found) {
        if (entries.length >= MAX_ENTRIES) {
          truncated = true;
          return;
        }
        if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
        const path = join(dir, entry.name);
        const rel = relative(this.root!, path).split(sep).join('/');
        if (entry.isDirectory()) {
          entries.push({ path: rel, kind: 'folder' });
          if (depth < MAX_DEPTH) await walk(path, depth + 1);
        } else if (entry.isFile() && entry.name.endsWith('.http')) entries.push({ path: rel, kind: 'file' });
      }
    };
    await this.io('list the saved requests', () => walk(this.root!, 1));
    return {
      folder: this.root,
      entries,
      truncated,
      envText: await this.optional(ENV_FILE),
      privateEnvText: await this.optional(PRIVATE_ENV_FILE),
    };
  }

  async read(path: string): Promise<string> {
    const file = await this.resolve(path, 'file');
    const info = await this.io(`read ${path}`, () => stat(file), path);
    if (info.size > MAX_REQUEST_FILE_BYTES)
      throw new CollectionError(
        'ERR_COLLECTION_TOO_LARGE',
        `${path} is ${info.size.toLocaleString('en-US')} bytes; saved requests are read up to 1 MiB. Split it into smaller .http files.`,
      );
    return this.io(`read ${path}`, () => readFile(file, 'utf8'), path);
  }

  /** Writes a .http file: `create` refuses one already there, `replace` refuses one that is not. */
  async write(path: string, text: string, mode: 'create' | 'replace'): Promise<void> {
    if (Buffer.byteLength(text) > MAX_REQUEST_FILE_BYTES)
      throw new CollectionError(
        'ERR_COLLECTION_TOO_LARGE',
        `${path} would be over 1 MiB; saved requests are kept under it.`,
      );
    const file = await this.resolve(path, 'file');
    const exists = await this.exists(file);
    if (mode === 'create' && exists)
      throw new CollectionError(
        'ERR_COLLECTION_EXISTS',
        `${path} is already saved; choose another name, or save over it.`,
      );
    if (mode === 'replace' && !exists)
      throw new CollectionError(
        'ERR_COLLECTION_MISSING',
        `${path} is no longer there (moved or deleted outside the app).`,
      );
    const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
    await this.io(
      `save ${path}`,
      async () => {
        await writeFile(temporary, text, { flag: 'wx' });
        await rename(temporary, file);
      },
      path,
    ).catch(async (error: unknown) => {
      await rm(temporary, { force: true });
      throw error;
    });
  }

  /** Renames or moves a file or a folder within the collection; never over an entry already there. */
  async rename(from: string, to: string): Promise<void> {
    const kind = from.endsWith('.http') ? 'file' : 'folder';
    const source = await this.resolve(from, kind);
    const target = await this.resolve(to, kind);
    if (!(await this.exists(source)))
      throw new CollectionError(
        'ERR_COLLECTION_MISSING',
        `${from} is no longer there (moved or deleted outside the app).`,
      );
    if (await this.exists(target))
      throw new CollectionError('ERR_COLLECTION_EXISTS', `${to} is already there; choose another name.`);
    if (kind === 'folder' && `${to}/`.startsWith(`${from}/`))
      throw new CollectionError('ERR_COLLECTION_PATH', `A folder cannot move into itself (${from} into ${to}).`);
    await this.io(`rename ${from}`, () => rename(source, target), from);
  }

  /** Deletes a file (resolving with its text, to undo) or an empty folder (resolving with null). */
  async remove(path: string): Promise<string | null> {
    if (path.endsWith('.http')) {
      const text = await this.read(path);
      await this.io(`delete ${path}`, async () => rm(await this.resolve(path, 'file')), path);
      return text;
    }
    const folder = await this.resolve(path, 'folder');
    await this.io(`delete ${path}`, () => rmdir(folder), path).catch((error: unknown) => {
      if (
        error instanceof CollectionError &&
        error.code === 'ERR_COLLECTION_IO' &&
        /ENOTEMPTY|EEXIST/.test(error.message)
      )
        throw new CollectionError(
          'ERR_COLLECTION_NOT_EMPTY',
          `${path} is not empty: delete or move what is in it first.`,
        );
      throw error;
    });
    return null;
  }

  async createFolder(path: string): Promise<void> {
    const folder = await this.resolve(path, 'folder');
    if (await this.exists(folder)) throw new CollectionError('ERR_COLLECTION_EXISTS', `${path} is already there.`);
    await this.io(`make the folder ${path}`, () => mkdir(folder), path);
  }

  /** The absolute path of `path` in the collection, once it is checked. */
  private async resolve(path: string, kind: 'file' | 'folder'): Promise<string> {
    if (this.root === null)
      throw new CollectionError(
        'ERR_COLLECTION_NOT_CHOSEN',
        'No folder for saved requests is chosen yet: choose one in the sidebar (Saved requests, Choose folder…).',
      );
    const segments = path.split('/');
    const bad =
      path.length > 1024 ||
      path.includes('\\') ||
      path.includes('\0') ||
      segments.some((segment) => segment === '' || segment.startsWith('.') || /[<>:"|?*]/.test(segment));
    if (bad)
      throw new CollectionError(
        'ERR_COLLECTION_PATH',
        `"${path}" is not a path inside the collection: use names separated by "/", none empty or starting with ".", and none of < > : " | ? *.`,
      );
    if (kind === 'file' && !path.endsWith('.http'))
      throw new CollectionError('ERR_COLLECTION_PATH', `"${path}" must end in .http: saved requests are .http files.`);
    if (kind === 'folder' && path.endsWith('.http'))
      throw new CollectionError('ERR_COLLECTION_PATH', `"${path}" is a file name, not a folder's.`);
    const full = join(this.root, ...segments);
    await this.io('make the collection folder', () => mkdir(this.root!, { recursive: true }));
    // The nearest parent that exists must be inside the collection's real folder (no symbolic link out).
    const [rootReal, parentReal] = await Promise.all([realpath(this.root), this.realParent(dirname(full))]);
    if (parentReal !== rootReal && !parentReal.startsWith(rootReal + sep))
      throw new CollectionError(
        'ERR_COLLECTION_PATH',
        `"${path}" leads out of the collection's folder (through a link).`,
      );
    if (await this.exists(full)) {
      const info = await lstat(full);
      if (info.isSymbolicLink())
        throw new CollectionError(
          'ERR_COLLECTION_PATH',
          `"${path}" is a symbolic link; saved requests are plain files.`,
        );
      if (kind === 'file' ? !info.isFile() : !info.isDirectory())
        throw new CollectionError('ERR_COLLECTION_PATH', `"${path}" is not a ${kind === 'file' ? 'file' : 'folder'}.`);
    }
    return full;
  }

  private async realParent(dir: string): Promise<string> {
    for (let current = dir; ; current = dirname(current)) {
      try {
        return await realpath(current);
      } catch (error) {
        // Not there yet (a folder to be made): its parent decides.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(current) === current) throw error;
      }
    }
  }

  private async exists(path: string): Promise<boolean> {
    return lstat(path).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
  }

  private async optional(name: string): Promise<string | null> {
    const file = join(this.root!, name);
    if (!(await this.exists(file))) return null;
    const info = await stat(file);
    if (info.size > MAX_REQUEST_FILE_BYTES) return null;
    return this.io(`read ${name}`, () => readFile(file, 'utf8'), name);
  }

  /** Runs a file system step; its failure becomes a CollectionError that says what was being done. */
  private async io<T>(doing: string, step: () => Promise<T>, path?: string): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (error instanceof CollectionError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && path)
        throw new CollectionError(
          'ERR_COLLECTION_MISSING',
          `${path} is no longer there (moved or deleted outside the app).`,
        );
      throw new CollectionError(
        'ERR_COLLECTION_IO',
        `Could not ${doing}: ${(error as Error).message}${code ? ` (${code})` : ''}.`,
        undefined,
        { cause: error },
      );
    }
  }
}
