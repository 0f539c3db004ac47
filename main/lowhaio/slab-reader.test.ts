// A plain TCP connection reading into slabs (slab-reader.ts), over real sockets: every byte arrives
// once and in order, a view handed on is never overwritten by later reads, slabs grow from the
// first size to the largest, reading stops at the queue limit while nothing is taken and starts
// again when it is, and bytes received before the server's close are all taken before the end.
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { connectTcp } from './connect';
import { Connection } from './connection';
import { FIRST_SLAB, QUEUE_LIMIT, SLAB } from './slab-reader';
import { useFixtures } from './test-support/fixtures';
import { rawServer } from './test-support/servers';

const { server, defer } = useFixtures();
const MiB = 1024 * 1024;

async function open(port: number): Promise<{ connection: Connection; length: () => number }> {
  const tcp = await connectTcp('127.0.0.1', ['127.0.0.1'], port, 5_000, undefined, true);
  expect(tcp.reader).not.toBeNull();
  const connection = new Connection(tcp.socket, `http://127.0.0.1:${port}`, '127.0.0.1', tcp.reader);
  defer(async () => connection.destroy());
  return { connection, length: () => tcp.reader!.length };
}

async function readAll(connection: Connection): Promise<Buffer[]> {
  const views: Buffer[] = [];
  for (let bytes = await connection.read(5_000); bytes !== null; bytes = await connection.read(5_000))
    views.push(bytes);
  return views;
}

/** Writes `data` in pieces of random sizes (1 byte to 200 KiB), now and then letting the reader run. */
async function writeInRandomPieces(socket: Socket, data: Buffer): Promise<void> {
  for (let at = 0; at < data.length;) {
    const size = Math.random() < 0.2 ? 1 + Math.floor(Math.random() * 16) : 1 + Math.floor(Math.random() * 200 * 1024);
    const piece = data.subarray(at, at + size);
    at += piece.length;
    if (!socket.write(piece)) await once(socket, 'drain');
    if (Math.random() < 0.1) await sleep(1);
  }
}

describe('SlabReader: a plain TCP connection reading into slabs', () => {
  it('hands on every byte once and in order, and views taken earlier stay as they were', async () => {
    const data = randomBytes(5 * MiB + 12_345);
    const s = await server(
      rawServer(async (socket) => {
        await writeInRandomPieces(socket, data);
        socket.end();
      }),
    );
    const { connection } = await open(s.port);
    const views = await readAll(connection);
    // Later reads landed in the same slabs as earlier views: had a slab been written twice, the
    // earlier views would now hold later bytes.
    expect(Buffer.concat(views).equals(data)).toBe(true);
    const slabSizes = [...new Set(views.map((view) => view.buffer.byteLength))];
    expect(slabSizes[0]).toBe(FIRST_SLAB);
    expect(slabSizes).toContain(SLAB);
    expect(Math.max(...slabSizes)).toBe(SLAB);
  });

  it('stops reading while nothing is taken, leaving the rest with the sender, and starts again when taken', async () => {
    const total = 64 * MiB;
    const piece = Buffer.alloc(256 * 1024, 0x62);
    let serverSocket: Socket | null = null;
    let written = 0;
    const s = await server(
      rawServer(async (socket) => {
        serverSocket = socket;
        while (written < total) {
          written += piece.length;
          if (!socket.write(piece)) await once(socket, 'drain');
        }
        socket.end();
      }),
    );
    const { connection, length } = await open(s.port);
    await sleep(500);
    // One read can pass the limit (up to a slab), never more.
    expect(length()).toBeGreaterThan(0);
    expect(length()).toBeLessThanOrEqual(QUEUE_LIMIT + SLAB);
    expect(written).toBeLessThan(total / 2);
    expect(serverSocket!.writableLength).toBeGreaterThan(0);
    let received = 0;
    for (let bytes = await connection.read(5_000); bytes !== null; bytes = await connection.read(5_000)) {
      expect(bytes.every((byte) => byte === 0x62)).toBe(true);
      received += bytes.length;
    }
    expect(received).toBe(total);
  }, 30_000);

  it('gives every byte received before the server closed, then the end', async () => {
    const data = randomBytes(200 * 1024); // under the queue limit: all of it is read before anything is taken
    const s = await server(
      rawServer((socket) => {
        socket.end(data);
      }),
    );
    const { connection } = await open(s.port);
    await sleep(200); // the close arrives while the bytes still wait to be taken
    expect(Buffer.concat(await readAll(connection)).equals(data)).toBe(true);
    expect(connection.usable).toBe(false);
  });
});
