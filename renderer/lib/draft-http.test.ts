import { describe, expect, it } from 'vitest';
import { formatHttpRequest, parseHttpFile } from '../../shared/http-file';
import { INITIAL_DRAFT, type ComposerDraft } from '../store/composer-draft';
import { draftFromRequest, fileNameFor, requestFromDraft, substituteDraft } from './draft-http';

const DRAFT: ComposerDraft = {
  ...INITIAL_DRAFT,
  method: 'PUT',
  url: '{{base}}/items',
  params: [
    { name: 'q', value: 'a b', enabled: true },
    { name: 'off', value: '1', enabled: false },
  ],
  headers: [
    { name: 'X-Token', value: '{{token}}', enabled: true },
    { name: 'X-Off', value: 'no', enabled: false },
  ],
  bodyKind: 'text',
  text: 'hello {{token}}',
  framing: 'chunked',
  chunkSize: 5,
  verifyTls: false,
  timeoutMs: 1234,
};

describe('a draft as a .http request and back', () => {
  it('keeps every field a .http file can hold, through the text of the file', () => {
    const { request, notes } = requestFromDraft(DRAFT, 'put item');
    expect(notes).toEqual([]);
    expect(request.url).toBe('{{base}}/items?q=a%20b');
    const [back] = parseHttpFile(formatHttpRequest(request)).requests;
    expect(draftFromRequest(back!)).toEqual({
      ...DRAFT,
      url: '{{base}}/items?q=a%20b',
      params: [],
      // Disabled header rows are written first (as comments before the request line).
      headers: [DRAFT.headers[1], DRAFT.headers[0]],
    });
  });

  it('says what a .http file does not keep: the CA certificate, and the upload file itself', () => {
    const { request, notes } = requestFromDraft(
      {
        ...DRAFT,
        caPem: '-----BEGIN CERTIFICATE-----',
        bodyKind: 'file',
        file: { via: 'upload', uploadId: 'upload-123456', name: 'photo.jpg', size: 3 },
      },
      null,
    );
    expect(request.bodyFile).toBe('./photo.jpg');
    expect(notes).toHaveLength(2);
    expect(draftFromRequest(request)).toMatchObject({ bodyKind: 'file', file: null });
  });

  it('substitutes variables in the URL, params, enabled headers and text body, naming the undefined', () => {
    const vars = new Map([
      ['base', 'http://127.0.0.1:1'],
      ['token', 't'],
    ]);
    const { draft, missing } = substituteDraft(
      { ...DRAFT, params: [{ name: '{{p}}', value: '1', enabled: true }] },
      vars,
    );
    expect(draft.url).toBe('http://127.0.0.1:1/items');
    expect(draft.headers[0]).toEqual({ name: 'X-Token', value: 't', enabled: true });
    expect(draft.text).toBe('hello t');
    expect(missing).toEqual(['p']);
  });

  it('names files after requests, safely', () => {
    expect(fileNameFor('echo token')).toBe('echo-token.http');
    expect(fileNameFor('../../etc/passwd')).toBe('etc-passwd.http');
    expect(fileNameFor('   ')).toBe('request.http');
    expect(fileNameFor('Größe über')).toBe('Größe-über.http');
  });
});
