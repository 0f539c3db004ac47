// How this works: the store of the saved requests the sidebar shows: the collection's tree as the
// service lists it, its environments (http-client.env.json, parsed here), the environment chosen
// (remembered per folder in localStorage), and what the last step did or why it failed, in words.
// It opens a .http file (read, then parsed: its requests, variables and problems), saves a request
// (a new file, or one request replaced in its file with every other line kept), renames, duplicates,
// makes folders, and deletes with Undo (the service hands the file's text back; Undo writes it
// again). Components read it through useSyncExternalStore.
import {
  formatHttpRequest,
  httpRequestProblems,
  parseHttpFile,
  replaceHttpRequest,
  type HttpFile,
  type HttpFileRequest,
} from '../../shared/http-file';
import { parseEnvironments, variablesOf, type Environments } from '../../shared/http-variables';
import type { CollectionListing, InspectorApi } from '../../shared/inspector-api';
import { safeLocalStorage } from '../lib/safe-storage';
import { UNDO_MS } from './history-store';

export interface SavedRequestsState {
  listing: CollectionListing | null;
  environments: Environments;
  /** The environment chosen; null for none. */
  environment: string | null;
  problem: string | null;
  notice: string | null;
  /** The file just deleted, while Undo can bring it back. */
  deleted: { path: string; text: string } | null;
}

/** Where a draft came from: a request of a saved file, so that Save writes it back there. */
export interface SavedSource {
  path: string;
  /** Which request of the file. */
  index: number;
  name: string | null;
  /** The file's own @variables. */
  variables: Array<[string, string]>;
}

const NO_ENVIRONMENTS: Environments = { names: [], values: {}, problems: [] };
const envKey = (folder: string) => `lowhaio.environment:${folder}`;

