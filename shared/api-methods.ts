// How this works: the API's one method table (as VS Code's ProxyChannel derives both ends of a
// channel from one service interface). Each method that crosses a transport is listed once, with who
// answers it and what it resolves with; its arguments' schema is in api-schema.ts under the same
// name. From this table come the InspectorApi and BackendApi types, the Electron preload's functions,
// the IPC handlers, the browser-mode client's functions and the browser-mode server's dispatch: adding
// a method means adding it here and in api-schema.ts, implementing it (the service, or a shell), and
// using it in the UI. No zod at run time here: the sandboxed preload imports this module.
import type * as z from 'zod';
import type { API_PARAMS } from './api-schema';
import type { ExchangeSummary } from './exchange-events';
import type { ExchangeSpec, FileRef } from './exchange-spec';
import type {
  AppInfo,
  BodyInfo,
  CollectionListing,
  DemoServerInfo,
  FindResult,
  FramePage,
  SaveResult,
} from './inspector-api';

/**
 * Who answers a method:
 * - service: the exchange service (main/exchange/exchange-service.ts), under the method's name;
 * - app: the main process's app services (main/app-services.ts): the same in both shells;
 * - shell: each shell its own way (Electron: a native dialog; browser mode: the page, a download);
 * - electron / browser-mode: one transport's own, never part of InspectorApi.
 */
export type AnsweredBy = 'service' | 'app' | 'shell' | 'electron' | 'browser-mode';

/** A method's result type, carried by the table (no value at run time). */
const resolvesWith = <T>() => undefined as unknown as T;

export const API_METHODS = {
  /** Name, version and runtime of the app. */
  getAppInfo: { by: 'app', result: resolvesWith<AppInfo>() },
  /** Starts an exchange under the id the page chose (or a new one); resolves with its id once it has started. */
  send: { by: 'service', result: resolvesWith<string>() },
  /** Cancels a running exchange; false when it was not running. */
  cancel: { by: 'service', result: resolvesWith<boolean>() },
  /** Bytes [start, end) of a capture, in one direction (at most MAX_READ_BYTES, 4 MiB, per call). */
  readBytes: { by: 'service', result: resolvesWith<Uint8Array>() },
  /**
   * A capture's frames a page at a time (about 1 MiB of them, so that 100,000 chunks never arrive
   * as one message): start with cursor 0 and go on with each page's `next` until it is null.
   */
  readFrames: { by: 'service', result: resolvesWith<FramePage>() },
  /**
   * A finished exchange's response body (or request body, 'tx'): its content codings undone (once; kept beside the
   * capture), with both lengths and any decoding error in words.
   */
  describeBody: { by: 'service', result: resolvesWith<BodyInfo>() },
  /** Bytes [start, end) of the decoded body, the response's unless 'tx' (at most MAX_READ_BYTES per call). */
  readBody: { by: 'service', result: resolvesWith<Uint8Array>() },
  /**
   * Finds text or hex bytes in one direction of a capture, streamed from disk: every match counted,
   * the offsets of the first MAX_FIND_OFFSETS at or after `from`.
   */
  findInCapture: { by: 'service', result: resolvesWith<FindResult>() },
  /** Every capture kept, newest first. */
  listHistory: { by: 'service', result: resolvesWith<ExchangeSummary[]>() },
  /** The request an exchange sent, to edit and send again; null for captures that kept none. */
  getSpec: { by: 'service', result: resolvesWith<ExchangeSpec | null>() },
  /** Deletes a capture and its files. */
  deleteHistory: { by: 'service', result: resolvesWith<void>() },
  /** Deletes every capture but those of exchanges still running; resolves with how many went. */
  clearHistory: { by: 'service', result: resolvesWith<number>() },
  /** The built-in demo server's address. */
  getDemoServer: { by: 'app', result: resolvesWith<DemoServerInfo>() },
  /** The saved requests: the collection folder's tree of .http files, and its env files' text. */
  listCollection: { by: 'app', result: resolvesWith<CollectionListing>() },
  /** A saved request file's text (at most 1 MiB), by its path inside the collection. */
  readRequestFile: { by: 'app', result: resolvesWith<string>() },
  /** Writes a .http file: 'create' refuses one already there, 'replace' one that is not. */
  writeRequestFile: { by: 'app', result: resolvesWith<void>() },
  /** Renames or moves a file or folder inside the collection, never over another. */
  renameCollectionEntry: { by: 'app', result: resolvesWith<void>() },
  /** Deletes a file (resolving with its text, so the page can undo) or an empty folder (null). */
  deleteCollectionEntry: { by: 'app', result: resolvesWith<string | null>() },
  createCollectionFolder: { by: 'app', result: resolvesWith<void>() },
  /** Asks the person for the collection's folder (the desktop app); null when they cancel. */
  chooseCollectionFolder: { by: 'shell', result: resolvesWith<CollectionListing | null>() },
  /**
   * Saves the response body (no chunk framing) to a file the person chooses: decoded (its content
   * codings undone), or as sent ('wire').
   */
  saveBody: { by: 'shell', result: resolvesWith<SaveResult>() },
  /** Saves the exact wire bytes of one direction to a file the person chooses. */
  saveRaw: { by: 'shell', result: resolvesWith<SaveResult>() },
  /** Saves text the page made (a HAR, a .http export) to a file the person chooses, under this name. */
  saveText: { by: 'shell', result: resolvesWith<SaveResult>() },
  /** Asks the person for a file to upload; null when they cancel. */
  chooseUploadFile: { by: 'shell', result: resolvesWith<FileRef | null>() },
  /** Electron: the path of a File dropped on the window, as the preload read it (webUtils). */
  useDroppedFile: { by: 'electron', result: resolvesWith<FileRef>() },
  /** Browser mode: a page offers a file of this many bytes; resolves with its upload id. */
  beginUpload: { by: 'browser-mode', result: resolvesWith<string>() },
  /** Browser mode: a one-time ticket to download a capture's body or one direction's bytes. */
  exportTicket: { by: 'browser-mode', result: resolvesWith<string>() },
} as const satisfies Record<string, { by: AnsweredBy; result: unknown }>;

