import { describe, expect, it } from 'vitest';
import {
  ComposerStore,
  change,
  clientAdded,
  draftBodyPlan,
  draftFromCurl,
  draftFromSpec,
  draftSpec,
  INITIAL_DRAFT,
} from './composer-draft';

const draft = change(INITIAL_DRAFT, { method: 'PUT', url: ' http://127.0.0.1:5000/echo ' });
const FILE = { via: 'upload' as const, uploadId: 'upload-0001', name: 'a.bin', size: 10 };

describe('composer draft', () => {
  it('gives the spec it sends: trimmed URL, the body chosen, the CA only when there is one', () => {
    expect(draftSpec(change(draft, { bodyKind: 'text', text: 'hi', chunkSize: 2 }))).toEqual({
      spec: {
        method: 'PUT',
        url: 'http://127.0.0.1:5000/echo',
        params: [],
        headers: [],
        body: { kind: 'text', text: 'hi', framing: 'length', chunkSize: 2 },
        timeoutMs: INITIAL_DRAFT.timeoutMs,
        verifyTls: true,
      },
      problems: [],
    });
    expect(
      draftSpec(
        change(draft, { bodyKind: 'file', file: FILE, caPem: '-----BEGIN CERTIFICATE-----x-----END CERTIFICATE-----' }),
      ).spec,
    ).toMatchObject({
      body: { kind: 'file', file: FILE },
      caPem: '-----BEGIN CERTIFICATE-----x-----END CERTIFICATE-----',
    });
  });

  it('makes up no file: a file body without one is a problem, said with whatever else is wrong', () => {
    expect(draftSpec(change(draft, { bodyKind: 'file' }))).toEqual({
      spec: null,
      problems: ['Choose a file to upload.'],
    });
    expect(draftSpec(change(draft, { bodyKind: 'file', url: 'ftp://x', chunkSize: 0 })).problems).toEqual([
      'The URL must start with http:// or https://.',
      'The chunk size must be a whole number of bytes from 1 to 16777216.',
      'Choose a file to upload.',
    ]);
  });

  it('shows the rows the client adds, file or no file yet, and none a typed row already gives', () => {
    expect(clientAdded(change(draft, { bodyKind: 'file', framing: 'chunked' }))).toEqual([
      { name: 'host', value: '127.0.0.1:5000', note: 'added by the client, from the URL' },
      { name: 'transfer-encoding', value: 'chunked', note: 'added for the chunked body' },
    ]);
    const typed = change(draft, {
      bodyKind: 'text',
      headers: [
        { name: 'Host', value: 'x', enabled: true },
        { name: 'Content-Length', value: '2', enabled: true },
      ],
    });
    expect(clientAdded(typed)).toEqual([]);
    expect(draftBodyPlan(typed)).toMatchObject({ from: 'row', row: 'content-length' });
    expect(clientAdded(change(draft, { url: 'not a url' }))).toEqual([]);
  });

  it('takes a curl command over, keeping what curl does not say', () => {
    const before = change(draft, { timeoutMs: 5000, chunkSize: 7, params: [{ name: 'q', value: '1', enabled: true }] });
    const curl = {
      form: [],
      bodyFile: null,
      caFile: null,
      followRedirects: false,
      chunkSize: null,
      ignored: [],
    };
    const { draft: after, todo } = draftFromCurl(before, {
      ...curl,
      method: 'POST',
      url: 'http://h/',
      headers: [{ name: 'X', value: '1', enabled: true }],
      body: 'data',
      verifyTls: false,
    });
    expect(todo).toEqual([]);
    expect(after).toMatchObject({
      method: 'POST',
      url: 'http://h/',
      params: [],
      bodyKind: 'text',
      text: 'data',
      framing: 'length',
      verifyTls: false,
      timeoutMs: 5000,
      chunkSize: 7,
    });
    expect(
      draftFromCurl(after, { ...curl, method: 'GET', url: 'http://h/', headers: [], body: null, verifyTls: true }).draft
        .bodyKind,
    ).toBe('none');
    // What curl would read from files is for the person to choose; what changes nothing is said.
    const withFiles = draftFromCurl(after, {
      ...curl,
      method: 'POST',
      url: 'http://h/',
      headers: [],
      body: null,
      verifyTls: true,
      form: [
        { name: 'a', value: '1' },
        { name: 'f', file: 'photo.png', contentType: null },
      ],
      caFile: 'ca.pem',
      followRedirects: true,
      chunkSize: 9,
      ignored: ['-s'],
    });
    expect(withFiles.draft).toMatchObject({
      bodyKind: 'multipart',
      framing: 'chunked',
      chunkSize: 9,
      followRedirects: true,
      parts: [
        { kind: 'text', name: 'a', value: '1', enabled: true },
        { kind: 'file', name: 'f', file: null, contentType: '', enabled: true },
      ],
    });
    expect(withFiles.todo).toEqual([
      'Choose the file for the field "f" (curl would read photo.png).',
      'Load the CA certificate ca.pem (Connection, Load from a file): the page reads no path.',
      'Left out, as they change nothing sent: -s.',
    ]);
    expect(draftSpec(withFiles.draft).problems).toContain('Choose a file for the multipart field "f".');
  });
});

describe('draftFromSpec', () => {
  it('gives back a draft that sends the same spec again', () => {
    const specs = [
      draftSpec(change(draft, { bodyKind: 'text', text: 'hi', framing: 'chunked', chunkSize: 3, verifyTls: false }))
        .spec!,
      draftSpec(
        change(draft, { bodyKind: 'file', file: FILE, caPem: '-----BEGIN CERTIFICATE-----x-----END CERTIFICATE-----' }),
      ).spec!,
      draftSpec(change(draft, { params: [{ name: 'q', value: '1', enabled: false }], timeoutMs: 1234 })).spec!,
    ];
    for (const spec of specs) expect(draftSpec(draftFromSpec(spec)).spec).toEqual(spec);
  });
});

describe('ComposerStore', () => {
  it('edits a field at a time, tells its readers, and counts whole loads', () => {
    const store = new ComposerStore();
    const heard: string[] = [];
    store.subscribe(() => heard.push(store.getSnapshot().url));
    store.edit({ url: 'http://a/' });
    expect(store.loads).toBe(0);
    store.load(draftFromSpec(draftSpec(change(draft, { bodyKind: 'none' })).spec!));
    expect(store.loads).toBe(1);
    expect(heard).toEqual(['http://a/', 'http://127.0.0.1:5000/echo']);
    expect(store.getSnapshot().method).toBe('PUT');
  });
});
