// How this works: when the service starts, a capture whose meta.json still says `running` and whose
// writer process is gone (the app was killed or crashed mid-exchange) is marked `interrupted`: its
// byte counts become what reached the disk (the sizes of tx.bin and rx.bin), its frames are cut to
// those bytes (frames of bytes that never reached the disk, and a block torn by the crash, are left
// out; a body or chunk-data frame that runs past the end is cut there), and its error says what
// happened. What was received stays readable. A capture still being written by another live process
// (browser mode and the desktop app sharing a data folder) is left alone.
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExchangeSummary } from '../../shared/exchange-events';
import type { Direction, Frame } from '../../shared/frames';
import { writeMeta, type CaptureStore } from './capture-store';
import { FrameBlockEncoder } from './frame-codec';

/** Whether a process with this pid runs (signal 0 tests for it without sending anything). */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/**
 * Rewrites the capture's frames as frames.bin, keeping only what lies within the bytes on disk;
 * returns the final status code and reason among them (null before the final head).
 */
async function cutFrames(
  store: CaptureStore,
  id: string,
  directory: string,
  sizes: Record<Direction, number>,
): Promise<number | null> {
  const encoder = new FrameBlockEncoder();
  const blocks: Uint8Array[] = [];
  let code: number | null = null;
  for await (const { direction, t, ...frame } of store.frames(id)) {
    const size = sizes[direction];
    let kept: Frame | null = frame as Frame;
    if (frame.end > size)
      kept =
        (frame.kind === 'body' || frame.kind === 'chunk-data') && frame.start < size ? { ...frame, end: size } : null;
    if (kept?.kind === 'status-line' && kept.code >= 200) code = kept.code;
    if (kept && encoder.add(direction, kept, t ?? 0)) blocks.push(encoder.take()!);
  }
  const last = encoder.take();
  if (last) blocks.push(last);
  const fresh = join(directory, 'frames.bin.recovered');
  await writeFile(fresh, blocks);
  await rename(fresh, join(directory, 'frames.bin'));
  await rm(join(directory, 'frames.jsonl'), { force: true });
  return code;
}

/**
 * Marks the captures of processes that are gone `interrupted`; returns their ids. A capture whose
 * frames cannot be read back is still marked, its frames left as they are, and `log` says why.
 */
export async function recoverInterrupted(
  store: CaptureStore,
  log: (line: string) => void,
  alive: (pid: number) => boolean = processAlive,
): Promise<string[]> {
  const recovered: string[] = [];
  for (const id of await store.ids()) {
    const stored = await store.storedSummary(id);
    if (stored === null || stored.status !== 'running') continue;
    if (stored.ownerPid !== undefined && alive(stored.ownerPid)) continue;
    const directory = store.captureDirectory(id);
    const sizes = { tx: await sizeOf(join(directory, 'tx.bin')), rx: await sizeOf(join(directory, 'rx.bin')) };
    let code = stored.code;
    try {
      code = (await cutFrames(store, id, directory, sizes)) ?? code;
    } catch (error) {
      // No frames file at all (it died before the first block): the bytes alone are kept.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        log(
          `Capture ${id} was interrupted and its frames could not be read back (${(error as Error).message}); they are left as they are.`,
        );
    }
    const { ownerPid: _pid, ...summary } = stored;
    const interrupted: ExchangeSummary = {
      ...summary,
      status: 'interrupted',
      code,
      bytesSent: sizes.tx,
      bytesReceived: sizes.rx,
      error: {
        name: 'CaptureInterrupted',
        code: 'ERR_CAPTURE_INTERRUPTED',
        message: `The app stopped (it was killed or crashed) while this exchange was running. What reached the disk is kept: ${sizes.tx} bytes sent and ${sizes.rx} received; the exchange itself did not finish here, so send it again for a whole response.`,
      },
    };
    await writeMeta(directory, interrupted);
    recovered.push(id);
  }
  return recovered;
}
