// InspectorApi over the browser-mode WebSocket (same origin). The page's first message is a hello
// with the access token it took from its URL (access-token.ts); calls wait for the server's welcome.
// Calls are requests with ids; batches arrive as they happen. Upload slices are POSTed with the token
// in a header; a save asks for a one-time download ticket. A socket that closes fails the calls
// waiting on it, and is opened again (after 0.5 s, then less often, up to every 10 s); calls made
// meanwhile fail with a message that says so. A refused token is not tried again.
import type { ExchangeBatch } from '../../shared/exchange-events';
import { BACKEND_METHODS, type ApiMethod, type ApiResult } from '../../shared/api-methods';
import type { BackendApi, ExportKind, FileLike, InspectorApi, SaveResult } from '../../shared/inspector-api';
import {
  CLOSE_UNAUTHORIZED,
  decodeMessage,
  encodeMessage,
  exportTicketPath,
  uploadSlicePath,
  type RpcUploadPull,
} from '../../shared/rpc-protocol';
import type { FileRef } from '../../shared/exchange-spec';
import type { SerializedError } from '../../shared/serialized-error';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

/** Saves through the browser's own download (the server streams the file from disk). */
function download(path: string): SaveResult {
  const link = document.createElement('a');
  link.href = path;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
  return { saved: true };
}

/** Saves text the page made through the browser's own download (it never goes to the server). */
function downloadText(name: string, text: string, type: string): SaveResult {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return { saved: true };
}

function toError(error: SerializedError): Error {
  return Object.assign(new Error(error.message), error);
}

/** The header that carries the access token on upload slices (main/browser-mode/access.ts). */
const TOKEN_HEADER = 'x-inspector-token';

export function connectBrowserClient(
  token: string | null,
  url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`,
): InspectorApi {
  const pending = new Map<number, Pending>();
  /** Files this page offered for upload, by upload id: the server pulls slices of them. */
  const files = new Map<string, FileLike>();
  const listeners = new Set<(batch: ExchangeBatch) => void>();
  let nextId = 1;
  /** Why calls fail now: the socket is lost (and being opened again) or the token was refused; null when open. */
  let closedBecause: string | null = null;
  /** Failed attempts since the socket was last open (the wait before the next grows with them). */
  let failures = 0;
  let socket: WebSocket;
  let ready: Promise<void>;

  /** Opens the socket and says hello; resolves once welcomed. A socket that closes is opened again. */
  const open = (): Promise<void> => {
    const current = new WebSocket(url);
    socket = current;
    let welcomedHere = false;
    current.binaryType = 'arraybuffer';
    const welcome = new Promise<void>((resolve, reject) => {
      current.addEventListener('open', () => current.send(encodeMessage({ kind: 'hello', token: token ?? '' })), {
        once: true,
      });
      current.addEventListener('message', (event: MessageEvent<string>) => {
        const message = decodeMessage(event.data);
        if (message.kind === 'welcome') {
          welcomedHere = true;
          closedBecause = null;
          failures = 0;
          resolve();
        } else if (message.kind === 'batch') for (const listener of listeners) listener(message.batch);
        else if (message.kind === 'upload-pull') void sendSlice(message);
        else if (message.kind === 'response') {
          const waiting = pending.get(message.id);
          pending.delete(message.id);
          if (message.error) waiting?.reject(toError(message.error));
          else waiting?.resolve(message.result);
        }
      });
      current.addEventListener('close', (event) => {
        const refused = event.code === CLOSE_UNAUTHORIZED;
        closedBecause = refused
          ? event.reason
          : welcomedHere
            ? `The connection to the browser-mode server was lost (${event.code}${event.reason ? `: ${event.reason}` : ''}); reconnecting…`
            : 'Could not reach the browser-mode server; is `npm run serve` still running? Trying again…';
        reject(new Error(closedBecause));
        for (const waiting of pending.values()) waiting.reject(new Error(closedBecause));
        pending.clear();
        // A refused token stays refused; anything else is tried again, less often each time (up to every 10 s).
        if (refused) return;
        failures++;
        setTimeout(
          () => {
            ready = open();
            ready.catch(() => {}); // calls await it and report the failure
          },
          Math.min(10_000, 500 * 2 ** Math.min(failures - 1, 5)),
        );
      });
    });
    return welcome;
  };
  ready = open();
  ready.catch(() => {}); // each call awaits it and reports the failure; this only keeps it from going unhandled

  /**
   * POSTs the slice of an offered file that the server asked for. A File is a Blob: the browser
   * streams its slice from disk as the request body, no copy through this page's memory.
   */
  async function sendSlice(pull: RpcUploadPull): Promise<void> {
    try {
      const file = files.get(pull.uploadId);
      if (!file) throw new Error('this page no longer offers that file; choose it again');
      const slice = file.slice(pull.offset, pull.offset + pull.length);
      const body = slice instanceof Blob ? slice : await slice.arrayBuffer();
      const response = await fetch(uploadSlicePath(pull.pullId), {
        method: 'POST',
        body,
        credentials: 'omit',
        headers: { [TOKEN_HEADER]: token ?? '' },
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}: ${(await response.text()).trim()}`);
    } catch (error) {
      if (socket.readyState === WebSocket.OPEN)
        socket.send(encodeMessage({ kind: 'upload-error', pullId: pull.pullId, message: (error as Error).message }));
    }
  }

  async function call<M extends ApiMethod>(method: M, ...params: unknown[]): Promise<ApiResult<M>> {
    await ready;
    if (closedBecause) throw new Error(closedBecause);
    const id = nextId++;
    return new Promise<ApiResult<M>>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(encodeMessage({ kind: 'request', id, method, params }));
    });
  }

  /** Downloads an export through a one-time ticket (a link can carry no header). */
  const saveExport = async (id: string, what: ExportKind): Promise<SaveResult> =>
    download(exportTicketPath(await call('exportTicket', id, what)));

  const useFile = async (file: FileLike): Promise<FileRef> => {
    const uploadId = await call('beginUpload', file.size);
    files.set(uploadId, file);
    return { via: 'upload', uploadId, name: file.name, size: file.size };
  };

  /** One function per backend method of the table (api-methods.ts), each a request of that name. */
  const backend = Object.fromEntries(
    BACKEND_METHODS.map((method) => [
      method,
      (...params: unknown[]) => {
        // An optional argument left undefined is left out (JSON would send it as null, which no schema takes).
        while (params.length > 0 && params[params.length - 1] === undefined) params.pop();
        return call(method, ...params);
      },
    ]),
  ) as BackendApi;

  return {
    ...backend,
    useFile,
    chooseUploadFile: () =>
      new Promise<FileRef | null>((resolve, reject) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (file) useFile(file).then(resolve, reject);
          else resolve(null);
        });
        input.addEventListener('cancel', () => resolve(null));
        input.click();
      }),
    chooseCollectionFolder: () =>
      Promise.reject(
        new Error(
          'In browser mode the folder of saved requests is set when the app starts: npm run serve -- --collections-dir DIR.',
        ),
      ),
    saveText: async (name, text, type) => downloadText(name, text, type),
    saveBody: (id, form = 'decoded') => saveExport(id, form === 'wire' ? 'body-wire' : 'body'),
    saveRaw: (id, direction) => saveExport(id, direction),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
