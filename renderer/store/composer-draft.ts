// How this works: what the composer holds before it sends, as one value (not fifteen useStates), and
// the pure functions over it: the spec it would send, or the words for what stops it (a file body with
// no file chosen is a problem, never a made-up file), the rows the client adds, and a draft filled
// from a curl command. The Composer keeps one draft in a reducer and edits it with `change`.
import {
  DEFAULT_CHUNK_SIZE,
  DEFAULT_TIMEOUT_MS,
  bodyPlan,
  chunkSizeProblems,
  hasHeader,
  multipartContentType,
  specProblems,
  type BodyFraming,
  type BodySpec,
  type ExchangeSpec,
  type FileRef,
  type HeaderRow,
} from '../../shared/exchange-spec';
import { contentTypeFor, newBoundary, type MultipartPart } from '../../shared/multipart';
import type { ParsedCurl } from '../lib/curl';
import type { SavedSource } from './saved-requests-store';

export type BodyKind = 'none' | 'text' | 'form' | 'multipart' | 'file';

/** A multipart field as the composer edits it: text, or a file (none chosen yet is a problem, not a made-up file). */
export type DraftPart =
  | { kind: 'text'; name: string; value: string; enabled: boolean }
  | { kind: 'file'; name: string; file: FileRef | null; contentType: string; enabled: boolean };

const FORM_TYPE = 'application/x-www-form-urlencoded';

export interface ComposerDraft {
  method: string;
  url: string;
  params: HeaderRow[];
  headers: HeaderRow[];
  bodyKind: BodyKind;
  text: string;
  /** application/x-www-form-urlencoded fields (the "form" body). */
  formRows: HeaderRow[];
  /** multipart/form-data fields, and the boundary between them. */
  parts: DraftPart[];
  boundary: string;
  /** The file to upload; null until one is chosen. */
  file: FileRef | null;
  framing: BodyFraming;
  chunkSize: number;
  verifyTls: boolean;
  timeoutMs: number;
  /** Extra CA certificate(s), PEM; '' for none. */
  caPem: string;
  /** Follow 3xx responses to their Location, each hop its own exchange. */
  followRedirects: boolean;
}

export const INITIAL_DRAFT: ComposerDraft = {
  method: 'GET',
  url: '',
  params: [],
  headers: [],
  bodyKind: 'none',
  text: '',
  formRows: [],
  parts: [],
  boundary: newBoundary(),
  file: null,
  framing: 'length',
  chunkSize: DEFAULT_CHUNK_SIZE,
  verifyTls: true,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  caPem: '',
  followRedirects: false,
};

/** The reducer: a draft with some of its fields changed. */
export function change(draft: ComposerDraft, changed: Partial<ComposerDraft>): ComposerDraft {
  return { ...draft, ...changed };
}

/** The form fields as a body: name=value pairs joined by &, encoded as browsers encode forms. */
export function formText(rows: readonly HeaderRow[]): string {
  return new URLSearchParams(
    rows.filter((row) => row.enabled && row.name !== '').map((row) => [row.name, row.value]),
  ).toString();
}

function body(draft: ComposerDraft): BodySpec | null {
  const { bodyKind, text, file, framing, chunkSize } = draft;
  if (bodyKind === 'none') return { kind: 'none' };
  if (bodyKind === 'text') return { kind: 'text', text, framing, chunkSize };
  if (bodyKind === 'form') return { kind: 'text', text: formText(draft.formRows), framing, chunkSize };
  if (bodyKind === 'multipart') {
    const parts: MultipartPart[] = [];
    for (const part of draft.parts) {
      if (!part.enabled) continue;
      if (part.kind === 'text') parts.push({ name: part.name, value: part.value });
      else if (part.file === null) return null;
      else
        parts.push({
          name: part.name,
          file: part.file,
          contentType: part.contentType || contentTypeFor(part.file.name),
        });
    }
    return { kind: 'multipart', boundary: draft.boundary, parts, framing, chunkSize };
  }
  return file === null ? null : { kind: 'file', file, framing, chunkSize };
}

/**
 * The Content-Type the body kind gives, unless the person set one: a form's, a multipart body's
 * with its boundary, or a file's from its name; null for none.
 */
export function bodyContentType(draft: ComposerDraft): string | null {
  if (hasHeader(draft, 'content-type')) return null;
  if (draft.bodyKind === 'form') return FORM_TYPE;
  if (draft.bodyKind === 'multipart') return multipartContentType(draft.boundary);
  if (draft.bodyKind === 'file' && draft.file) return contentTypeFor(draft.file.name);
  return null;
}

