// The InspectorApi contract, as a page sees it, run against each real transport: the Electron
// preload and IPC registration over an in-memory Electron (electron-adapter.test.ts), and the
// browser-mode client over a real WebSocket to the real server (browser-client.test.ts). Each shell
// runs the app's real services on a temporary data folder and the demo server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeBatch, ExchangeEvent } from '../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS, type ExchangeSpec } from '../shared/exchange-spec';
import { findTilingFault, type Frame } from '../shared/frames';
import type { CapturedFrame, InspectorApi } from '../shared/inspector-api';

export interface OpenShell {
  api: InspectorApi;
  demoUrl: string;
  close(): Promise<void>;
}

export function get(url: string, extra: Partial<ExchangeSpec> = {}): ExchangeSpec {
  return {
    method: 'GET',
    url,
    headers: [],
    body: { kind: 'none' },
    timeoutMs: DEFAULT_TIMEOUT_MS,
    verifyTls: true,
    ...extra,
  };
}

/** Every batch the api hands out, from now on. */
export function listen(api: InspectorApi): { batches: ExchangeBatch[]; stop: () => void } {
  const batches: ExchangeBatch[] = [];
  const stop = api.subscribe((batch) => batches.push(batch));
  return { batches, stop };
}

export const eventsOf = (batches: ExchangeBatch[], id: string): ExchangeEvent[] =>
  batches.filter((b) => b.exchangeId === id).flatMap((b) => b.events);

export async function ended(batches: ExchangeBatch[], id: string): Promise<Extract<ExchangeEvent, { type: 'end' }>> {
  for (let i = 0; i < 1000; i++) {
    const end = eventsOf(batches, id).find((event) => event.type === 'end');
    if (end?.type === 'end') return end;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`exchange ${id} did not end`);
}

async function allFrames(api: InspectorApi, id: string): Promise<CapturedFrame[]> {
  const frames: CapturedFrame[] = [];
  let cursor: number | null = 0;
  while (cursor !== null) {
    const page = await api.readFrames(id, cursor);
    frames.push(...page.frames);
    cursor = page.next;
  }
  return frames;
}

