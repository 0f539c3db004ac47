// How this works: who may use browser mode, and how a page proves it without any other local
// server ever seeing the proof. There are no cookies (a cookie is not scoped to a port: every server
// on 127.0.0.1 the browser visits would receive it). Instead:
// - the access token travels in the URL's fragment (#token=...), which the browser never sends to
//   any server; the page keeps it in its own tab (sessionStorage, scoped to this origin) and takes
//   it out of the address bar and the history at once;
// - the page sends it as the first message of its WebSocket (hello), and as a header on the upload
//   slices it POSTs; a download link carries a one-time ticket asked for over that WebSocket;
// - the token expires (AccessToken.lifetimeMs, 12 hours by default) and a fresh one is made and
//   printed; pages already connected keep their connection.
// Host must be this server and be given once (DNS rebinding; RFC 9112 section 3.2).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostCountProblem } from '../lowhaio/request-validation';

export const TOKEN_HEADER = 'x-inspector-token';
export const DEFAULT_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** How long a download ticket stays good (it is good for one download). */
export const TICKET_LIFETIME_MS = 60_000;

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

export function sameSecret(given: unknown, secret: string): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenCheck = 'ok' | 'expired' | 'wrong';

/** The access token: one at a time, replaced when it expires (onRotated hears of the new one). */
export class AccessToken {
  private value: string;
  private expired: string[] = [];
  private expiresAt: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    initial: string | undefined,
    readonly lifetimeMs: number,
    private readonly onRotated: (token: string) => void,
  ) {
    this.value = initial ?? newSecret();
    this.expiresAt = Date.now() + lifetimeMs;
    this.timer = setInterval(() => this.rotateIfDue(), Math.min(lifetimeMs, 60_000));
    this.timer.unref();
  }

  get current(): string {
    this.rotateIfDue();
    return this.value;
  }

  check(given: unknown): TokenCheck {
    this.rotateIfDue();
    if (sameSecret(given, this.value)) return 'ok';
    return this.expired.some((old) => sameSecret(given, old)) ? 'expired' : 'wrong';
  }

  private rotateIfDue(): void {
    if (Date.now() < this.expiresAt) return;
    this.expired = [this.value, ...this.expired].slice(0, 4);
    this.value = newSecret();
    this.expiresAt = Date.now() + this.lifetimeMs;
    this.onRotated(this.value);
  }

  dispose(): void {
    clearInterval(this.timer);
  }
}

/** Words for a page whose token did not pass. */
export function tokenRefusal(check: Exclude<TokenCheck, 'ok'>): string {
  return check === 'expired'
    ? 'The access token of this page has expired: open the newest URL that browser mode printed.'
    : 'This page has no valid access token: open the URL that browser mode printed (it ends with #token=...).';
}

/** One-time download tickets: each names one export and is good once, for TICKET_LIFETIME_MS. */
export class Tickets<T> {
  private readonly waiting = new Map<string, { what: T; until: number }>();

  issue(what: T): string {
    const now = Date.now();
    for (const [ticket, entry] of this.waiting) if (entry.until < now) this.waiting.delete(ticket);
    const ticket = newSecret();
    this.waiting.set(ticket, { what, until: now + TICKET_LIFETIME_MS });
    return ticket;
  }

  /** What the ticket names, once; null for an unknown, used or expired ticket. */
  redeem(ticket: string): T | null {
    const entry = this.waiting.get(ticket);
    this.waiting.delete(ticket);
    return entry && entry.until >= Date.now() ? entry.what : null;
  }
}

/** Why a request's Host is refused (none, twice, another name), or null when it names this server. */
export function hostProblem(
  request: IncomingMessage,
  allowed: ReadonlySet<string>,
): { status: number; message: string } | null {
  let count = 0;
  for (let i = 0; i < request.rawHeaders.length; i += 2) if (request.rawHeaders[i]!.toLowerCase() === 'host') count++;
  const problem = hostCountProblem(count);
  if (problem) return { status: 400, message: problem };
  if (!allowed.has(request.headers.host ?? ''))
    return { status: 421, message: 'This server answers only to its own loopback address.' };
  return null;
}
