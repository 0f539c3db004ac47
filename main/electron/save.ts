// Saving from the desktop app: a native save dialog, then the capture streamed from disk to the
// chosen file (never whole in memory).
import { dialog, ipcMain, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SaveResult } from '../../shared/inspector-api';
import { IPC_CHANNELS } from '../../shared/inspector-api';
import type { Direction } from '../../shared/frames';
import type { ExchangeService } from '../exchange/exchange-service';
import { serializeError } from '../lowhaio';
import { assertTrustedSender } from './ipc';

async function saveTo(window: BrowserWindow | null, defaultPath: string, source: () => AsyncIterable<Uint8Array>): Promise<SaveResult> {
  const options = { defaultPath, properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'> };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await pipeline(Readable.from(source()), createWriteStream(choice.filePath));
  return { saved: true, path: choice.filePath };
}

export function registerSaveHandlers(service: ExchangeService, window: () => BrowserWindow | null): void {
  ipcMain.handle(IPC_CHANNELS.saveBody, async (event, id: string) => {
    try {
      assertTrustedSender(event);
      return { ok: true, value: await saveTo(window(), `${id}-body.bin`, () => service.streamBody(id)) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  });
  ipcMain.handle(IPC_CHANNELS.saveRaw, async (event, id: string, direction: Direction) => {
    try {
      assertTrustedSender(event);
      return { ok: true, value: await saveTo(window(), `${id}-${direction === 'tx' ? 'request' : 'response'}.raw`, () => service.streamRaw(id, direction)) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  });
}
