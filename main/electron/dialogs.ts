// The desktop app's file dialogs: choosing a file to upload (sent as a path, streamed from disk by
// the service), and saving a capture (streamed from disk to the chosen file, never whole in memory).
import { dialog, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SaveResult } from '../../shared/inspector-api';
import { IPC_CHANNELS } from '../../shared/inspector-api';
import type { Direction } from '../../shared/frames';
import type { FileRef } from '../../shared/exchange-spec';
import type { ExchangeService } from '../exchange/exchange-service';
import { handle } from './ipc';

async function saveTo(window: BrowserWindow | null, defaultPath: string, source: () => AsyncIterable<Uint8Array>): Promise<SaveResult> {
  const options = { defaultPath, properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'> };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await pipeline(Readable.from(source()), createWriteStream(choice.filePath));
  return { saved: true, path: choice.filePath };
}

/** The native open dialog for an upload: the chosen file, streamed from disk when sent. */
async function chooseUploadFile(window: BrowserWindow | null): Promise<FileRef | null> {
  const options = { properties: ['openFile'] as Array<'openFile'> };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return null;
  return { via: 'path', path, name: basename(path), size: (await stat(path)).size };
}

export function registerDialogHandlers(service: ExchangeService, window: () => BrowserWindow | null): void {
  handle(IPC_CHANNELS.chooseUploadFile, () => chooseUploadFile(window()));
  handle(IPC_CHANNELS.saveBody, (id: string) => saveTo(window(), `${id}-body.bin`, () => service.streamBody(id)));
  handle(IPC_CHANNELS.saveRaw, (id: string, direction: Direction) =>
    saveTo(window(), `${id}-${direction === 'tx' ? 'request' : 'response'}.raw`, () => service.streamRaw(id, direction)),
  );
}
