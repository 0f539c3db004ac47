// Starts what both shells share: the built-in demo server, the exchange service over the app's
// data folder, and the backend that answers InspectorApi calls: the service's methods under their
// own names (api-methods.ts), and the app's info. Plain Node.
import { SERVICE_METHODS, type ApiImplementation, type BackendMethod, type ServiceMethod } from '../shared/api-methods';
import type { AppInfo, DemoServerInfo } from '../shared/inspector-api';
import { startDemoServer, type DemoServer } from './demo-server/server';
import { ExchangeService } from './exchange/exchange-service';

/** What the main process answers the same way in both shells. */
export type Backend = ApiImplementation<BackendMethod>;

export interface AppServices {
  service: ExchangeService;
  backend: Backend;
  demo: DemoServerInfo;
  close(): Promise<void>;
}

/** The service's methods of the table, bound to it. */
export function serviceMethods(service: ExchangeService): ApiImplementation<ServiceMethod> {
  return Object.fromEntries(
    SERVICE_METHODS.map((method) => [method, service[method].bind(service)]),
  ) as unknown as ApiImplementation<ServiceMethod>;
}

export async function startAppServices(dataDir: string, appInfo: AppInfo): Promise<AppServices> {
  const demoServer: DemoServer = await startDemoServer();
  const service = new ExchangeService({ dataDir });
  const interrupted = await service.recover();
  if (interrupted.length > 0)
    console.error(
      `Lowhaio Inspector: ${interrupted.length} exchange(s) were cut short when the app last stopped; history marks them interrupted.`,
    );
  const demo = { url: demoServer.url };
  return {
    service,
    backend: { ...serviceMethods(service), getAppInfo: () => appInfo, getDemoServer: () => demo },
    demo,
    close: async () => {
      await service.close();
      await demoServer.close();
    },
  };
}
