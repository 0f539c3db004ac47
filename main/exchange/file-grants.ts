// How this works: the service reads a file of this machine only when the shell granted it: the
// desktop app's own file dialog, a file dropped on its window (the preload hands the dropped File's
// path to the main process), or the command line. grant(path) checks the file and answers a FileRef
// whose `fileId` is unguessable; a spec names only that id, so a page can never name a path, and in
// browser mode nothing grants at all. When an exchange opens the file, the open descriptor is checked
// again (the path may have been swapped for a device, a FIFO or a link since): it must be a regular
// file outside the app's data folder (no capture of another exchange) and outside /dev, /proc, /sys.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import type { FileRef } from '../../shared/exchange-spec';
import { DEFAULT_FILE_PIECE, fileBody } from '../lowhaio';
import { ServiceRefusal } from './service-errors';

/** Grants kept; past this many the oldest is forgotten (choosing the file again grants it anew). */
export const MAX_GRANTS = 1000;

/** Where no upload is ever read from: pseudo-file systems whose "files" are not files on disk. */
const PSEUDO_ROOTS = ['/dev', '/proc', '/sys'];

/** A granted file, opened and checked, for one exchange. */
export interface OpenedFile {
  size: number;
  /**
   * The file's bytes, `size` of them at most (a file that grows after the check is cut there), read
   * ahead in pieces of a whole number of `readSize` (so that cutting them into `readSize` copies nothing).
   */
  stream(readSize: number): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}

function refused(path: string, why: string): ServiceRefusal {
  return new ServiceRefusal(
    'ERR_FILE_REFUSED',
    `${path} cannot be uploaded: ${why}. Choose a regular file. Nothing was sent.`,
  );
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export class FileGrants {
  private readonly granted = new Map<string, string>();

  constructor(private readonly dataDir: string) {}

  /** Checks `path` (from the shell, never from a page) and grants it; throws when it may not be read. */
  async grant(path: string): Promise<FileRef> {
    const opened = await this.check(path);
    const size = opened.size;
    await opened.close();
    const fileId = `file-${randomBytes(16).toString('base64url')}`;
    this.granted.set(fileId, path);
    if (this.granted.size > MAX_GRANTS) this.granted.delete(this.granted.keys().next().value!);
    return { via: 'path', fileId, name: basename(path), size };
  }

  /** The granted path of `fileId`; throws ERR_FILE_NOT_GRANTED for an id the shell never gave. */
  pathOf(fileId: string): string {
    const path = this.granted.get(fileId);
    if (path === undefined) {
      throw new ServiceRefusal(
        'ERR_FILE_NOT_GRANTED',
        'That file was not chosen in this app (its grant is unknown or was forgotten): choose it again with "Choose file" or drop it on the window. Nothing was sent.',
      );
    }
    return path;
  }

  /** Opens a granted file for an exchange, checking it once more on the open descriptor. */
  open(fileId: string): Promise<OpenedFile> {
    return this.check(this.pathOf(fileId));
  }

  private async check(path: string): Promise<OpenedFile & { handle: FileHandle }> {
    let real: string;
    try {
      real = await realpath(path);
    } catch (error) {
      throw refused(path, (error as Error).message);
    }
    if (PSEUDO_ROOTS.some((root) => inside(real, root))) throw refused(path, `it is ${real}, not a file on disk`);
    const data = await realpath(this.dataDir).catch(() => resolve(this.dataDir));
    if (inside(real, data)) throw refused(path, "it is in the app's own data folder (captures of other exchanges)");
    let handle: FileHandle;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; O_NOFOLLOW: the resolved path itself.
      handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      throw refused(path, (error as Error).message);
    }
    const stats = await handle.stat();
    if (!stats.isFile()) {
      await handle.close();
      const what = stats.isDirectory()
        ? 'a directory'
        : stats.isFIFO()
          ? 'a FIFO'
          : stats.isSocket()
            ? 'a socket'
            : 'a device';
      throw refused(path, `it is ${what}`);
    }
    const size = stats.size;
    return {
      handle,
      size,
      stream: (readSize) =>
        fileBody(handle, { end: size, pieceSize: readSize * Math.max(1, Math.floor(DEFAULT_FILE_PIECE / readSize)) }),
      close: () => handle.close(),
    };
  }
}
