// Large transfers over loopback: the Pool streams both ways with backpressure, so memory stays
// flat however large the body and however slow the consumer.
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { chunked } from './chunked';
import { buffered } from './pool';
import { useFixtures } from './test-support/fixtures';
import { httpServer, rawServer, readHead } from './test-support/servers';

const MiB = 1 << 20;
const { pool, server } = useFixtures();

/** Samples resident memory every 20 ms; returns the peak growth over the starting value. */
function watchMemory(): () => number {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss) - start;
  };
}

async function writeAll(socket: Socket, piece: Uint8Array, total: number): Promise<void> {
  for (let sent = 0; sent < total; sent += piece.length) {
    if (!socket.write(piece)) await once(socket, 'drain');
  }
}

describe('Pool: large bodies', () => {
  it('downloads 512 MiB read slowly with resident memory growing less than 128 MiB', async () => {
    const total = 512 * MiB;
    const piece = new Uint8Array(64 * 1024).fill(0x61);
    const s = await server(
      rawServer(async (socket) => {
        await readHead(socket);
        socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${total}\r\n\r\n`);
        await writeAll(socket, piece, total);
      }),
    );
    const request = pool();
    const memory = watchMemory();
    const [code, , body] = await request('GET', s.url);
    expect(code).toBe(200);
    let received = 0;
    let sinceNap = 0;
    for await (const part of body) {
      received += part.length;
      sinceNap += part.length;
      if (sinceNap >= 4 * MiB) {
        sinceNap = 0;
        await sleep(15); // slower than the server: without backpressure, data would pile up here
      }
    }
    const growth = memory();
    expect(received).toBe(total);
    expect(growth, `resident memory grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(128 * MiB);
  }, 120_000);

  it('uploads 256 MiB from a generator, chunked, with resident memory growing less than 128 MiB', async () => {
    const total = 256 * MiB;
    const s = await server(
      httpServer((req, res) => {
        let count = 0;
        req.on('data', (chunk: Buffer) => (count += chunk.length));
        req.on('end', () => res.end(String(count)));
      }),
    );
    const request = pool();
    async function* generate(): AsyncGenerator<Uint8Array> {
      for (let sent = 0; sent < total; sent += 256 * 1024) yield new Uint8Array(256 * 1024).fill(sent & 0xff);
    }
    const memory = watchMemory();
    const [code, , body] = await request('POST', `${s.url}/upload`, {
      headers: [['transfer-encoding', 'chunked']],
      body: chunked(generate()),
    });
    const answer = new TextDecoder().decode(await buffered(body));
    const growth = memory();
    expect(code).toBe(200);
    expect(Number(answer)).toBe(total);
    expect(growth, `resident memory grew by ${(growth / MiB).toFixed(1)} MiB`).toBeLessThan(128 * MiB);
  }, 120_000);
});