/** The Content-Type row a spec gets from its body kind (a multipart body's is the service's to add: wireHeaders). */
function typeRow(draft: ComposerDraft): HeaderRow | null {
  const type = draft.bodyKind === 'multipart' ? null : bodyContentType(draft);
  return type === null ? null : { name: 'Content-Type', value: type, enabled: true };
}

/** Why a draft's body cannot be sent yet, besides what specProblems says. */
function bodyProblems(draft: ComposerDraft): string[] {
  if (draft.bodyKind === 'file' && draft.file === null) return ['Choose a file to upload.'];
  if (draft.bodyKind === 'multipart')
    return draft.parts
      .filter((part) => part.enabled && part.kind === 'file' && part.file === null)
      .map((part) => `Choose a file for the multipart field "${part.name}".`);
  return [];
}

/** The spec the draft sends, or the problems that stop it, in words. */
export function draftSpec(
  draft: ComposerDraft,
): { spec: ExchangeSpec; problems: [] } | { spec: null; problems: string[] } {
  const planned = body(draft);
  const type = typeRow(draft);
  const spec = (withBody: BodySpec): ExchangeSpec => ({
    method: draft.method,
    url: draft.url.trim(),
    params: draft.params,
    headers: type ? [...draft.headers, type] : draft.headers,
    body: withBody,
    timeoutMs: draft.timeoutMs,
    verifyTls: draft.verifyTls,
    ...(draft.caPem.trim() !== '' ? { caPem: draft.caPem } : {}),
    ...(draft.followRedirects ? { followRedirects: true } : {}),
  });
  if (planned === null) {
    // A file body with no file: what else is wrong, and that.
    const problems = [
      ...specProblems(spec({ kind: 'none' })),
      ...chunkSizeProblems(draft.chunkSize),
      ...bodyProblems(draft),
    ];
    return { spec: null, problems };
  }
  const candidate = spec(planned);
  const problems = specProblems(candidate);
  return problems.length > 0 ? { spec: null, problems } : { spec: candidate, problems: [] };
}

/** How the body will be framed (bodyPlan), with or without a file chosen yet. */
export function draftBodyPlan(draft: ComposerDraft) {
  const shape =
    draft.bodyKind === 'none'
      ? { kind: 'none' as const }
      : { kind: draft.bodyKind === 'form' ? ('text' as const) : draft.bodyKind, framing: draft.framing };
  return bodyPlan({ headers: draft.headers, body: shape });
}

/** The header rows the client adds by itself when sending, so the composer can show them. */
export function clientAdded(draft: ComposerDraft): Array<{ name: string; value: string; note: string }> {
  const out: Array<{ name: string; value: string; note: string }> = [];
  let authority: string;
  try {
    authority = new URL(draft.url.trim()).host;
  } catch {
    authority = '';
  }
  if (authority && !hasHeader(draft, 'host'))
    out.push({ name: 'host', value: authority, note: 'added by the client, from the URL' });
  const type = typeRow(draft);
  if (type)
    out.push({ name: type.name.toLowerCase(), value: type.value, note: `added for the ${draft.bodyKind} body` });
  if (draft.bodyKind === 'multipart' && !hasHeader(draft, 'content-type'))
    out.push({
      name: 'content-type',
      value: multipartContentType(draft.boundary),
      note: 'added for the multipart body',
    });
  const { added } = draftBodyPlan(draft);
  if (added === 'transfer-encoding')
    out.push({ name: 'transfer-encoding', value: 'chunked', note: 'added for the chunked body' });
  if (added === 'content-length')
    out.push({ name: 'content-length', value: 'the body size', note: 'added for the body' });
  return out;
}

/**
 * The query the URL itself carries, as name-value rows (decoded, in order), for the Params table to
 * show beside the rows it adds; none when the URL has no query or cannot be parsed yet.
 */
export function urlQuery(draft: ComposerDraft): Array<{ name: string; value: string; note: string }> {
  const url = draft.url.trim();
  const mark = url.indexOf('?');
  if (mark < 0) return [];
  const query = url.slice(mark + 1).split('#')[0]!;
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value, note: 'in the URL' }));
}

