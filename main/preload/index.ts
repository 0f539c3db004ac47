// The preload: exposes InspectorApi to the sandboxed renderer one named function at a time, never
// ipcRenderer itself (as HTTP Toolkit's desktop shell does). The functions come from the method
// table (shared/api-methods.ts); only offering a dropped file and the batch stream are written here.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  BACKEND_METHODS,
  BATCH_CHANNEL,
  BATCH_TAKEN_CHANNEL,
  SHELL_METHODS,
  ipcChannel,
  type ApiFunctions,
  type BackendMethod,
  type ShellMethod,
} from '../../shared/api-methods';
import type { ExchangeBatch } from '../../shared/exchange-events';
import type { InspectorApi } from '../../shared/inspector-api';
import type { SerializedError } from '../../shared/serialized-error';

type Reply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** Calls the main process; a failure comes back as plain data and is thrown again here. */
async function call(channel: string, ...params: unknown[]): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channel, ...params)) as Reply;
  if (reply.ok) return reply.value;
  throw Object.assign(new Error(reply.error.message), reply.error);
}

/** One function per backend and shell method of the table (api-methods.ts), each an invoke of its channel. */
const invoked = Object.fromEntries(
  [...BACKEND_METHODS, ...SHELL_METHODS].map((method) => [
    method,
    (...params: unknown[]) => call(ipcChannel(method), ...params),
  ]),
) as ApiFunctions<BackendMethod | ShellMethod>;

const api: InspectorApi = {
  ...invoked,
  // A dropped file is on this machine: the main process grants its path (Electron's own, read from
  // the real File here; a page cannot make one up) and the service streams it from disk.
  useFile: async (file) => {
    let path: string;
    try {
      path = webUtils.getPathForFile(file as File);
    } catch (error) {
      throw new Error(
        `That is not a file dropped on the window (${(error as Error).message}): choose it with "Choose file".`,
        { cause: error },
      );
    }
    if (path === '')
      throw new Error(
        'That file has no path on this machine (it was not dropped from a folder): choose it with "Choose file".',
      );
    return call(ipcChannel('useDroppedFile'), path) as ReturnType<InspectorApi['useFile']>;
  },
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, batch: ExchangeBatch) => {
      listener(batch);
      // Tell the main process the page has taken it, so a page that falls behind gets summaries.
      ipcRenderer.send(BATCH_TAKEN_CHANNEL);
    };
    ipcRenderer.on(BATCH_CHANNEL, handler);
    return () => {
      ipcRenderer.off(BATCH_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('inspector', api);
