// The contract between the renderer and the main process: everything the UI may ask for. The
// Electron preload and the browser-mode client are its two implementations. Every value crossing it
// is plain, structured-clone-safe data.
import type { ExchangeBatch, ExchangeSummary } from './exchange-events';
import type { ExchangeSpec } from './exchange-spec';
import type { Direction, Frame } from './frames';

export interface AppInfo {
  name: string;
  version: string;
  /** Where the service runs: inside Electron, or behind the loopback browser-mode server. */
  shell: 'electron' | 'browser';
  /** Versions of the runtime pieces, e.g. { electron: '45.5.0', node: '22.x', chrome: '...' }. */
  runtime: Record<string, string>;
  platform: string;
}

export interface DemoServerInfo {
  /** Base URL of the built-in demo server, e.g. http://127.0.0.1:41234 */
  url: string;
}

export type CapturedFrame = Frame & { direction: Direction };

export interface InspectorApi {
  getAppInfo(): Promise<AppInfo>;
  /** Starts an exchange; resolves with its id once it has started. */
  send(spec: ExchangeSpec): Promise<string>;
  /** Cancels a running exchange; false when it was not running. */
  cancel(exchangeId: string): Promise<boolean>;
  /** Receives batches of every exchange's events; returns the function that stops them. */
  subscribe(listener: (batch: ExchangeBatch) => void): () => void;
  /** Bytes [start, end) of a capture, in one direction (at most 4 MiB per call). */
  readBytes(exchangeId: string, direction: Direction, start: number, end: number): Promise<Uint8Array>;
  readFrames(exchangeId: string): Promise<CapturedFrame[]>;
  listHistory(): Promise<ExchangeSummary[]>;
  deleteHistory(exchangeId: string): Promise<void>;
  getDemoServer(): Promise<DemoServerInfo>;
}

/** The members answered by the main process (subscribe is a stream of events instead). */
export type BackendApi = Omit<InspectorApi, 'subscribe'>;

export const BACKEND_METHODS = ['getAppInfo', 'send', 'cancel', 'readBytes', 'readFrames', 'listHistory', 'deleteHistory', 'getDemoServer'] as const satisfies ReadonlyArray<keyof BackendApi>;

/** The IPC channel of each InspectorApi member, shared by the preload and the main process. */
export const IPC_CHANNELS = {
  getAppInfo: 'inspector:get-app-info',
  send: 'inspector:send',
  cancel: 'inspector:cancel',
  readBytes: 'inspector:read-bytes',
  readFrames: 'inspector:read-frames',
  listHistory: 'inspector:list-history',
  deleteHistory: 'inspector:delete-history',
  getDemoServer: 'inspector:get-demo-server',
  batch: 'inspector:batch',
} as const satisfies Record<keyof BackendApi | 'batch', string>;
