// How this works: what the next request is when a response redirects (RFC 9110 section 15.4), pure,
// for both the core's redirect layer (main/lowhaio/redirect.ts) and the page, which follows
// redirects hop by hop so that each hop is an exchange of its own on screen. 303 turns any method
// but HEAD into GET; 301 and 302 turn POST into GET (as every browser does); 307 and 308 keep the
// method and the body. A body not resent takes its framing and type headers with it; credentials
// (and a typed Host) are not sent to another origin.
import type { ExchangeSpec } from './exchange-spec';

/** The WHATWG URL parser, which every runtime of shared/ has (Node, Chromium), as far as this file uses it. */
interface ParsedUrl {
  href: string;
  origin: string;
  protocol: string;
}
const parseUrl = (url: string, base?: string): ParsedUrl =>
  new (globalThis as unknown as { URL: new (url: string, base?: string) => ParsedUrl }).URL(url, base);

export const REDIRECT_CODES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 10;
export const BODY_HEADERS: ReadonlySet<string> = new Set([
  'content-length',
  'transfer-encoding',
  'content-type',
  'content-encoding',
]);
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** The method for the next hop (RFC 9110 sections 15.4.2 to 15.4.9). */
export function redirectMethod(code: number, method: string): string {
  if (code === 303 && method !== 'HEAD') return 'GET';
  if ((code === 301 || code === 302) && method === 'POST') return 'GET';
  return method;
}

/** Whether a header row goes on to the next hop. */
export function keepsHeader(name: string, keepsBody: boolean, sameOrigin: boolean): boolean {
  const lower = name.trim().toLowerCase();
  if (!keepsBody && BODY_HEADERS.has(lower)) return false;
  if (!sameOrigin && (CREDENTIAL_HEADERS.has(lower) || lower === 'host')) return false;
  return true;
}

/**
 * The request that follows `spec` when it was answered `code` with `location`; null when the
 * response is not a redirect to follow. Throws when the Location is not a URL.
 */
export function nextHop(spec: ExchangeSpec, code: number, location: string | undefined): ExchangeSpec | null {
  if (!REDIRECT_CODES.has(code) || location === undefined) return null;
  let next: ParsedUrl;
  try {
    next = parseUrl(location, spec.url);
  } catch {
    throw new Error(`The ${code} response's Location "${location}" is not a URL; the redirect was not followed.`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:')
    throw new Error(`The ${code} response redirects to ${next.href}, which is not http or https; not followed.`);
  const method = redirectMethod(code, spec.method);
  const keepsBody = method === spec.method && method !== 'GET' && method !== 'HEAD';
  const sameOrigin = parseUrl(spec.url).origin === next.origin;
  return {
    ...spec,
    method,
    url: next.href,
    // The query of the new URL is the redirect's; the page's params went into the first request's.
    params: [],
    headers: spec.headers.filter((row) => keepsHeader(row.name, keepsBody, sameOrigin)),
    body: keepsBody ? spec.body : { kind: 'none' },
  };
}
