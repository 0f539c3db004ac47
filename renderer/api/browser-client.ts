// InspectorApi over the browser-mode WebSocket (same origin; the access-token cookie that opened the
// page authorizes it). Calls are requests with ids; batches arrive as they happen. Reconnects are
// not attempted: a closed socket fails every pending and later call with a message that says so.
import type { ExchangeBatch } from '../../shared/exchange-events';
import { exportPath, type BackendApi, type InspectorApi, type SaveResult } from '../../shared/inspector-api';
import { decodeMessage, encodeMessage } from '../../shared/rpc-protocol';
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

function toError(error: SerializedError): Error {
  return Object.assign(new Error(error.message), error);
}

export function connectBrowserClient(url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`): InspectorApi {
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('Could not reach the browser-mode server; is `npm run serve` still running?')), { once: true });
  });
  const pending = new Map<number, Pending>();
  const listeners = new Set<(batch: ExchangeBatch) => void>();
  let nextId = 1;
  let closedBecause: string | null = null;

  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = decodeMessage(event.data);
    if (message.kind === 'batch') for (const listener of listeners) listener(message.batch);
    else if (message.kind === 'response') {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiting?.reject(toError(message.error));
      else waiting?.resolve(message.result);
    }
  });
  socket.addEventListener('close', (event) => {
    closedBecause = `The connection to the browser-mode server closed (${event.code}${event.reason ? `: ${event.reason}` : ''}); reload the page.`;
    for (const waiting of pending.values()) waiting.reject(new Error(closedBecause));
    pending.clear();
  });

  async function call<T>(method: keyof BackendApi, ...params: unknown[]): Promise<T> {
    await opened;
    if (closedBecause) throw new Error(closedBecause);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      socket.send(encodeMessage({ kind: 'request', id, method, params }));
    });
  }

  return {
    getAppInfo: () => call('getAppInfo'),
    send: (spec) => call('send', spec),
    cancel: (id) => call('cancel', id),
    readBytes: (id, direction, start, end) => call('readBytes', id, direction, start, end),
    readFrames: (id) => call('readFrames', id),
    listHistory: () => call('listHistory'),
    deleteHistory: (id) => call('deleteHistory', id),
    getDemoServer: () => call('getDemoServer'),
    saveBody: async (id) => download(exportPath(id, 'body')),
    saveRaw: async (id, direction) => download(exportPath(id, direction)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
