// The application menu's template, pure (types only from electron), so that what a packaged build
// offers is tested: the developer tools only in a development build, never in a packaged one.
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
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { role: 'fileMenu' },
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
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'RFC 9112: HTTP/1.1', click: () => openExternal('https://www.rfc-editor.org/rfc/rfc9112') },
        { label: `About ${appName}`, role: 'about' },
      ],
    },
  ];
}
