// The preload: exposes InspectorApi to the sandboxed renderer one named function at a time, never
// ipcRenderer itself (as HTTP Toolkit's desktop shell does).
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type InspectorApi } from '../../shared/inspector-api';

const api: InspectorApi = {
  getAppInfo: () => ipcRenderer.invoke(IPC_CHANNELS.getAppInfo),
};

contextBridge.exposeInMainWorld('inspector', api);
