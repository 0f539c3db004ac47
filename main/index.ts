// Electron application lifecycle: the entry electron-vite builds into out/main/index.js.
import { app, BrowserWindow } from 'electron';
import { registerIpcHandlers } from './electron/ipc';
import { createMainWindow } from './electron/window';

app.enableSandbox();

void app.whenReady().then(() => {
  registerIpcHandlers();
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
