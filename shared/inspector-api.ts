// The contract between the renderer and the main process: everything the UI may ask for. The
// Electron preload and the browser-mode client are its two implementations. Every value crossing it
// is plain, structured-clone-safe data.
import type { ExchangeBatch, ExchangeSummary } from './exchange-events';
import type { ExchangeSpec, FileRef } from './exchange-spec';
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

/** A frame as kept in a capture: its direction, and when it was found (ms since the exchange started). */
export type CapturedFrame = Frame & { direction: Direction; t?: number };

/** One page of a capture's frames, in order, and the cursor of the page after it (null after the last). */
export interface FramePage {
  frames: CapturedFrame[];
  next: number | null;
}

/** What a page can upload: a browser File (or anything shaped like one). */
export interface FileLike {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface SaveResult {
  /** False when the person cancelled the save dialog. */
  saved: boolean;
  /** Where it was written, when the shell knows (the desktop app does; a browser download does not say). */
  path?: string;
}

export interface InspectorApi {
  getAppInfo(): Promise<AppInfo>;
  /** Starts an exchange; resolves with its id once it has started. */
  send(spec: ExchangeSpec): Promise<string>;
  /** Cancels a running exchange; false when it was not running. */
  cancel(exchangeId: string): Promise<boolean>;
  /** Receives batches of every exchange's events; returns the function that stops them. */
  subscribe(listener: (batch: ExchangeBatch) => void): () => void;
  /** Bytes [start, end) of a capture, in one direction (at most MAX_READ_BYTES, 4 MiB, per call). */
  readBytes(exchangeId: string, direction: Direction, start: number, end: number): Promise<Uint8Array>;
  /**
   * A capture's frames a page at a time (about 1 MiB of them, so that 100,000 chunks never arrive
   * as one message): start with cursor 0 and go on with each page's `next` until it is null.
   */
  readFrames(exchangeId: string, cursor?: number): Promise<FramePage>;
  listHistory(): Promise<ExchangeSummary[]>;
  deleteHistory(exchangeId: string): Promise<void>;
  getDemoServer(): Promise<DemoServerInfo>;
  /** Asks the person for a file to upload; null when they cancel. */
  chooseUploadFile(): Promise<FileRef | null>;
  /** Offers a file the page already has (dropped on it) for upload. */
  useFile(file: FileLike): Promise<FileRef>;
  /** Saves the decoded response body (no chunk framing) to a file the person chooses. */
  saveBody(exchangeId: string): Promise<SaveResult>;
  /** Saves the exact wire bytes of one direction to a file the person chooses. */
  saveRaw(exchangeId: string, direction: Direction): Promise<SaveResult>;
}

/**
 * The members every shell answers the same way from the main process. subscribe is a stream of
 * events instead; saving is the shell's own (a native dialog, or a browser download).
 */
export type BackendApi = Omit<InspectorApi, 'subscribe' | 'saveBody' | 'saveRaw' | 'chooseUploadFile' | 'useFile'>;

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
  saveBody: 'inspector:save-body',
  saveRaw: 'inspector:save-raw',
  chooseUploadFile: 'inspector:choose-upload-file',
  useDroppedFile: 'inspector:use-dropped-file',
  batch: 'inspector:batch',
  batchReceived: 'inspector:batch-received',
} as const satisfies Record<keyof BackendApi | 'saveBody' | 'saveRaw' | 'chooseUploadFile' | 'useDroppedFile' | 'batch' | 'batchReceived', string>;

/** The browser-mode request that offers a page's file for upload (answered by the server itself). */
export const BEGIN_UPLOAD = 'beginUpload';

/** The browser-mode request for a one-time download ticket (answered by the server itself). */
export const EXPORT_TICKET = 'exportTicket';

/** What can be exported from a capture: the decoded body, or one direction's exact bytes. */
export type ExportKind = 'body' | Direction;
