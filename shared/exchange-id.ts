// Exchange ids, as both the page (which picks the id of what it sends) and the service make them:
// the time in base 36, so that ids sort by age, then 8 random hex digits. Also what a capture's
// folder is named, so the pattern admits no "/" and no "..".

export const EXCHANGE_ID = /^[0-9a-z-]{6,64}$/;

/** A new id from the time (ms) and four random bytes (the caller's crypto: Node's or the page's). */
export function exchangeIdFrom(nowMs: number, random: Uint8Array): string {
  if (random.length < 4) throw new RangeError('exchangeIdFrom needs four random bytes');
  const hex = Array.from(random.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${nowMs.toString(36)}-${hex}`;
}
