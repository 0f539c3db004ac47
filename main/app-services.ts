// Starts what both shells share: the built-in demo server, the exchange service over the app's
// data folder, the saved requests' folder, and the backend that answers InspectorApi calls: the
// service's methods under their own names (api-methods.ts), the collection's, and the app's info.
// Plain Node.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
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

const DEMO_PORT_FILE = 'demo-port.json';

/**
 * The demo server on the port it had last time, when that port is free (so that demo URLs in the
 * history and in saved requests still answer after a restart), else on any free port, kept for next time.
 */
export async function startDemoOnKnownPort(dataDir: string): Promise<DemoServer> {
  const file = join(dataDir, DEMO_PORT_FILE);
  let last: number | undefined;
  try {
    const { port } = JSON.parse(await readFile(file, 'utf8')) as { port?: unknown };
    if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) last = port;
  } catch (error) {
    // No port kept yet (first start), or a file that is not ours to read: any free port will do.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      console.error(
        `Lowhaio Inspector: ${DEMO_PORT_FILE} is unreadable (${(error as Error).message}); using any free port.`,
      );
  }
  let server: DemoServer | null = null;
  if (last !== undefined) {
    try {
      server = await startDemoServer({ port: last });
    } catch (error) {
      // Taken now (another app, another instance of this one): any free port, said once.
      console.error(`Lowhaio Inspector: the demo server's last port ${last} is taken (${(error as Error).message}).`);
    }
  }
  server ??= await startDemoServer();
  if (server.port !== last)
    await mkdir(dataDir, { recursive: true }).then(() => writeFile(file, `${JSON.stringify({ port: server.port })}\n`));
  return server;
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
  const demoServer = await startDemoOnKnownPort(dataDir);
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
