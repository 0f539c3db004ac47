// The application menu. Sending and cancelling are the page's own shortcuts (Ctrl/Cmd+Enter, Esc,
// handled in the renderer); the menu adds the standard edit, view and window roles, and help links
// that open in the system browser.
import { app, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export function installApplicationMenu(): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload', accelerator: 'CmdOrCtrl+R' },
        { role: 'toggleDevTools', accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'RFC 9112: HTTP/1.1', click: () => void shell.openExternal('https://www.rfc-editor.org/rfc/rfc9112') },
        { label: `About ${app.getName()}`, role: 'about' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
