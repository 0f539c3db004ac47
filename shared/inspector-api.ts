// The contract between the renderer and the main process: everything the UI may ask for. The
// Electron preload and the browser-mode client are its two implementations. Every value crossing it
// is plain, structured-clone-safe data.
import type { ApiFunctions, BackendMethod, ShellMethod } from './api-methods';
import type { ExchangeBatch } from './exchange-events';
import type { FileRef } from './exchange-spec';
import type { Direction, Frame } from './frames';
import type { SerializedError } from './serialized-error';

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

/** A saved request file or a folder of them, by its path inside the collection ("api/login.http"). */
export interface CollectionEntry {
  path: string;
  kind: 'file' | 'folder';
}

/** The collection's tree and its env files' text (null: no such file). */
export interface CollectionListing {
  /** The folder on disk; null until one is chosen (the desktop app asks for it). */
  folder: string | null;
  entries: CollectionEntry[];
  /** True when there were more entries than the store lists (MAX_ENTRIES). */
  truncated: boolean;
  envText: string | null;
  privateEnvText: string | null;
}

/** A response body's content codings undone (Content-Encoding, RFC 9110 section 8.4). */
export interface BodyInfo {
  /** The content codings, in the order the server applied them; empty for a body sent as it is. */
  codings: string[];
  /** The final response's Content-Type, as sent; null without one. */
  contentType: string | null;
  /** The body's length as sent (without chunk framing, still encoded). */
  wireLength: number;
  /** The content's length once decoded (the wire length when there is no coding). */
  decodedLength: number;
  /** Decoding stopped: why, in words (what decoded up to there is kept). */
  error?: SerializedError;
}

/** What Find in bytes found (main/exchange/capture-search.ts). */
export interface FindResult {
  /** Every match in the capture. */
  count: number;
  /** Matches before the search's start (so offsets[0] is match number before + 1). */
  before: number;
  /** Offsets of the matches at or after the search's start, in order (at most 10,000). */
  offsets: number[];
  /** Bytes searched (the capture's size on disk when the search ran). */
  searched: number;
}

export interface SaveResult {
  /** False when the person cancelled the save dialog. */
  saved: boolean;
  /** Where it was written, when the shell knows (the desktop app does; a browser download does not say). */
  path?: string;
}

/**
 * Everything the page may ask for: the backend's and the shell's methods of the table
 * (api-methods.ts, where each is described), the stream of batches, and offering a file the page holds.
 */
export type InspectorApi = ApiFunctions<BackendMethod | ShellMethod> & {
  /** Receives batches of every exchange's events; returns the function that stops them. */
  subscribe(listener: (batch: ExchangeBatch) => void): () => void;
  /** Offers a file the page already has (dropped on it) for upload. */
  useFile(file: FileLike): Promise<FileRef>;
};

/** The members every shell answers the same way from the main process. */
export type BackendApi = ApiFunctions<BackendMethod>;

/** A response body as saved: decoded (its content codings undone), or as sent. */
export type BodyForm = 'decoded' | 'wire';

/** What can be exported from a capture: the decoded body, the body as sent, or one direction's exact bytes. */
export type ExportKind = 'body' | 'body-wire' | Direction;
