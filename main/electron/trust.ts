// How this works: the Electron shell's trust decisions as pure functions (no electron import), so
// they are tested in plain Node: which page may call the IPC API, which file the app:// scheme
// serves for a URL, and what happens to a link the page asks to open.
import { posix } from 'node:path';

/** The renderer is served from this privileged scheme and host (protocol.handle), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inspector';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Whether a frame may use the API: the window's top frame showing our own page, exactly: the
 * app:// origin, or (development builds only) the dev server's origin.
 */
export function isTrustedSender(frameUrl: string, isTopFrame: boolean, devServer: string | undefined): boolean {
  if (!isTopFrame) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '')
    return true;
  if (devServer === undefined) return false;
  try {
    return url.origin === new URL(devServer).origin;
  } catch {
    return false;
  }
}

/**
 * The file under the renderer's folder that an app:// URL names, as a relative posix path, or null
 * for any URL of another host, an encoded separator, or one that climbs out of the folder.
 */
export function appAssetPath(requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (/%2f|%5c|%00/i.test(url.pathname)) return null;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (path.includes('\\') || path.includes('\0')) return null;
  const normal = posix.normalize(path === '/' ? '/index.html' : path);
  if (!normal.startsWith('/') || normal.split('/').includes('..')) return null;
  return normal.slice(1);
}

/** Hosts whose pages a link may open in the system browser without asking. */
export const OPEN_WITHOUT_ASKING = ['www.rfc-editor.org', 'datatracker.ietf.org', 'httpwg.org', 'github.com'];

/**
 * What to do with a link the page asks to open: `open` an https page of an allowed host in the
 * system browser, `ask` the person first for any other https page, `deny` everything else
 * (file:, javascript:, custom schemes, plain http).
 */
export function externalLinkDecision(link: string): 'open' | 'ask' | 'deny' {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return 'deny';
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return 'deny';
  return OPEN_WITHOUT_ASKING.includes(url.hostname) ? 'open' : 'ask';
}
