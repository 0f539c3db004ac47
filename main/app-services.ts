// Starts what both shells share: the built-in demo server, the exchange service over the app's
// data folder, the saved requests' folder, and the backend that answers InspectorApi calls: the
// service's methods under their own names (api-methods.ts), the collection's, and the app's info.
// Plain Node.
import { join } from 'node:path';
import { SERVICE_METHODS, type ApiImplementation, type BackendMethod, type ServiceMethod } from '../shared/api-methods';
import type { AppInfo, DemoServerInfo } from '../shared/inspector-api';
import { CollectionStore } from './collections/collection-store';
import { startDemoServer, type DemoServer } from './demo-server/server';
import { ExchangeService } from './exchange/exchange-service';

/** What the main process answers the same way in both shells. */
export type Backend = ApiImplementation<BackendMethod>;

export interface AppServices {
  service: ExchangeService;
  /** The saved requests' folder (the desktop app's dialog changes it). */
  collections: CollectionStore;
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

/** The collection store's methods of the table, under their API names. */
export function collectionMethods(collections: CollectionStore) {
  return {
    listCollection: () => collections.list(),
    readRequestFile: (path: string) => collections.read(path),
    writeRequestFile: (path: string, text: string, mode: 'create' | 'replace') => collections.write(path, text, mode),
    renameCollectionEntry: (from: string, to: string) => collections.rename(from, to),
    deleteCollectionEntry: (path: string) => collections.remove(path),
    createCollectionFolder: (path: string) => collections.createFolder(path),
  } satisfies Partial<Backend>;
}

/**
 * Starts the shared services over `dataDir`; saved requests live in `collectionsDir` (by default
 * the data folder's "collections").
 */
export async function startAppServices(
  dataDir: string,
  appInfo: AppInfo,
  collectionsDir: string = join(dataDir, 'collections'),
): Promise<AppServices> {
  const demoServer: DemoServer = await startDemoServer();
  const service = new ExchangeService({ dataDir });
  const interrupted = await service.recover();
  if (interrupted.length > 0)
    console.error(
      `Lowhaio Inspector: ${interrupted.length} exchange(s) were cut short when the app last stopped; history marks them interrupted.`,
    );
  const demo = { url: demoServer.url };
  const collections = new CollectionStore(collectionsDir);
  return {
    service,
    collections,
    backend: {
      ...serviceMethods(service),
      ...collectionMethods(collections),
      getAppInfo: () => appInfo,
      getDemoServer: () => demo,
    },
    demo,
    close: async () => {
      await service.close();
      await demoServer.close();
    },
  };
}
