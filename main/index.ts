// Electron application lifecycle: the entry electron-vite builds into out/main/index.js. Starts the
// shared services (demo server, exchange service), answers the renderer over IPC, and streams
// exchange batches to the window.
import { app, BrowserWindow, dialog } from 'electron';
import { join } from 'node:path';
import { startAppServices, type AppServices } from './app-services';
import { collectionsDir, dataDir } from './app-settings';
import { installCrashGuard } from './crash-guard';
import { registerAppScheme, serveAppScheme } from './electron/app-protocol';
import { forwardBatches, registerIpcHandlers } from './electron/ipc';
import { registerDialogHandlers } from './electron/dialogs';
import { installApplicationMenu } from './electron/menu';
import { createMainWindow } from './electron/window';

app.enableSandbox();
installCrashGuard();
registerAppScheme();

let services: AppServices | null = null;

function openWindow(current: AppServices): void {
  const window = createMainWindow();
  forwardBatches((listener) => current.service.subscribe(listener), window.webContents);
}

void app.whenReady().then(async () => {
  // The same data folder as browser mode's (--data-dir, LOWHAIO_INSPECTOR_DATA): one history.
  let folder: string;
  let requests: string;
  try {
    folder = dataDir(process.argv, process.env);
    requests = collectionsDir(process.argv, folder);
  } catch (error) {
    dialog.showErrorBox('Lowhaio Inspector', (error as Error).message);
    app.exit(2);
    return;
  }
  const current = await startAppServices(
    folder,
    {
      name: app.getName(),
      version: app.getVersion(),
      shell: 'electron',
      runtime: {
        electron: process.versions.electron ?? '',
        chrome: process.versions.chrome ?? '',
        node: process.versions.node,
      },
      platform: process.platform,
    },
    requests,
  );
  services = current;
  serveAppScheme(join(__dirname, '../renderer'));
  installApplicationMenu();
  registerIpcHandlers(current.backend);
  registerDialogHandlers(
    current,
    folder,
    () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0] ?? null,
  );
  openWindow(current);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(current);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  void services?.close();
});
