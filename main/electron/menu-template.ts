// The application menu's template, pure (types only from electron), so that what a packaged build
// offers is tested: the developer tools only in a development build, never in a packaged one. The
// page's tab keys stay the page's: Ctrl/Cmd+T opens a tab and Ctrl/Cmd+W closes one, so the File and
// Window menus are spelled out here (their stock roles bind Ctrl/Cmd+W to closing the window, which
// would take the key before the page sees it); the window closes with Ctrl/Cmd+Shift+W.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuContext {
  isMac: boolean;
  isPackaged: boolean;
  appName: string;
  openExternal: (url: string) => void;
}

export function menuTemplate({ isMac, isPackaged, appName, openExternal }: MenuContext): MenuItemConstructorOptions[] {
  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'toggleDevTools', accelerator: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I' }];
  const closeWindow: MenuItemConstructorOptions = { role: 'close', accelerator: 'CmdOrCtrl+Shift+W' };
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [isMac ? closeWindow : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload', accelerator: 'CmdOrCtrl+R' },
        ...developer,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'window',
      submenu: [{ role: 'minimize' }, ...(isMac ? [{ role: 'zoom' } as MenuItemConstructorOptions] : []), closeWindow],
    },
    {
      role: 'help',
      submenu: [
        { label: 'RFC 9112: HTTP/1.1', click: () => openExternal('https://www.rfc-editor.org/rfc/rfc9112') },
        { label: `About ${appName}`, role: 'about' },
      ],
    },
  ];
}
