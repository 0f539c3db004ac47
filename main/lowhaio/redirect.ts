// How this works: a layer over a request function, as the Python lowhaio-redirect package is. It
// follows 301, 302, 303, 307 and 308 responses to their Location (RFC 9110 section 15.4; the rules,
// shared with the page, are in shared/redirect-rules.ts): 303
// turns any method but HEAD into GET, 301 and 302 turn POST into GET (as every browser does), 307
// and 308 keep the method and resend the body, which must then be replayable (a function). The
// redirect response's body is drained so its connection can be reused; credentials are dropped when
// the origin changes. Each hop is reported to `onRedirect` and to the observer.
import { keepsHeader, redirectMethod, REDIRECT_CODES } from '../../shared/redirect-rules';
import { HttpError } from './errors';
import type { Headers } from './exchange';
import type { RequestFunction, RequestOptions } from './pool';

export interface RedirectHop {
  code: number;
  method: string;
  from: string;
  to: string;
  /** 1 for the first redirect followed. */
  hop: number;
}

export interface RedirectOptions {
  /** Most redirects followed for one request (default 10). */
  maxRedirects?: number;
  onRedirect?: (hop: RedirectHop) => void;
}

const DRAIN_LIMIT = 64 * 1024;

function location(headers: Headers): string | undefined {
  return headers.find(([name]) => name === 'location')?.[1];
}

export { redirectMethod };

export function redirectable(request: RequestFunction, options: RedirectOptions = {}): RequestFunction {
  const maxRedirects = options.maxRedirects ?? 10;
  return async (method, url, requestOptions = {}) => {
    // Methods are case-sensitive (RFC 9112 section 3.1): sent as given, compared exactly.
    let current = { method, url, options: requestOptions };
    const hops: RedirectHop[] = [];
    for (;;) {
      const response = await request(current.method, current.url, current.options);
      const [code, headers, body] = response;
      const target = location(headers);
      if (!REDIRECT_CODES.has(code) || target === undefined) return response;
      if (hops.length >= maxRedirects) {
        throw new HttpError(
          'ERR_HTTP_TOO_MANY_REDIRECTS',
          `Stopped after ${maxRedirects} redirects (${[url, ...hops.map((h) => h.to)].join(' -> ')}); raise maxRedirects if the chain is meant to be this long.`,
        );
      }
      const next = new URL(target, current.url);
      const nextMethod = redirectMethod(code, current.method);
      const keepsBody = nextMethod === current.method && current.method !== 'GET' && current.method !== 'HEAD';
      const replayable = current.options.body === undefined || typeof current.options.body === 'function';
      if (keepsBody && !replayable) {
        throw new HttpError(
          'ERR_HTTP_REDIRECT_BODY',
          `A ${code} redirect to ${next.href} needs the request body again, but it was a one-shot stream; pass the body as a function that returns a new stream (for example streamed(data)).`,
        );
      }
      // Drain (a little of) the redirect's own body so that its connection can be reused.
      let drained = 0;
      for await (const piece of body) {
        drained += piece.length;
        if (drained > DRAIN_LIMIT) break;
      }
      const sameOrigin = new URL(current.url).origin === next.origin;
      const headersNext = [...(current.options.headers ?? [])].filter(([name]) =>
        keepsHeader(name, keepsBody, sameOrigin),
      );
      const hop: RedirectHop = { code, method: nextMethod, from: current.url, to: next.href, hop: hops.length + 1 };
      hops.push(hop);
      options.onRedirect?.(hop);
      current.options.observe?.({ type: 'redirect', t: performance.now(), ...hop });
      const { params: _params, body: previousBody, ...rest } = current.options;
      const nextOptions: RequestOptions = { ...rest, headers: headersNext };
      if (keepsBody && previousBody !== undefined) nextOptions.body = previousBody;
      current = { method: nextMethod, url: next.href, options: nextOptions };
    }
  };
}
