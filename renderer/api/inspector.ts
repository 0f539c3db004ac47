// Which InspectorApi this page talks to: the Electron preload's, or browser mode's WebSocket.
import type { InspectorApi } from '../../shared/inspector-api';
import { takeAccessToken } from './access-token';
import { connectBrowserClient } from './browser-client';

declare global {
  interface Window {
    inspector?: InspectorApi;
  }
}

let api: InspectorApi | null = null;

export function inspectorApi(): InspectorApi {
  api ??= window.inspector ?? connectBrowserClient(takeAccessToken());
  return api;
}
