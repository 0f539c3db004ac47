// Main-process side of the IPC contract: one handler per InspectorApi member, each checking that
// the sender is our own window's top frame showing our own page. Results travel as
// { ok: true, value } and failures as { ok: false, error } with the error serialized as plain data
// (code, name, message, byte offsets), which the preload turns back into a thrown Error.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { BACKEND_METHODS, IPC_CHANNELS, type BackendApi } from '../../shared/inspector-api';
import { summarize } from '../exchange/batching';
import { serializeError } from '../lowhaio';

function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  const ownPage = url.startsWith('file://') || (devServer !== undefined && url.startsWith(devServer));
  const trusted = frame !== null && frame.parent === null && ownPage;
  if (!trusted) throw new Error(`IPC refused: sender ${url || '(unknown)'} is not the application window`);
}

/** Answers `channel` for our own window only, with { ok, value } or { ok: false, error }. */
export function handle(channel: string, answer: (...params: never[]) => Promise<unknown>): void {
  ipcMain.handle(channel, async (event, ...params: unknown[]) => {
    try {
      assertTrustedSender(event);
      return { ok: true, value: await (answer as (...args: unknown[]) => Promise<unknown>)(...params) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  });
}

export function registerIpcHandlers(backend: BackendApi): void {
  for (const method of BACKEND_METHODS) handle(IPC_CHANNELS[method], backend[method]);
}

/** Batches sent and not yet taken by the page past which it gets summaries (no bytes, no frames). */
const MAX_UNTAKEN = 16;

/**
 * Forwards exchange batches to the window while it exists. IPC has no backpressure of its own, so
 * the page says when it has taken each batch; while more than MAX_UNTAKEN are in flight, it gets
 * summaries instead, and the queue stays bounded.
 */
export function forwardBatches(subscribe: (listener: (batch: ExchangeBatch) => void) => () => void, contents: WebContents): void {
  let untaken = 0;
  const taken = (event: IpcMainEvent) => {
    if (event.sender === contents && untaken > 0) untaken--;
  };
  ipcMain.on(IPC_CHANNELS.batchReceived, taken);
  const unsubscribe = subscribe((batch) => {
    if (contents.isDestroyed()) return;
    contents.send(IPC_CHANNELS.batch, untaken > MAX_UNTAKEN ? summarize(batch) : batch);
    untaken++;
  });
  contents.once('destroyed', () => {
    unsubscribe();
    ipcMain.off(IPC_CHANNELS.batchReceived, taken);
  });
}
