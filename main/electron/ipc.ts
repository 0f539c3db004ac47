// Main-process side of the IPC contract: one handler per InspectorApi member, each checking that
// the sender is our own window's top frame showing our own page.
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type AppInfo } from '../../shared/inspector-api';

function assertTrustedSender(event: IpcMainInvokeEvent): void {
  const frame = event.senderFrame;
  const url = frame?.url ?? '';
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  const ownPage = url.startsWith('file://') || (devServer !== undefined && url.startsWith(devServer));
  const trusted = frame !== null && frame.parent === null && ownPage;
  if (!trusted) throw new Error(`IPC refused: sender ${url || '(unknown)'} is not the application window`);
}

export function registerIpcHandlers(): void {
  ipcMain.handle(IPC_CHANNELS.getAppInfo, (event): AppInfo => {
    assertTrustedSender(event);
    return {
      name: app.getName(),
      version: app.getVersion(),
      shell: 'electron',
      runtime: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
      platform: process.platform,
    };
  });
}
