// The main-process side of InspectorApi, once for both transports: the Electron IPC adapter and
// the browser-mode server turn calls into these functions and batches into messages.
import type { AppInfo, BackendApi, DemoServerInfo } from '../../shared/inspector-api';
import type { ExchangeService } from './exchange-service';

export function createBackend(service: ExchangeService, appInfo: AppInfo, demo: DemoServerInfo): BackendApi {
  return {
    getAppInfo: async () => appInfo,
    send: async (spec) => service.send(spec),
    cancel: async (id) => service.cancel(id),
    readBytes: (id, direction, start, end) => service.readBytes(id, direction, start, end),
    readFrames: (id, cursor) => service.readFrames(id, cursor),
    listHistory: () => service.history(),
    deleteHistory: (id) => service.deleteExchange(id),
    getDemoServer: async () => demo,
  };
}
