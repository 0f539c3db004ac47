// The browser-mode client (renderer/api/browser-client.ts) over a real WebSocket to the real
// browser-mode server, answered by the app's real services: the same contract suite as the
// Electron adapter's.
import { WebSocket } from 'ws';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { servedBy, startBrowserModeServer, type BrowserModeServer } from '../main/browser-mode/server';
import { startTempApp, type TempApp } from '../main/browser-mode/test-support/temp-app';
import { connectBrowserClient } from '../renderer/api/browser-client';
import { inspectorContract } from './inspector-contract';

/**
 * Node 20 has no WebSocket of its own; the page's client runs on ws's, which has the same API, with
 * the Origin header a page of the server's own origin sends (browser mode refuses any other).
 */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url, { origin: new URL(url).origin.replace(/^ws/, 'http') });
  }
}
(globalThis as { WebSocket?: unknown }).WebSocket = PageWebSocket;

const TOKEN = 'contract-token-0123456789abcdef';
let app: TempApp;
let server: BrowserModeServer;

afterAll(async () => {
  await server?.close();
  await app?.close();
});

inspectorContract('the browser-mode client and server (a real WebSocket)', async () => {
  app = await startTempApp('browser-contract-');
  server = await startBrowserModeServer({
    ...servedBy(app.services),
    rendererDir: app.rendererDir,
    token: TOKEN,
    log: () => {},
  });
  const api = connectBrowserClient(TOKEN, `ws://127.0.0.1:${new URL(server.origin).port}/rpc`);
  return { api, demoUrl: app.services.demo.url, close: async () => {} };
});

describe('the browser-mode client, when its server goes away', () => {
  it('fails calls while the server is gone, with words, and works again once it is back, by itself', async () => {
    const temp = await startTempApp('browser-reconnect-');
    const start = (port = 0) =>
      startBrowserModeServer({
        ...servedBy(temp.services),
        rendererDir: temp.rendererDir,
        token: TOKEN,
        port,
        log: () => {},
      });
    let running = await start();
    const port = Number(new URL(running.origin).port);
    try {
      const api = connectBrowserClient(TOKEN, `ws://127.0.0.1:${port}/rpc`);
      expect((await api.getAppInfo()).name).toBe('Lowhaio Inspector');
      await running.close();
      await expect(api.getAppInfo()).rejects.toThrow(
        /^The connection to the browser-mode server was lost \(\d+[^)]*\); reconnecting…$/,
      );
      running = await start(port);
      await vi.waitFor(async () => expect((await api.getAppInfo()).name).toBe('Lowhaio Inspector'), {
        timeout: 8000,
        interval: 200,
      });
    } finally {
      await running.close();
      await temp.close();
    }
  });
});
