// How this works: a composer draft as a request of a .http file and back (shared/http-file.ts), and
// a draft with its {{variables}} substituted (shared/http-variables.ts), which is what is sent: the
// saved file keeps the names, the bytes on the wire have the values. What a .http file cannot hold
// (the extra CA certificate, the chosen upload file itself) is said in `notes`, not lost silently.
import { DEFAULT_TIMEOUT_MS } from '../../shared/exchange-spec';
import { contentTypeFor, multipartSegments } from '../../shared/multipart';
import type { HttpFileRequest } from '../../shared/http-file';
import { substitute } from '../../shared/http-variables';
import { INITIAL_DRAFT, bodyContentType, formText, type ComposerDraft } from '../store/composer-draft';

/** The URL with the enabled param rows appended to its query, as they would be sent. */
function urlWithParams(draft: ComposerDraft): string {
  const params = draft.params.filter((row) => row.enabled && row.name !== '');
  if (params.length === 0) return draft.url.trim();
  const query = params.map((row) => `${encodeURIComponent(row.name)}=${encodeURIComponent(row.value)}`).join('&');
  const url = draft.url.trim();
  return `${url}${url.includes('?') ? (/[?&]$/.test(url) ? '' : '&') : '?'}${query}`;
}

export function requestFromDraft(
  draft: ComposerDraft,
  name: string | null,
): { request: HttpFileRequest; notes: string[] } {
  const notes: string[] = [];
  if (draft.caPem.trim() !== '')
    notes.push('The extra CA certificate is not kept in .http files: load it again when you open this request.');
  if (draft.bodyKind === 'file')
    notes.push('The body file is saved by its name only (< ./name): choose the file again when you open it.');
  if (draft.bodyKind === 'multipart' && draft.parts.some((part) => part.enabled && part.kind === 'file'))
    notes.push(
      'Multipart file fields are saved as < ./name lines, as the editors write them; this app reopens the body as text.',
    );
  const type = bodyContentType(draft);
  const request: HttpFileRequest = {
    name,
    method: draft.method,
    url: urlWithParams(draft),
    headers: [
      ...draft.headers.map((row) => ({ name: row.name, value: row.value, enabled: row.enabled })),
      // The type the body kind gives goes in the file, which other editors send as it is.
      ...(type !== null ? [{ name: 'Content-Type', value: type, enabled: true }] : []),
    ],
    body: textOf(draft),
    bodyFile: draft.bodyKind === 'file' ? `./${draft.file?.name ?? 'body.bin'}` : null,
    chunkSize: draft.bodyKind !== 'none' && draft.framing === 'chunked' ? draft.chunkSize : null,
    timeoutMs: draft.timeoutMs !== DEFAULT_TIMEOUT_MS ? draft.timeoutMs : null,
    insecure: !draft.verifyTls,
    line: 1,
  };
  return { request, notes };
}

/** The body as .http text: a form's encoded fields, a multipart body with its files as < ./name lines. */
function textOf(draft: ComposerDraft): string | null {
  if (draft.bodyKind === 'text') return draft.text;
  if (draft.bodyKind === 'form') return formText(draft.formRows);
  if (draft.bodyKind !== 'multipart') return null;
  const parts = draft.parts.filter((part) => part.enabled);
  const stand = { via: 'upload' as const, uploadId: 'none', size: 0 };
  return multipartSegments(
    draft.boundary,
    parts.map((part) =>
      part.kind === 'text'
        ? { name: part.name, value: part.value }
        : {
            name: part.name,
            file: { ...stand, name: part.file?.name ?? 'file' },
            contentType: part.contentType || contentTypeFor(part.file?.name ?? ''),
          },
    ),
  )
    .map((segment) => (segment.kind === 'text' ? segment.text : `< ./${segment.file.name}`))
    .join('')
    .replace(/\r\n/g, '\n')
    .replace(/\n$/, '');
}

export function draftFromRequest(request: HttpFileRequest): ComposerDraft {
  return {
    ...INITIAL_DRAFT,
    method: request.method,
    url: request.url,
    headers: request.headers.map((row) => ({ ...row })),
    bodyKind: request.bodyFile !== null ? 'file' : request.body !== null ? 'text' : 'none',
    text: request.body ?? '',
    framing: request.chunkSize !== null ? 'chunked' : 'length',
    chunkSize: request.chunkSize ?? INITIAL_DRAFT.chunkSize,
    timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    verifyTls: !request.insecure,
  };
}

/**
 * The draft with every {{name}} in its URL, params, headers and text body replaced from `vars`;
 * names it does not know come back in `missing` (the draft is then not to be sent).
 */
export function substituteDraft(
  draft: ComposerDraft,
  vars: ReadonlyMap<string, string>,
  uuid: () => string = () => crypto.randomUUID(),
): { draft: ComposerDraft; missing: string[] } {
  const missing: string[] = [];
  const sub = (text: string) => {
    const result = substitute(text, vars, undefined, undefined, uuid);
    for (const name of result.missing) if (!missing.includes(name)) missing.push(name);
    return result.text;
  };
  const rows = (list: ComposerDraft['headers']) =>
    list.map((row) => (row.enabled ? { ...row, name: sub(row.name), value: sub(row.value) } : row));
  return {
    draft: {
      ...draft,
      url: sub(draft.url),
      params: rows(draft.params),
      headers: rows(draft.headers),
      text: draft.bodyKind === 'text' ? sub(draft.text) : draft.text,
    },
    missing,
  };
}

/** A file name for a request named `name`: letters, digits, "-" and "_", ending in .http. */
export function fileNameFor(name: string): string {
  const stem = name
    .trim()
    .replace(/[^\p{L}\p{N}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${stem || 'request'}.http`;
}
