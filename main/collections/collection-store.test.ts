import { mkdtemp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CollectionStore, MAX_REQUEST_FILE_BYTES } from './collection-store';

let base: string;
let root: string;
let store: CollectionStore;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'lowhaio-collection-'));
  root = join(base, 'collection');
  store = new CollectionStore(root);
});
afterEach(() => rm(base, { recursive: true, force: true }));

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: { code?: string }) => error.code,
  );

describe('CollectionStore', () => {
  it('saves .http files in folders, lists them, reads them back, and never overwrites by accident', async () => {
    await store.createFolder('api');
    await store.write('api/login.http', '### login\nPOST http://h/login\n', 'create');
    await store.write('health.http', 'GET http://h/health\n', 'create');
    await writeFile(join(root, 'notes.txt'), 'not a request');
    await mkdir(join(root, '.git'));
    await writeFile(join(root, 'http-client.env.json'), '{"dev": {"host": "h"}}');
    const listing = await store.list();
    expect(listing.entries).toEqual([
      { path: 'api', kind: 'folder' },
      { path: 'api/login.http', kind: 'file' },
      { path: 'health.http', kind: 'file' },
    ]);
    expect(listing.folder).toBe(root);
    expect(listing.envText).toBe('{"dev": {"host": "h"}}');
    expect(listing.privateEnvText).toBeNull();
    expect(await readFile(join(root, 'api', 'login.http'), 'utf8')).toBe('### login\nPOST http://h/login\n');
    expect(await store.read('api/login.http')).toBe('### login\nPOST http://h/login\n');
    expect(await code(store.write('health.http', 'x', 'create'))).toBe('ERR_COLLECTION_EXISTS');
    expect(await code(store.write('gone.http', 'x', 'replace'))).toBe('ERR_COLLECTION_MISSING');
    await store.write('health.http', 'GET http://h/healthz\n', 'replace');
    expect(await store.read('health.http')).toBe('GET http://h/healthz\n');
    // No temporary file is left beside it.
    expect(await readdir(root)).toEqual(expect.not.arrayContaining([expect.stringMatching(/\.tmp$/)]));
  });

  it('renames and moves, deletes with the text given back, and deletes only empty folders', async () => {
    await store.write('a.http', 'GET http://h/a\n', 'create');
    await store.createFolder('f');
    await store.rename('a.http', 'f/b.http');
    expect((await store.list()).entries.map((e) => e.path)).toEqual(['f', 'f/b.http']);
    expect(await code(store.rename('f/b.http', 'f/b.http'))).toBe('ERR_COLLECTION_EXISTS');
    expect(await code(store.rename('f', 'f/inner'))).toBe('ERR_COLLECTION_PATH');
    expect(await code(store.remove('f'))).toBe('ERR_COLLECTION_NOT_EMPTY');
    expect(await store.remove('f/b.http')).toBe('GET http://h/a\n');
    expect(await store.remove('f')).toBeNull();
    expect((await store.list()).entries).toEqual([]);
    expect(await code(store.read('f/b.http'))).toBe('ERR_COLLECTION_MISSING');
  });

  it('refuses every path that is not plainly inside the folder', async () => {
    await mkdir(root, { recursive: true });
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'secret.http'), 'GET http://h/secret\n');
    await symlink(join(base, 'outside'), join(root, 'linked'));
    await symlink(join(base, 'outside', 'secret.http'), join(root, 'file-link.http'));
    for (const path of [
      '../outside/secret.http',
      '/etc/passwd.http',
      'a//b.http',
      './a.http',
      '.hidden.http',
      'a\\b.http',
      'a.txt',
      'linked/secret.http',
      'file-link.http',
      'C:evil.http',
    ])
      expect([path, await code(store.read(path))]).toEqual([path, 'ERR_COLLECTION_PATH']);
    expect(await code(store.write('linked/new.http', 'x', 'create'))).toBe('ERR_COLLECTION_PATH');
    expect(await readdir(join(base, 'outside'))).toEqual(['secret.http']);
  });

  it('reads and writes files up to 1 MiB, and says so past it', async () => {
    const big = 'x'.repeat(MAX_REQUEST_FILE_BYTES + 1);
    expect(await code(store.write('big.http', big, 'create'))).toBe('ERR_COLLECTION_TOO_LARGE');
    await mkdir(root, { recursive: true });
    await writeFile(join(root, 'big.http'), big);
    expect(await code(store.read('big.http'))).toBe('ERR_COLLECTION_TOO_LARGE');
  });

  it('asks for a folder first when none is chosen', async () => {
    const unset = new CollectionStore(null);
    expect((await unset.list()).folder).toBeNull();
    expect(await code(unset.write('a.http', 'x', 'create'))).toBe('ERR_COLLECTION_NOT_CHOSEN');
    await unset.useFolder(root);
    await unset.write('a.http', 'GET http://h/\n', 'create');
    expect((await unset.list()).entries).toEqual([{ path: 'a.http', kind: 'file' }]);
  });
});
