// lowhaio alone reading the measured gigabyte (or any URL) to its end: the baseline of `npm run
// measure`, on its own so that the fresh process of a cold read (bench/core-once.ts) does not
// bundle the rest of the measuring code.
import { Pool } from '../main/lowhaio';

export const COUNT = Number(process.env['MEASURE_CHUNKS'] ?? 16384);
export const SIZE = 64 * 1024;
/** The demo server's path for the measured gigabyte. */
export const GIGABYTE_PATH = `/chunked?count=${COUNT}&size=${SIZE}&delay=0`;

/** lowhaio alone reading `url` to its end (the body dropped), in ms. */
export async function coreAlone(url: string, expected = COUNT * SIZE): Promise<number> {
  const [request, close] = Pool();
  const started = performance.now();
  const [, , body] = await request('GET', url);
  let received = 0;
  for await (const part of body) received += part.length;
  await close();
  if (received !== expected) throw new Error(`lowhaio read ${received} bytes, not ${expected}`);
  return performance.now() - started;
}