export function inspectorContract(transport: string, open: () => Promise<OpenShell>): void {
  describe(`InspectorApi through ${transport}`, () => {
    let shell: OpenShell;
    beforeAll(async () => {
      shell = await open();
    });
    afterAll(() => shell.close());

    it('answers the app and demo-server info as plain data', async () => {
      const info = await shell.api.getAppInfo();
      expect(info).toMatchObject({ name: 'Lowhaio Inspector', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      expect(await shell.api.getDemoServer()).toEqual({ url: shell.demoUrl });
    });

    it('runs an exchange: batches while it runs, then its exact bytes, frames that tile them, and its history', async () => {
      const { batches, stop } = listen(shell.api);
      try {
        const id = await shell.api.send(get(`${shell.demoUrl}/chunked?count=3&size=8&delay=60`));
        const end = await ended(batches, id);
        expect(end.status).toBe('done');
        const mine = batches.filter((batch) => batch.exchangeId === id);
        expect(mine.map((batch) => batch.seq)).toEqual(mine.map((_, i) => i));
        expect(eventsOf(batches, id).find((event) => event.type === 'response-head')).toMatchObject({ code: 200 });
        const rx = await shell.api.readBytes(id, 'rx', 0, end.bytesReceived);
        expect(rx).toBeInstanceOf(Uint8Array);
        expect(rx.length).toBe(end.bytesReceived);
        expect(new TextDecoder().decode(rx)).toMatch(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n0\r\n\r\n$/);
        const frames = await allFrames(shell.api, id);
        for (const direction of ['tx', 'rx'] as const) {
          const tiles = frames
            .filter((frame) => frame.direction === direction)
            .map(({ direction: _d, t: _t, ...frame }) => frame as Frame);
          expect(findTilingFault(tiles, direction === 'tx' ? end.bytesSent : end.bytesReceived)).toBeNull();
        }
        // The request as sent is kept, to edit and send again.
        expect(await shell.api.getSpec(id)).toEqual(get(`${shell.demoUrl}/chunked?count=3&size=8&delay=60`));
        expect((await shell.api.listHistory()).find((summary) => summary.id === id)).toMatchObject({
          id,
          status: 'done',
          code: 200,
        });
        await shell.api.deleteHistory(id);
        expect((await shell.api.listHistory()).some((summary) => summary.id === id)).toBe(false);
      } finally {
        stop();
      }
    });

    it('cancels a running exchange, and says false for one that is not running', async () => {
      const { batches, stop } = listen(shell.api);
      try {
        const id = await shell.api.send(get(`${shell.demoUrl}/chunked?count=50&size=8&delay=100`));
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(await shell.api.cancel(id)).toBe(true);
        expect((await ended(batches, id)).status).toBe('cancelled');
        expect(await shell.api.cancel(id)).toBe(false);
      } finally {
        stop();
      }
    });

    it('clears the history of every exchange but one still running', async () => {
      const { batches, stop } = listen(shell.api);
      try {
        const done = await shell.api.send(get(`${shell.demoUrl}/chunked?count=1&size=4`));
        await ended(batches, done);
        const running = await shell.api.send(get(`${shell.demoUrl}/chunked?count=50&size=8&delay=100`));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await shell.api.clearHistory()).toBeGreaterThanOrEqual(1);
        expect((await shell.api.listHistory()).map((summary) => summary.id)).toEqual([running]);
        await shell.api.cancel(running);
        await ended(batches, running);
      } finally {
        stop();
      }
    });

    it('refuses arguments of the wrong shape before the service sees them, naming the argument', async () => {
      await expect(shell.api.readBytes('../../etc', 'tx', 0, 1)).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
        message: expect.stringContaining('readBytes: argument 1'),
      });
      await expect(shell.api.readBytes('abcdef-1', 'secret' as 'tx', 0, 1)).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
        message: expect.stringContaining('argument 2'),
      });
      const withPath = {
        ...get(`${shell.demoUrl}/`),
        body: {
          kind: 'file',
          file: { via: 'path', path: '/etc/passwd', name: 'x', size: 1 },
          framing: 'length',
          chunkSize: 1,
        },
      };
      await expect(shell.api.send(withPath as unknown as ExchangeSpec)).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
      });
    });

    it("carries the service's own errors as plain data: code, name and message", async () => {
      const error = await shell.api.send(get('ftp://127.0.0.1/')).then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({
        code: 'ERR_INVALID_SPEC',
        name: 'ServiceRefusal',
        fault: 'caller',
        message: expect.stringContaining('http:// or https://'),
      });
      await expect(shell.api.readBytes('abcdef-nope', 'rx', 0, 10)).rejects.toMatchObject({
        message: expect.stringMatching(/abcdef-nope/),
      });
    });

    it('saves requests as .http files in the collection, lists, reads, renames and deletes them', async () => {
      const { api } = shell;
      const before = await api.listCollection();
      expect(before.folder).toEqual(expect.any(String));
      await api.createCollectionFolder('contract');
      await api.writeRequestFile('contract/one.http', 'GET http://127.0.0.1:1/one\n', 'create');
      await api.renameCollectionEntry('contract/one.http', 'contract/two.http');
      expect((await api.listCollection()).entries).toEqual(
        expect.arrayContaining([
          { path: 'contract', kind: 'folder' },
          { path: 'contract/two.http', kind: 'file' },
        ]),
      );
      expect(await api.readRequestFile('contract/two.http')).toBe('GET http://127.0.0.1:1/one\n');
      await expect(api.writeRequestFile('contract/two.http', 'x', 'create')).rejects.toMatchObject({
        code: 'ERR_COLLECTION_EXISTS',
        name: 'CollectionError',
      });
      // A path out of the folder is refused by the transport already (the store refuses it again).
      await expect(api.readRequestFile('../outside.http')).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
      expect(await api.deleteCollectionEntry('contract/two.http')).toBe('GET http://127.0.0.1:1/one\n');
      expect(await api.deleteCollectionEntry('contract')).toBeNull();
      expect((await api.listCollection()).entries).toEqual(before.entries);
    });
  });
}
