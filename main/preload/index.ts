// The preload: exposes InspectorApi to the sandboxed renderer one named function at a time, never
// ipcRenderer itself (as HTTP Toolkit's desktop shell does).
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { IPC_CHANNELS, type InspectorApi } from '../../shared/inspector-api';
import type { SerializedError } from '../../shared/serialized-error';

type Reply = { ok: true; value: unknown } | { ok: false; error: SerializedError };

/** Calls the main process; a failure comes back as plain data and is thrown again here. */
async function call<T>(channel: string, ...params: unknown[]): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, ...params)) as Reply;
  if (reply.ok) return reply.value as T;
  throw Object.assign(new Error(reply.error.message), reply.error);
}

const api: InspectorApi = {
  getAppInfo: () => call(IPC_CHANNELS.getAppInfo),
  send: (spec) => call(IPC_CHANNELS.send, spec),
  cancel: (exchangeId) => call(IPC_CHANNELS.cancel, exchangeId),
  readBytes: (exchangeId, direction, start, end) => call(IPC_CHANNELS.readBytes, exchangeId, direction, start, end),
  readFrames: (exchangeId, cursor) => call(IPC_CHANNELS.readFrames, exchangeId, cursor ?? 0),
  listHistory: () => call(IPC_CHANNELS.listHistory),
  deleteHistory: (exchangeId) => call(IPC_CHANNELS.deleteHistory, exchangeId),
  getDemoServer: () => call(IPC_CHANNELS.getDemoServer),
  saveBody: (exchangeId) => call(IPC_CHANNELS.saveBody, exchangeId),
  saveRaw: (exchangeId, direction) => call(IPC_CHANNELS.saveRaw, exchangeId, direction),
  chooseUploadFile: () => call(IPC_CHANNELS.chooseUploadFile),
  // A dropped file is on this machine: the main process grants its path (Electron's own, read from
  // the real File here; a page cannot make one up) and the service streams it from disk.
  useFile: async (file) => {
    let path = '';
    try {
      path = webUtils.getPathForFile(file as File);
    } catch (error) {
      throw new Error(`That is not a file dropped on the window (${(error as Error).message}): choose it with "Choose file".`);
    }
    if (path === '') throw new Error('That file has no path on this machine (it was not dropped from a folder): choose it with "Choose file".');
    return call(IPC_CHANNELS.useDroppedFile, path);
  },
  subscribe: (listener) => {
    const handler = (_event: IpcRendererEvent, batch: ExchangeBatch) => {
      listener(batch);
      // Tell the main process the page has taken it, so a page that falls behind gets summaries.
      ipcRenderer.send(IPC_CHANNELS.batchReceived);
    };
    ipcRenderer.on(IPC_CHANNELS.batch, handler);
    return () => {
      ipcRenderer.off(IPC_CHANNELS.batch, handler);
    };
  },
};

contextBridge.exposeInMainWorld('inspector', api);
