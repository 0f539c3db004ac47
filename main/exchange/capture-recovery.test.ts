import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTilingFault, type Frame } from '../../shared/frames';
import { startDemoServer, type DemoServer } from '../demo-server/server';
import { rawServer, readHead, type RunningServer } from '../lowhaio/test-support/servers';
import { processAlive, recoverInterrupted } from './capture-recovery';
import { CaptureStore } from './capture-store';
import { ExchangeService } from './exchange-service';

let root: string;
let demo: DemoServer;
/** Takes an upload's head and then reads nothing, so the upload stays under way. */
let sink: RunningServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'recovery-'));
  demo = await startDemoServer();
  sink = await rawServer(async (socket) => {
    await readHead(socket);
    socket.pause();
  });
});

afterAll(async () => {
  await demo.close();
  await sink.close();
  rmSync(root, { recursive: true, force: true });
});

/** Runs an exchange in a child process and SIGKILLs it once `enough(sent, received)`; returns the exchange id. */
async function killMidway(
  dataDir: string,
  url: string,
  enough: (sent: number, received: number) => boolean,
  file?: string,
): Promise<string> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'test-support', 'exchange-until-killed.ts'),
      dataDir,
      url,
      ...(file ? [file] : []),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let id = '';
  for await (const line of createInterface({ input: child.stdout! })) {
    const [exchange, sent, received] = line.split(' ');
    id = exchange!;
    if (enough(Number(sent), Number(received))) break;
  }
  child.kill('SIGKILL');
  await exited;
  return id;
}

describe('captures interrupted by a crash', () => {
  it('are marked interrupted on start, with what reached the disk kept and readable (download killed midway)', async () => {
    const dataDir = join(root, 'download');
    const id = await killMidway(
      dataDir,
      `${demo.url}/chunked?count=100000&size=1000&delay=1`,
      (_, received) => received > 1_500_000,
    );
    const before = await new CaptureStore(dataDir).list();
    expect(before.find((s) => s.id === id)).toMatchObject({ status: 'running', bytesReceived: 0 });

    const service = new ExchangeService({ dataDir });
    try {
      expect(await service.recover()).toEqual([id]);
      const [summary] = await service.listHistory();
      const rxSize = statSync(join(dataDir, 'captures', id, 'rx.bin')).size;
      expect(summary).toMatchObject({
        id,
        status: 'interrupted',
        code: 200,
        bytesReceived: rxSize,
        error: { code: 'ERR_CAPTURE_INTERRUPTED' },
      });
      expect(summary!.error!.message).toMatch(/killed or crashed.*What reached the disk is kept/);
      expect(rxSize).toBeGreaterThan(0);
      expect(new TextDecoder().decode(await service.readBytes(id, 'rx', 0, 15))).toBe('HTTP/1.1 200 OK');
      const rx: Frame[] = [];
      for await (const { direction, t: _t, ...frame } of service.frames(id))
        if (direction === 'rx') rx.push(frame as Frame);
      expect(rx.length).toBeGreaterThan(10);
      const end = rx[rx.length - 1]!.end;
      expect(end).toBeLessThanOrEqual(rxSize);
      expect(findTilingFault(rx, end)).toBeNull();
      // A second start finds nothing more to mend.
      expect(await service.recover()).toEqual([]);
    } finally {
      await service.close();
    }
  }, 60_000);

  it('do the same for an upload killed midway', async () => {
    const dataDir = join(root, 'upload');
    const file = join(root, 'upload.bin');
    writeFileSync(file, Buffer.alloc(64 * 1024 * 1024, 0x61));
    const id = await killMidway(dataDir, `${sink.url}/put`, (sent) => sent > 1_000_000, file);
    const service = new ExchangeService({ dataDir });
    try {
      expect(await service.recover()).toEqual([id]);
      const [summary] = await service.listHistory();
      expect(summary).toMatchObject({
        id,
        status: 'interrupted',
        bytesSent: statSync(join(dataDir, 'captures', id, 'tx.bin')).size,
      });
      expect(new TextDecoder().decode(await service.readBytes(id, 'tx', 0, 9))).toBe('PUT /put ');
    } finally {
      await service.close();
    }
  }, 60_000);

  it('leave alone a capture that a live process is still writing', async () => {
    const dataDir = join(root, 'live');
    const store = new CaptureStore(dataDir);
    const writer = await store.create('live-1', {
      id: 'live-1',
      method: 'GET',
      url: 'http://127.0.0.1/',
      status: 'running',
      code: null,
      startedAt: 1,
      durationMs: null,
      bytesSent: 0,
      bytesReceived: 0,
    });
    expect(
      await recoverInterrupted(
        store,
        () => {},
        () => true,
      ),
    ).toEqual([]);
    expect(
      await recoverInterrupted(
        store,
        () => {},
        () => false,
      ),
    ).toEqual(['live-1']);
    await writer.close();
    expect(processAlive(process.pid)).toBe(true);
  });
});
