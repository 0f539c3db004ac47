// Main-process side of the IPC contract: one handler per InspectorApi member, each checking that
// the sender is our own window's top frame showing our own page (trust.ts), then the arguments
// against the method's schema (shared/api-schema.ts, the same the browser-mode server uses).
// Results travel as { ok: true, value } and failures as { ok: false, error } with the error
// serialized as plain data (code, name, message, byte offsets), which the preload throws again.
import { app, ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  BACKEND_METHODS,
  BATCH_CHANNEL,
  BATCH_TAKEN_CHANNEL,
  ipcChannel,
  type ApiImplementation,
  type ApiMethod,
  type BackendMethod,
  type MethodsBy,
} from '../../shared/api-methods';
import { checkedParams } from '../../shared/api-schema';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { summarize } from '../exchange/batching';
import { serializeError } from '../lowhaio';
import { isTrustedSender } from './trust';

function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  const devServer = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  if (!frame || !isTrustedSender(url, frame.parent === null, devServer))
    throw new Error(`IPC refused: sender ${url || '(unknown)'} is not the application window`);
}

/** The methods Electron's IPC carries: all but browser mode's own. */
type Channelled = Exclude<ApiMethod, MethodsBy<'browser-mode'>>;

/** Answers `method` for our own window only, its arguments checked, with { ok, value } or { ok: false, error }. */
export function handle<M extends Channelled>(method: M, answer: ApiImplementation<M>[M]): void {
  ipcMain.handle(ipcChannel(method), async (event, ...params: unknown[]) => {
    try {
      assertTrustedSender(event);
      const checked = checkedParams(method, params);
      return { ok: true, value: await (answer as (...args: unknown[]) => Promise<unknown>)(...checked) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  });
}

/** Every method the backend answers, from the table (api-methods.ts). */
export function registerIpcHandlers(backend: ApiImplementation<BackendMethod>): void {
  for (const method of BACKEND_METHODS)
    handle(method, backend[method] as ApiImplementation<typeof method>[typeof method]);
}

/** Batches sent and not yet taken by the page past which it gets summaries (no bytes, no frames). */
const MAX_UNTAKEN = 16;

/**
 * Forwards exchange batches to the window while it exists. IPC has no backpressure of its own, so
 * the page says when it has taken each batch; while more than MAX_UNTAKEN are in flight, it gets
 * summaries instead, and the queue stays bounded.
 */
export function forwardBatches(
  subscribe: (listener: (batch: ExchangeBatch) => void) => () => void,
  contents: WebContents,
): void {
  let untaken = 0;
  const taken = (event: IpcMainEvent) => {
    if (event.sender === contents && untaken > 0) untaken--;
  };
  ipcMain.on(BATCH_TAKEN_CHANNEL, taken);
  const unsubscribe = subscribe((batch) => {
    if (contents.isDestroyed()) return;
    contents.send(BATCH_CHANNEL, untaken > MAX_UNTAKEN ? summarize(batch) : batch);
    untaken++;
  });
  contents.once('destroyed', () => {
    unsubscribe();
    ipcMain.off(BATCH_TAKEN_CHANNEL, taken);
  });
}
