// Starts what both shells share: the built-in demo server, the exchange service over the app's
// data folder, and the backend that answers InspectorApi calls. Plain Node.
import type { AppInfo, BackendApi, DemoServerInfo } from '../shared/inspector-api';
import { startDemoServer, type DemoServer } from './demo-server/server';
import { createBackend } from './exchange/backend';
import { ExchangeService } from './exchange/exchange-service';

export interface AppServices {
  service: ExchangeService;
  backend: BackendApi;
  demo: DemoServerInfo;
  close(): Promise<void>;
}

export async function startAppServices(dataDir: string, appInfo: AppInfo): Promise<AppServices> {
  const demoServer: DemoServer = await startDemoServer();
  const service = new ExchangeService({ dataDir });
  const interrupted = await service.recover();
  if (interrupted.length > 0) console.error(`Lowhaio Inspector: ${interrupted.length} exchange(s) were cut short when the app last stopped; history marks them interrupted.`);
  const demo = { url: demoServer.url };
  return {
    service,
    backend: createBackend(service, appInfo, demo),
    demo,
    close: async () => {
      await service.close();
      await demoServer.close();
    },
  };
}
