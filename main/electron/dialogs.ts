// The desktop app's file dialogs: choosing a file to upload (granted to the service, which streams
// it from disk; the page only ever holds the grant's id), a file dropped on the window (its path
// read by the preload), and saving a capture (streamed from disk to the chosen file, never whole in
// memory).
import { dialog, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SaveResult } from '../../shared/inspector-api';
import type { Direction } from '../../shared/frames';
import type { FileRef } from '../../shared/exchange-spec';
import type { ExchangeService } from '../exchange/exchange-service';
import { handle } from './ipc';

async function saveTo(
  window: BrowserWindow | null,
  defaultPath: string,
  source: () => AsyncIterable<Uint8Array>,
): Promise<SaveResult> {
  const options = {
    defaultPath,
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
      'createDirectory' | 'showOverwriteConfirmation'
    >,
  };
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { saved: false };
  await pipeline(Readable.from(source()), createWriteStream(choice.filePath));
  return { saved: true, path: choice.filePath };
}

/** The native open dialog for an upload: the chosen file, granted to the service. */
async function chooseUploadFile(service: ExchangeService, window: BrowserWindow | null): Promise<FileRef | null> {
  const options = { properties: ['openFile'] as Array<'openFile'> };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const path = choice.filePaths[0];
  if (choice.canceled || path === undefined) return null;
  return service.files.grant(path);
}

export function registerDialogHandlers(service: ExchangeService, window: () => BrowserWindow | null): void {
  handle('chooseUploadFile', () => chooseUploadFile(service, window()));
  // Only the preload sends this channel (the page cannot reach ipcRenderer), with the path Electron
  // itself gave for a File the person dropped: a page cannot make up a File with a path.
  handle('useDroppedFile', (path: string) => service.files.grant(path));
  handle('saveBody', (id: string) => saveTo(window(), `${id}-body.bin`, () => service.exportBody(id)));
  handle('saveRaw', (id: string, direction: Direction) =>
    saveTo(window(), `${id}-${direction === 'tx' ? 'request' : 'response'}.raw`, () =>
      service.exportRaw(id, direction),
    ),
  );
}
