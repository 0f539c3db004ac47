// The contract between the renderer and the main process: everything the UI may ask for. The
// Electron preload and the browser-mode client are its two implementations. Every value crossing it
// is plain, structured-clone-safe data.

export interface AppInfo {
  name: string;
  version: string;
  /** Where the service runs: inside Electron, or behind the loopback browser-mode server. */
  shell: 'electron' | 'browser';
  /** Versions of the runtime pieces, e.g. { electron: '45.5.0', node: '22.x', chrome: '...' }. */
  runtime: Record<string, string>;
  platform: string;
}

export interface InspectorApi {
  getAppInfo(): Promise<AppInfo>;
}

/** The IPC channel of each InspectorApi member, shared by the preload and the main process. */
export const IPC_CHANNELS = {
  getAppInfo: 'inspector:get-app-info',
} as const satisfies Record<keyof InspectorApi, string>;
