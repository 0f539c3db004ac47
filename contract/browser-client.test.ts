// The browser-mode client (renderer/api/browser-client.ts) over a real WebSocket to the real
// browser-mode server, answered by the app's real services: the same contract suite as the
// Electron adapter's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll } from 'vitest';
import { startAppServices, type AppServices } from '../main/app-services';
import { servedBy, startBrowserModeServer, type BrowserModeServer } from '../main/browser-mode/server';
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
let dir: string;
let services: AppServices;
let server: BrowserModeServer;

afterAll(async () => {
  await server?.close();
  await services?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

inspectorContract('the browser-mode client and server (a real WebSocket)', async () => {
  dir = mkdtempSync(join(tmpdir(), 'browser-contract-'));
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>contract</title>');
  services = await startAppServices(join(dir, 'data'), {
    name: 'Lowhaio Inspector',
    version: '0.1.0',
    shell: 'browser',
    runtime: { node: process.versions.node },
    platform: process.platform,
  });
  server = await startBrowserModeServer({
    ...servedBy(services),
    rendererDir: join(dir, 'renderer'),
    token: TOKEN,
    log: () => {},
  });
  const api = connectBrowserClient(TOKEN, `ws://127.0.0.1:${new URL(server.origin).port}/rpc`);
  return { api, demoUrl: services.demo.url, close: async () => {} };
});
