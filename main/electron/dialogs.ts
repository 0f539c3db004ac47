// The desktop app's file dialogs: choosing a file to upload (granted to the service, which streams
// it from disk; the page only ever holds the grant's id), a file dropped on the window (its path
// read by the preload), saving a capture (streamed from disk to the chosen file, never whole in
// memory), and choosing the saved requests' folder.
import { dialog, type BrowserWindow } from 'electron';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BodyForm, CollectionListing, ExportKind, SaveResult } from '../../shared/inspector-api';
import type { AppServices } from '../app-services';
import { rememberCollectionsDir } from '../app-settings';
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

/** The native folder dialog for the saved requests: the chosen folder is used, and kept for the next start. */
async function chooseCollectionFolder(
  services: AppServices,
  dataDir: string,
  window: BrowserWindow | null,
): Promise<CollectionListing | null> {
  const options = {
    title: 'Folder for saved requests (.http files)',
    defaultPath: services.collections.folder ?? undefined,
    properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
  };
  const choice = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  const folder = choice.filePaths[0];
  if (choice.canceled || folder === undefined) return null;
  await services.collections.useFolder(folder);
  rememberCollectionsDir(dataDir, folder);
  return services.collections.list();
}

export function registerDialogHandlers(
  services: AppServices,
  dataDir: string,
  window: () => BrowserWindow | null,
): void {
  const { service } = services;
  handle('chooseUploadFile', () => chooseUploadFile(service, window()));
  handle('chooseCollectionFolder', () => chooseCollectionFolder(services, dataDir, window()));
  // Only the preload sends this channel (the page cannot reach ipcRenderer), with the path Electron
  // itself gave for a File the person dropped: a page cannot make up a File with a path.
  handle('useDroppedFile', (path: string) => service.files.grant(path));
  handle('saveText', (name: string, text: string) =>
    saveTo(window(), name, async function* () {
      yield Buffer.from(text, 'utf8');
    }),
  );
  const save = (id: string, what: ExportKind) => {
    const { name, source } = service.exported(id, what);
    return saveTo(window(), name, source);
  };
  handle('saveBody', (id: string, form: BodyForm = 'decoded') => save(id, form === 'wire' ? 'body-wire' : 'body'));
  handle('saveRaw', (id: string, direction: Direction) => save(id, direction));
}
