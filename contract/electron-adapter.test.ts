// The Electron adapter in the test suite: the real preload (main/preload/index.ts) and the real IPC
// registration and dialogs (main/electron/) over an in-memory Electron that clones every value as
// Electron does (fake-electron.ts), answered by the app's real services. The contract suite runs
// through it as it runs through the browser-mode client; then what only the desktop shell does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InspectorApi } from '../shared/inspector-api';
import { startAppServices, type AppServices } from '../main/app-services';
import * as fake from './fake-electron';
import { ended, get, inspectorContract, listen } from './inspector-contract';

vi.mock('electron', () => import('./fake-electron'));

const APP_INFO = {
  name: 'Lowhaio Inspector',
  version: '0.1.0',
  shell: 'electron' as const,
  runtime: { electron: 'fake' },
  platform: process.platform,
};

let dataDir: string;
let services: AppServices;
let api: InspectorApi;

/** Starts the services, registers the real IPC handlers and dialogs, and loads the real preload (once). */
async function openElectronShell() {
  if (!api) {
    dataDir = mkdtempSync(join(tmpdir(), 'electron-adapter-'));
    services = await startAppServices(dataDir, APP_INFO);
    const { forwardBatches, registerIpcHandlers } = await import('../main/electron/ipc');
    const { registerDialogHandlers } = await import('../main/electron/dialogs');
    registerIpcHandlers(services.backend);
    registerDialogHandlers(services, dataDir, () => null);
    forwardBatches((listener) => services.service.subscribe(listener), fake.webContents as unknown as WebContents);
    await import('../main/preload/index');
    api = fake.mainWorld['inspector'] as InspectorApi;
  }
  return { api, demoUrl: services.demo.url, close: async () => {} };
}

afterAll(async () => {
  await services?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

inspectorContract('the Electron preload and IPC (in-memory Electron)', openElectronShell);

describe('the Electron shell alone', () => {
  beforeAll(async () => {
    await openElectronShell();
  });

  it('exposes only functions to the page, and exactly the API: no ipcRenderer', () => {
    expect(Object.keys(fake.mainWorld)).toEqual(['inspector']);
    const exposed = fake.mainWorld['inspector'] as Record<string, unknown>;
    expect(Object.keys(exposed).sort()).toEqual(
      [
        'cancel',
        'chooseCollectionFolder',
        'chooseUploadFile',
        'clearHistory',
        'createCollectionFolder',
        'deleteCollectionEntry',
        'deleteHistory',
        'describeBody',
        'findInCapture',
        'getAppInfo',
        'getDemoServer',
        'getSpec',
        'listCollection',
        'listHistory',
        'readBody',
        'readBytes',
        'readFrames',
        'readRequestFile',
        'renameCollectionEntry',
        'saveBody',
        'saveRaw',
        'saveText',
        'send',
        'subscribe',
        'useFile',
        'writeRequestFile',
      ].sort(),
    );
    for (const member of Object.values(exposed)) expect(typeof member).toBe('function');
  });

  it('refuses a call from another page or from a subframe', async () => {
    try {
      fake.senderFrame.url = 'https://example.invalid/';
      await expect(api.listHistory()).rejects.toThrow(
        'IPC refused: sender https://example.invalid/ is not the application window',
      );
      fake.senderFrame.url = 'app://inspector/index.html';
      fake.senderFrame.parent = {};
      await expect(api.listHistory()).rejects.toThrow(/IPC refused/);
    } finally {
      fake.senderFrame.url = 'app://inspector/index.html';
      fake.senderFrame.parent = null;
    }
    await expect(api.listHistory()).resolves.toBeInstanceOf(Array);
  });

  it('acknowledges each batch it hands the page, so the window never falls behind into summaries', async () => {
    const { batches, stop } = listen(api);
    try {
      const id = await api.send(get(`${services.demo.url}/chunked?count=24&size=64&delay=45`));
      await ended(batches, id);
      const mine = batches.filter((batch) => batch.exchangeId === id);
      // A summarized batch drops its bytes and frames and counts them instead.
      expect(mine.map((batch) => batch.previewDropped + batch.framesDropped)).toEqual(mine.map(() => 0));
      expect(mine.flatMap((batch) => batch.events).some((event) => event.type === 'bytes')).toBe(true);
    } finally {
      stop();
    }
  });

  it('saves a capture through the save dialog, and reports a cancelled dialog as not saved', async () => {
    const { batches, stop } = listen(api);
    try {
      const id = await api.send(get(`${services.demo.url}/chunked?count=2&size=4&delay=0`));
      const end = await ended(batches, id);
      const target = join(dataDir, '..', `${id}-saved.raw`);
      fake.dialogAnswers.save = target;
      expect(await api.saveRaw(id, 'rx')).toEqual({ saved: true, path: target });
      expect(readFileSync(target)).toEqual(Buffer.from(await api.readBytes(id, 'rx', 0, end.bytesReceived)));
      rmSync(target);
      fake.dialogAnswers.save = null;
      expect(await api.saveBody(id)).toEqual({ saved: false });
    } finally {
      stop();
    }
  });

  it('grants a file dropped from disk and uploads it; refuses a File with no path', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dropped-'));
    try {
      writeFileSync(join(folder, 'note.txt'), 'dropped bytes');
      fake.droppedFromDisk.set('note.txt', join(folder, 'note.txt'));
      const ref = await api.useFile(new File(['dropped bytes'], 'note.txt'));
      expect(ref).toMatchObject({ via: 'path', name: 'note.txt', size: 13, fileId: expect.stringMatching(/^file-/) });
      const { batches, stop } = listen(api);
      try {
        const id = await api.send(
          get(`${services.demo.url}/echo`, {
            method: 'PUT',
            body: { kind: 'file', file: ref, framing: 'length', chunkSize: 4096 },
          }),
        );
        const end = await ended(batches, id);
        expect(end.status).toBe('done');
        expect(new TextDecoder().decode(await api.readBytes(id, 'tx', 0, end.bytesSent))).toMatch(
          /content-length: 13\r\n\r\ndropped bytes$/,
        );
      } finally {
        stop();
      }
      await expect(api.useFile(new File(['x'], 'made-up.txt'))).rejects.toThrow(
        'That file has no path on this machine (it was not dropped from a folder): choose it with "Choose file".',
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('grants the file chosen in the open dialog, and answers null when it is cancelled', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'chosen-'));
    try {
      writeFileSync(join(folder, 'chosen.bin'), Buffer.alloc(10));
      fake.dialogAnswers.open = join(folder, 'chosen.bin');
      expect(await api.chooseUploadFile()).toMatchObject({ via: 'path', name: 'chosen.bin', size: 10 });
      fake.dialogAnswers.open = null;
      expect(await api.chooseUploadFile()).toBeNull();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('uses the folder chosen for saved requests, keeps it for the next start, and answers null when cancelled', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'requests-'));
    const before = services.collections.folder;
    try {
      writeFileSync(join(folder, 'kept.http'), 'GET http://127.0.0.1:1/kept\n');
      fake.dialogAnswers.open = folder;
      const listing = await api.chooseCollectionFolder();
      expect(listing).toMatchObject({ folder, entries: [{ path: 'kept.http', kind: 'file' }] });
      const { collectionsDir } = await import('../main/app-settings');
      expect(collectionsDir([], dataDir)).toBe(folder);
      fake.dialogAnswers.open = null;
      expect(await api.chooseCollectionFolder()).toBeNull();
      expect(services.collections.folder).toBe(folder);
    } finally {
      if (before) await services.collections.useFolder(before);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
