// What `npm run measure` compares the UI with, each timed on its own: lowhaio alone reading the
// gigabyte (warm in this process, and cold: the first read of a fresh process, as the app's first
// Send is), the exchange service alone (no page), the disk alone, the floor (the response's bytes
// from the socket to a file on this disk, nothing else) and lowhaio alone uploading a file.
import { execFileSync } from 'node:child_process';
import { constants, createReadStream, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { startDemoServer } from '../main/demo-server/server';
import { QueuedCaptureFile, type CaptureFile } from '../main/exchange/capture-file';
import { pageAlignedMemory } from '../main/exchange/block-pool';
import { DirectCaptureFile, refusesDirect } from '../main/exchange/capture-file-direct';
import { ExchangeService } from '../main/exchange/exchange-service';
import { Pool } from '../main/lowhaio';
import { COUNT, GIGABYTE_PATH, SIZE } from './core-alone';

/** `run` `times` times, one after another (each resolves to the ms it took). */
export async function repeat(times: number, run: () => Promise<number>): Promise<number[]> {
  const taken: number[] = [];
  for (let i = 0; i < times; i++) taken.push(await run());
  return taken;
}

/**
 * lowhaio alone, cold: each of `times` fresh processes starts a demo server, waits a second (as the
 * app is idle before its first Send) and reads the gigabyte once. Compared with the UI's first run.
 */
export function coreAloneCold(times: number, outDir: string): number[] {
  const script = join(outDir, 'core-once.cjs');
  buildSync({
    entryPoints: [join(__dirname, 'core-once.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: script,
    logLevel: 'warning',
  });
  const taken: number[] = [];
  for (let i = 0; i < times; i++)
    taken.push(Number(execFileSync(process.execPath, [script], { encoding: 'utf8' }).trim()));
  return taken;
}

/**
 * The exchange service alone, without a page: lowhaio plus the capture on disk, the frame lines and
 * the batches (dropped), in this process with its own demo server; `times` runs, each capture
 * deleted before the next (as in the UI's later runs).
 */
export async function serviceAlone(dataDir: string, times: number): Promise<number[]> {
  const demo = await startDemoServer();
  const service = new ExchangeService({ dataDir: join(dataDir, 'service-alone') });
  try {
    return await repeat(times, async () => {
      const started = performance.now();
      const id = await new Promise<string>((resolve) => {
        const stop = service.subscribe((batch) => {
          if (batch.events.some((event) => event.type === 'end')) {
            stop();
            resolve(batch.exchangeId);
          }
        });
        void service.send({
          method: 'GET',
          url: `${demo.url}${GIGABYTE_PATH}`,
          headers: [],
          body: { kind: 'none' },
          timeoutMs: 60_000,
          verifyTls: true,
        });
      });
      const took = performance.now() - started;
      const [summary] = await service.listHistory();
      if (summary?.status !== 'done' || summary.bytesReceived < COUNT * SIZE)
        throw new Error(`the service alone ended ${summary?.status} after ${summary?.bytesReceived} bytes`);
      await service.deleteHistory(id);
      return took;
    });
  } finally {
    await service.close();
    await demo.close();
  }
}

/**
 * Writes COUNT * SIZE bytes to a new file the way a capture does, and deletes it: through the page
 * cache, or around it (the app's way where the file system allows; null where it does not).
 */
export async function diskAlone(dir: string, direct: boolean): Promise<number | null> {
  const path = join(dir, 'disk-alone.bin');
  const file: CaptureFile | null = direct ? await DirectCaptureFile.open(path) : await QueuedCaptureFile.create(path);
  if (file === null) return null;
  const piece = new Uint8Array(SIZE).fill(0x61);
  const started = performance.now();
  for (let i = 0; i < COUNT; i++) {
    file.append(piece);
    if (file.needsDrain) await file.drained();
  }
  await file.close();
  const took = performance.now() - started;
  rmSync(path);
  return took;
}

const FLOOR_BLOCK = 1024 * 1024;
const FLOOR_RING = 16;
const FLOOR_IN_FLIGHT = 4;

/**
 * The floor under any capture: the gigabyte's response bytes read from the socket straight into
 * page-aligned blocks (no copy, no parsing, no frames, no page) and written to a new file around the
 * page cache, 4 writes at a time, as the app's capture writes them; then the file is deleted. No
 * client that keeps the bytes on this disk can be faster. Null where the file system refuses O_DIRECT.
 */
export async function floorToDisk(demoUrl: string, dir: string): Promise<number | null> {
  const url = new URL(`${demoUrl}${GIGABYTE_PATH}`);
  const path = join(dir, 'floor.bin');
  let file;
  try {
    file = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_DIRECT);
  } catch (error) {
    // No O_DIRECT here (the disk-alone line says what the page cache costs); any other failure is one.
    if (refusesDirect(error)) return null;
    throw error;
  }
  const memory = pageAlignedMemory(FLOOR_BLOCK * FLOOR_RING);
  const blocks = Array.from({ length: FLOOR_RING }, (_, i) => new Uint8Array(memory, i * FLOOR_BLOCK, FLOOR_BLOCK));
  const writes: Array<Promise<unknown>> = [];
  let current = 0;
  let fill = 0;
  let offset = 0;
  let received = 0;
  let inFlight = 0;
  let paused = false;
  const started = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const socket = connect({
        host: url.hostname,
        port: Number(url.port),
        onread: {
          buffer: () => blocks[current]!.subarray(fill),
          callback: (length: number) => {
            fill += length;
            received += length;
            if (fill === FLOOR_BLOCK) {
              inFlight++;
              writes.push(
                file.write(blocks[current]!, 0, FLOOR_BLOCK, offset).then(() => {
                  inFlight--;
                  if (paused) {
                    paused = false;
                    socket.resume();
                  }
                }, reject),
              );
              offset += FLOOR_BLOCK;
              current = (current + 1) % FLOOR_RING;
              fill = 0;
            }
            paused = inFlight >= FLOOR_IN_FLIGHT;
            return !paused;
          },
        },
      });
      // The demo server closes after the response (Connection: close): its end is the response's end.
      socket.on('connect', () =>
        socket.write(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`),
      );
      socket.on('end', () => resolve());
      socket.on('error', reject);
      socket.resume(); // flowing, so that 'end' is emitted once the server closes
    });
    if (fill > 0) writes.push(file.write(blocks[current]!, 0, Math.ceil(fill / 4096) * 4096, offset));
    await Promise.all(writes);
    if (received < COUNT * SIZE)
      throw new Error(`the floor read ${received} bytes, fewer than the body's ${COUNT * SIZE}`);
    return performance.now() - started;
  } finally {
    await file.close();
    await rm(path, { force: true });
  }
}

export const UPLOAD = 60 * 1024 * 1024;

/** lowhaio alone sending `path` (UPLOAD bytes) to the demo server's /status?code=204, which reads and drops it. */
export async function uploadAlone(demo: string, path: string): Promise<number> {
  const [request, close] = Pool();
  const started = performance.now();
  const [code, , body] = await request('PUT', `${demo}/status?code=204`, {
    headers: [['content-length', String(UPLOAD)]],
    body: () => createReadStream(path, { highWaterMark: 256 * 1024 }),
  });
  for await (const _ of body);
  await close();
  if (code !== 204) throw new Error(`the upload alone got ${code}`);
  return performance.now() - started;
}