/** The draft that sends `spec` again (Edit and resend): every field as it was sent. */
export function draftFromSpec(spec: ExchangeSpec): ComposerDraft {
  const { body } = spec;
  return {
    method: spec.method,
    url: spec.url,
    params: spec.params ?? [],
    headers: spec.headers,
    bodyKind: body.kind,
    text: body.kind === 'text' ? body.text : '',
    formRows: [],
    parts:
      body.kind === 'multipart'
        ? body.parts.map((part): DraftPart =>
            'file' in part
              ? { kind: 'file', name: part.name, file: part.file, contentType: part.contentType, enabled: true }
              : { kind: 'text', name: part.name, value: part.value, enabled: true },
          )
        : [],
    boundary: body.kind === 'multipart' ? body.boundary : INITIAL_DRAFT.boundary,
    file: body.kind === 'file' ? body.file : null,
    framing: body.kind === 'none' ? INITIAL_DRAFT.framing : body.framing,
    chunkSize: body.kind === 'none' ? INITIAL_DRAFT.chunkSize : body.chunkSize,
    verifyTls: spec.verifyTls,
    timeoutMs: spec.timeoutMs,
    caPem: spec.caPem ?? '',
    followRedirects: spec.followRedirects ?? false,
  };
}

/**
 * The composer's draft as a store (read through useSyncExternalStore), so that what is not the
 * Composer (Edit and resend in the history) can load a request into it.
 */
export class ComposerStore {
  private draft: ComposerDraft = INITIAL_DRAFT;
  /** Goes up with every load, so that the Composer knows a whole new request came (not an edit). */
  loads = 0;
  /** The saved request the draft was opened from or last saved as (Save writes it back there). */
  source: SavedSource | null = null;
  /** What the person should know about the request loaded (what its .http file had that is not kept). */
  notes: string[] = [];
  /** Goes up each time Save is asked for from outside the Composer (Ctrl/Cmd+S anywhere in the window). */
  saveAsks = 0;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ComposerDraft => this.draft;

  readonly edit = (changed: Partial<ComposerDraft>): void => {
    this.draft = change(this.draft, changed);
    for (const listener of this.listeners) listener();
  };

  /** Replaces the whole draft (a request from history, or a saved one with where it came from). */
  load(draft: ComposerDraft, source: SavedSource | null = null, notes: string[] = []): void {
    this.loads++;
    this.draft = draft;
    this.source = source;
    this.notes = notes;
    for (const listener of this.listeners) listener();
  }

  /** Asks the Composer to save (it opens its save form, or saves over the request's file). */
  askSave(): void {
    this.saveAsks++;
    this.draft = { ...this.draft };
    for (const listener of this.listeners) listener();
  }

  /** The draft was saved as `source`: Save writes there from now on. */
  savedAs(source: SavedSource): void {
    this.source = source;
    this.draft = { ...this.draft };
    for (const listener of this.listeners) listener();
  }
}

/**
 * The draft a curl command describes: its method, URL, headers, TLS check and body (text, form
 * fields as multipart, or a file); the rest as it was. `todo` says what the person still has to do
 * (choose the files curl would have read, load the CA certificate) and what was left out.
 */
export function draftFromCurl(draft: ComposerDraft, parsed: ParsedCurl): { draft: ComposerDraft; todo: string[] } {
  const todo: string[] = [];
  const framing = parsed.chunkSize !== null ? ('chunked' as const) : ('length' as const);
  const chunkSize = parsed.chunkSize ?? draft.chunkSize;
  let body: Partial<ComposerDraft> = { bodyKind: 'none' };
  if (parsed.form.length > 0) {
    body = {
      bodyKind: 'multipart',
      framing,
      chunkSize,
      parts: parsed.form.map((part): DraftPart =>
        'file' in part
          ? { kind: 'file', name: part.name, file: null, contentType: part.contentType ?? '', enabled: true }
          : { kind: 'text', name: part.name, value: part.value, enabled: true },
      ),
    };
    for (const part of parsed.form)
      if ('file' in part) todo.push(`Choose the file for the field "${part.name}" (curl would read ${part.file}).`);
  } else if (parsed.bodyFile !== null) {
    body = { bodyKind: 'file', file: null, framing, chunkSize };
    todo.push(`Choose the body file (curl would read ${parsed.bodyFile}).`);
  } else if (parsed.body !== null) body = { bodyKind: 'text', text: parsed.body, framing, chunkSize };
  if (parsed.caFile !== null)
    todo.push(`Load the CA certificate ${parsed.caFile} (Connection, Load from a file): the page reads no path.`);
  if (parsed.ignored.length > 0) todo.push(`Left out, as they change nothing sent: ${parsed.ignored.join(', ')}.`);
  return {
    draft: {
      ...draft,
      method: parsed.method,
      url: parsed.url,
      headers: parsed.headers,
      params: [],
      verifyTls: parsed.verifyTls,
      followRedirects: parsed.followRedirects,
      ...body,
    },
    todo,
  };
}
