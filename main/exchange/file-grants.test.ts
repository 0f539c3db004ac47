import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkedParams } from '../../shared/api-schema';
import type { ExchangeBatch } from '../../shared/exchange-events';
import { DEFAULT_TIMEOUT_MS, type ExchangeSpec } from '../../shared/exchange-spec';
import { startDemoServer, type DemoServer } from '../demo-server/server';
import { ExchangeService } from './exchange-service';
import { FileGrants } from './file-grants';

let root: string;
let dataDir: string;
let files: string;
let demo: DemoServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'grants-'));
  dataDir = join(root, 'data');
  files = join(root, 'files');
  mkdirSync(join(dataDir, 'captures', 'abcdef-1'), { recursive: true });
  writeFileSync(join(dataDir, 'captures', 'abcdef-1', 'tx.bin'), 'secret request of another exchange');
  mkdirSync(files);
  writeFileSync(join(files, 'plain.txt'), 'hello');
  demo = await startDemoServer();
});

afterAll(async () => {
  await demo.close();
  rmSync(root, { recursive: true, force: true });
});

describe('FileGrants', () => {
  it('grants a regular file chosen by the shell, as an id (no path crosses to the page)', async () => {
    const grants = new FileGrants(dataDir);
    const ref = await grants.grant(join(files, 'plain.txt'));
    expect(ref).toEqual({
      via: 'path',
      fileId: expect.stringMatching(/^file-[A-Za-z0-9_-]{22}$/),
      name: 'plain.txt',
      size: 5,
    });
    expect(JSON.stringify(ref)).not.toContain(files);
    const opened = await grants.open(ref.via === 'path' ? ref.fileId : '');
    const parts: Buffer[] = [];
    for await (const part of opened.stream(16)) parts.push(Buffer.from(part));
    await opened.close();
    expect(Buffer.concat(parts).toString()).toBe('hello');
  });

  it('refuses devices, directories, FIFOs, pseudo-files, links to them, and the data folder', async () => {
    const grants = new FileGrants(dataDir);
    symlinkSync('/dev/zero', join(files, 'zero-link'));
    execFileSync('mkfifo', [join(files, 'fifo')]);
    const cases: Array<[string, RegExp]> = [
      ['/dev/zero', /is \/dev\/zero, not a file on disk/],
      [join(files, 'zero-link'), /is \/dev\/zero, not a file on disk/],
      ['/proc/self/environ', /not a file on disk/],
      [files, /it is a directory/],
      [join(files, 'fifo'), /it is a FIFO/],
      [join(dataDir, 'captures', 'abcdef-1', 'tx.bin'), /in the app's own data folder/],
      [join(files, 'missing'), /ENOENT/],
    ];
    for (const [path, why] of cases) {
      const refusal = grants.grant(path);
      await expect(refusal, path).rejects.toMatchObject({ code: 'ERR_FILE_REFUSED', fault: 'caller' });
      await expect(grants.grant(path)).rejects.toThrow(why);
    }
  });

  it('checks the file again when it is sent: one swapped for a link to a device is refused', async () => {
    const grants = new FileGrants(dataDir);
    const path = join(files, 'swapped');
    writeFileSync(path, 'fine');
    const ref = await grants.grant(path);
    unlinkSync(path);
    symlinkSync('/dev/urandom', path);
    await expect(grants.open(ref.via === 'path' ? ref.fileId : '')).rejects.toThrow(
      /is \/dev\/urandom, not a file on disk/,
    );
  });
});

describe('ExchangeService and files', () => {
  const spec = (fileId: string): ExchangeSpec => ({
    method: 'PUT',
    url: `${demo.url}/echo`,
    headers: [],
    body: { kind: 'file', file: { via: 'path', fileId, name: 'x', size: 1 }, framing: 'length', chunkSize: 1024 },
    timeoutMs: DEFAULT_TIMEOUT_MS,
    verifyTls: true,
  });

  it('sends no file the shell did not grant, and nothing reaches the server', async () => {
    const service = new ExchangeService({ dataDir: join(root, 'service-data') });
    try {
      const before = await service.listHistory();
      expect(() => service.send(spec('file-notgrantedAAAAAAAAAAAAAA'))).toThrow(/not chosen in this app/);
      expect(await service.listHistory()).toEqual(before);
    } finally {
      await service.close();
    }
  });

  it('ends the exchange with ERR_FILE_REFUSED, nothing sent, when the granted file became a device', async () => {
    const service = new ExchangeService({ dataDir: join(root, 'service-data-2') });
    const batches: ExchangeBatch[] = [];
    service.subscribe((batch) => batches.push(batch));
    try {
      const path = join(files, 'later-a-device');
      writeFileSync(path, 'x');
      const ref = await service.files.grant(path);
      unlinkSync(path);
      symlinkSync('/dev/zero', path);
      const id = service.send(spec(ref.via === 'path' ? ref.fileId : ''));
      let end;
      for (let i = 0; i < 300 && !end; i++) {
        end = batches.flatMap((b) => b.events).find((e) => e.type === 'end');
        await sleep(10);
      }
      expect(end).toMatchObject({ status: 'error', bytesSent: 0, error: { code: 'ERR_FILE_REFUSED' } });
      expect((await service.listHistory())[0]).toMatchObject({ id, bytesSent: 0 });
    } finally {
      await service.close();
    }
  });

  it('takes no path in a spec at all: the schema refuses the field', () => {
    const withPath = {
      ...spec(''),
      body: {
        kind: 'file',
        file: { via: 'path', path: '/etc/shadow', name: 'shadow', size: 1 },
        framing: 'length',
        chunkSize: 1,
      },
    };
    expect(() => checkedParams('send', [withPath])).toThrow(/Refused send: argument 1 at \.body\.file/);
  });
});
