// The application menu. Sending and cancelling are the page's own shortcuts (Ctrl/Cmd+Enter, Esc,
// handled in the renderer); the menu adds the standard edit, view and window roles, and help links
// that open in the system browser (menu-template.ts).
import { app, Menu, shell } from 'electron';
import { menuTemplate } from './menu-template';

export function installApplicationMenu(): void {
  const template = menuTemplate({
    isMac: process.platform === 'darwin',
    isPackaged: app.isPackaged,
    appName: app.getName(),
    openExternal: (url) => void shell.openExternal(url),
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
