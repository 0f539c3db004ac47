// The one application window, locked down: context isolation, sandbox, no Node in the renderer,
// the page served from app:// (app-protocol.ts), no navigation away from it, links opened in the
// system browser only for an allow-list (and after asking for any other https page), every
// permission request and check denied.
import { BrowserWindow, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import { APP_ENTRY, externalLinkDecision } from './trust';

/** Opens a link in the system browser as externalLinkDecision says: at once, after asking, or never. */
async function openLink(window: BrowserWindow, url: string): Promise<void> {
  const decision = externalLinkDecision(url);
  if (decision === 'deny') return;
  if (decision === 'ask') {
    const { response } = await dialog.showMessageBox(window, {
      type: 'question',
      buttons: ['Open in browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'Open this page in your web browser?',
      detail: url,
    });
    if (response !== 0) return;
  }
  await shell.openExternal(url);
}

export function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    title: 'Lowhaio Inspector',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in new windows, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());

  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    void openLink(window, url);
    return { action: 'deny' };
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (devServer) void window.loadURL(devServer);
  else void window.loadURL(APP_ENTRY);
  return window;
}
