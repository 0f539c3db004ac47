// Test support: an in-memory Electron, enough of it for the real preload (main/preload/index.ts),
// the real IPC registration (main/electron/ipc.ts) and the real dialogs (main/electron/dialogs.ts)
// to run in plain Node. It behaves as Electron does where that matters to a contract: every value
// that crosses (invoke arguments and results, sent messages, contextBridge calls) is structured-
// cloned, so a class instance loses its prototype and a function that is not a callback throws;
// each invoke comes with the sender's frame (its URL, whether it is the top frame), which the tests
// set; ipcMain.handle refuses a second handler for a channel.
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;
type Listener = (event: unknown, ...args: unknown[]) => void;

/** The page the "window" shows, as ipc.ts's trust check sees it. */
export const senderFrame = { url: 'app://inspector/index.html', parent: null as object | null };

const handlers = new Map<string, Handler>();
const mainListeners = new EventEmitter();
const rendererListeners = new EventEmitter();

class FakeWebContents extends EventEmitter {
  private destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const cloned = structuredClone(args);
    // Delivered in a later turn, as a message between processes is.
    setImmediate(() => rendererListeners.emit(channel, { sender: null }, ...cloned));
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export const webContents = new FakeWebContents();

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    handlers.delete(channel);
  },
  on(channel: string, listener: Listener): void {
    mainListeners.on(channel, listener);
  },
  off(channel: string, listener: Listener): void {
    mainListeners.off(channel, listener);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = handlers.get(channel);
    if (!handler)
      throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const event = { sender: webContents, senderFrame: { url: senderFrame.url, parent: senderFrame.parent } };
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
  send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args);
    setImmediate(() => mainListeners.emit(channel, { sender: webContents }, ...cloned));
  },
  on(channel: string, listener: Listener): void {
    rendererListeners.on(channel, listener);
  },
  off(channel: string, listener: Listener): void {
    rendererListeners.off(channel, listener);
  },
};

/** Files "dropped on the window", by name, and the paths Electron would know for them. */
export const droppedFromDisk = new Map<string, string>();

export const webUtils = {
  getPathForFile(file: unknown): string {
    if (!(file instanceof Blob)) throw new TypeError('Error processing argument at index 0, conversion failure from ');
    return file instanceof File ? (droppedFromDisk.get(file.name) ?? '') : '';
  },
};

/** What the page's world holds after contextBridge.exposeInMainWorld, as the page would call it. */
export const mainWorld: Record<string, unknown> = {};

/**
 * contextBridge copies values both ways; functions are proxied, and the values passed to a
 * proxied callback are copied again.
 */
function bridged(value: unknown): unknown {
  // A File or Blob crosses as the page's own object (Electron passes DOM objects through).
  if (value instanceof Blob) return value;
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      const result = (value as (...a: unknown[]) => unknown)(...args.map(bridged));
      return result instanceof Promise ? result.then(bridged) : bridged(result);
    };
  }
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    if (Array.isArray(value)) return value.map(bridged);
    // A plain object with functions (the exposed API): each member bridged.
    if (Object.values(value).some((member) => typeof member === 'function')) {
      return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, bridged(member)]));
    }
  }
  return structuredClone(value);
}

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (key in mainWorld)
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
    mainWorld[key] = bridged(api);
  },
};

/** The save and open dialogs answer with these paths (null: the person cancelled). */
export const dialogAnswers: { save: string | null; open: string | null } = { save: null, open: null };

export const dialog = {
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    void args;
    return dialogAnswers.save === null ? { canceled: true } : { canceled: false, filePath: dialogAnswers.save };
  },
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    void args;
    return dialogAnswers.open === null
      ? { canceled: true, filePaths: [] }
      : { canceled: false, filePaths: [dialogAnswers.open] };
  },
};

export const app = { isPackaged: true };

export default { app, contextBridge, dialog, ipcMain, ipcRenderer, webUtils };
