// The app:// scheme the renderer is served from (instead of file://, which would make every file
// of the machine the page's origin): registered as privileged before the app is ready, answered
// from the built renderer's folder only, with the page's Content-Security-Policy on every answer.
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { APP_SCHEME, appAssetPath } from './trust';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Before app 'ready': app:// is a standard, secure scheme (its own origin, fetch allowed). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** After 'ready': answers app://inspector/<path> with the file of the renderer's folder, or 404. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const path = appAssetPath(request.url);
    const type = path === null ? undefined : CONTENT_TYPES[extname(path)];
    if (path === null || type === undefined) return new Response('Not found', { status: 404 });
    try {
      const bytes = await readFile(join(rendererDir, path));
      return new Response(bytes, {
        headers: {
          'content-type': type,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