export class SavedRequestsStore {
  private state: SavedRequestsState = {
    listing: null,
    environments: NO_ENVIRONMENTS,
    environment: null,
    problem: null,
    notice: null,
    deleted: null,
  };
  private readonly listeners = new Set<() => void>();
  private undoTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: InspectorApi,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage(),
    private readonly undoMs = UNDO_MS,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): SavedRequestsState => this.state;

  async refresh(): Promise<void> {
    try {
      this.show(await this.api.listCollection());
    } catch (error) {
      this.update({ problem: `Could not list the saved requests: ${(error as Error).message}` });
    }
  }

  /** Asks for another folder (the desktop app's dialog). */
  async chooseFolder(): Promise<void> {
    try {
      const listing = await this.api.chooseCollectionFolder();
      if (listing) this.show(listing, `Saved requests are now in ${listing.folder}.`);
    } catch (error) {
      this.update({ problem: (error as Error).message });
    }
  }

  setEnvironment(environment: string | null): void {
    const folder = this.state.listing?.folder;
    if (folder) {
      if (environment) this.storage?.setItem(envKey(folder), environment);
      else this.storage?.removeItem(envKey(folder));
    }
    this.update({ environment });
  }

  /** The variables a request sees: the chosen environment's, under its file's own. */
  variables(fileVariables: ReadonlyArray<[string, string]> = []): Map<string, string> {
    return variablesOf(this.state.environments, this.state.environment, fileVariables);
  }

  /** A saved file, read and parsed; null (with the reason shown) when it cannot be read. */
  async open(path: string): Promise<HttpFile | null> {
    try {
      const file = parseHttpFile(await this.api.readRequestFile(path));
      if (file.requests.length === 0) {
        this.update({ problem: `${path} holds no request.`, notice: null });
        return null;
      }
      return file;
    } catch (error) {
      this.update({ problem: `Could not open ${path}: ${(error as Error).message}`, notice: null });
      return null;
    }
  }

  /**
   * Saves `request`: over its source (the request it was opened from, every other line of the file
   * kept) or as a new file at `path`. Resolves with where it went, or null (the reason shown).
   */
  async save(request: HttpFileRequest, to: { path: string; source?: SavedSource }): Promise<SavedSource | null> {
    const problems = httpRequestProblems(request);
    if (problems.length > 0) {
      this.update({ problem: `Cannot save this request as a .http file: ${problems.join(' ')}`, notice: null });
      return null;
    }
    try {
      let index = 0;
      let variables: Array<[string, string]> = [];
      if (to.source && to.source.path === to.path) {
        const text = await this.api.readRequestFile(to.path);
        const parsed = parseHttpFile(text);
        index = Math.min(to.source.index, parsed.requests.length);
        variables = parsed.variables;
        await this.api.writeRequestFile(to.path, replaceHttpRequest(text, to.source.index, request), 'replace');
      } else await this.api.writeRequestFile(to.path, formatHttpRequest(request), 'create');
      this.update({ notice: `Saved to ${to.path}.`, problem: null });
      await this.refresh();
      return { path: to.path, index, name: request.name, variables };
    } catch (error) {
      this.update({ problem: `Could not save ${to.path}: ${(error as Error).message}`, notice: null });
      return null;
    }
  }

  async rename(from: string, to: string): Promise<boolean> {
    return this.step(`Could not rename ${from}`, async () => {
      await this.api.renameCollectionEntry(from, to);
      return `Renamed ${from} to ${to}.`;
    });
  }

  /** Copies a file beside itself as "NAME copy.http" (or "copy 2", ...). */
  async duplicate(path: string): Promise<boolean> {
    return this.step(`Could not duplicate ${path}`, async () => {
      const text = await this.api.readRequestFile(path);
      const taken = new Set(this.state.listing?.entries.map((entry) => entry.path));
      const stem = path.replace(/\.http$/, '');
      let copy = `${stem} copy.http`;
      for (let n = 2; taken.has(copy); n++) copy = `${stem} copy ${n}.http`;
      await this.api.writeRequestFile(copy, text, 'create');
      return `Duplicated ${path} as ${copy}.`;
    });
  }

  async createFolder(path: string): Promise<boolean> {
    return this.step(`Could not make the folder ${path}`, async () => {
      await this.api.createCollectionFolder(path);
      return `Made the folder ${path}.`;
    });
  }

  /** Deletes a file (Undo brings it back for a few seconds) or an empty folder. */
  async delete(path: string): Promise<boolean> {
    return this.step(`Could not delete ${path}`, async () => {
      const text = await this.api.deleteCollectionEntry(path);
      if (text !== null) {
        this.clearUndo();
        this.undoTimer = setTimeout(() => this.update({ deleted: null }), this.undoMs);
        this.update({ deleted: { path, text } });
        return null;
      }
      return `Deleted the folder ${path}.`;
    });
  }

  async undoDelete(): Promise<void> {
    const deleted = this.state.deleted;
    if (!deleted) return;
    this.clearUndo();
    this.update({ deleted: null });
    await this.step(`Could not bring ${deleted.path} back`, async () => {
      await this.api.writeRequestFile(deleted.path, deleted.text, 'create');
      return `Brought ${deleted.path} back.`;
    });
  }

  /** Runs a change, then lists again; says what it did (or why not). */
  private async step(failure: string, run: () => Promise<string | null>): Promise<boolean> {
    try {
      const notice = await run();
      this.update({ notice, problem: null });
      await this.refresh();
      return true;
    } catch (error) {
      this.update({ problem: `${failure}: ${(error as Error).message}`, notice: null });
      return false;
    }
  }

  private show(listing: CollectionListing, notice?: string): void {
    const environments = parseEnvironments(listing.envText, listing.privateEnvText);
    const saved = listing.folder ? this.storage?.getItem(envKey(listing.folder)) : null;
    const environment =
      saved && environments.names.includes(saved)
        ? saved
        : this.state.environment && environments.names.includes(this.state.environment)
          ? this.state.environment
          : null;
    this.update({ listing, environments, environment, ...(notice ? { notice, problem: null } : {}) });
  }

  private clearUndo(): void {
    if (this.undoTimer) clearTimeout(this.undoTimer);
    this.undoTimer = null;
  }

  private update(change: Partial<SavedRequestsState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