export type ApiMethod = keyof typeof API_METHODS;
export type MethodsBy<B extends AnsweredBy> = {
  [M in ApiMethod]: (typeof API_METHODS)[M]['by'] extends B ? M : never;
}[ApiMethod];
export type ServiceMethod = MethodsBy<'service'>;
/** What the main process answers the same way in both shells. */
export type BackendMethod = MethodsBy<'service' | 'app'>;
export type ShellMethod = MethodsBy<'shell'>;

/** The arguments a caller passes (optional ones may be left out). */
export type ApiParams<M extends ApiMethod> = z.input<(typeof API_PARAMS)[M]>;
export type ApiResult<M extends ApiMethod> = (typeof API_METHODS)[M]['result'];

/** The methods `M` as a caller sees them: every one resolves (a transport is in between). */
export type ApiFunctions<M extends ApiMethod> = { [K in M]: (...params: ApiParams<K>) => Promise<ApiResult<K>> };

/** The methods `M` as the main process implements them: checked arguments in, a value or a promise out. */
export type ApiImplementation<M extends ApiMethod> = {
  [K in M]: (...params: z.output<(typeof API_PARAMS)[K]>) => ApiResult<K> | Promise<ApiResult<K>>;
};

/** The methods one side answers, in table order. */
export function methodsBy<B extends AnsweredBy>(...by: B[]): Array<MethodsBy<B>> {
  return (Object.keys(API_METHODS) as ApiMethod[]).filter((method) =>
    (by as AnsweredBy[]).includes(API_METHODS[method].by),
  ) as Array<MethodsBy<B>>;
}

export const SERVICE_METHODS = methodsBy('service');
export const BACKEND_METHODS: BackendMethod[] = methodsBy('service', 'app');
export const SHELL_METHODS = methodsBy('shell');

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(API_METHODS, name);
}

/** The Electron IPC channel of a method. */
export function ipcChannel(method: ApiMethod): string {
  return `inspector:${method}`;
}

/** Electron: batches to the window, and the window's "taken" for each (see main/electron/ipc.ts). */
export const BATCH_CHANNEL = 'inspector:batch';
export const BATCH_TAKEN_CHANNEL = 'inspector:batch-received';
