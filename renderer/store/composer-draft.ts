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
  specProblems,
  type BodyFraming,
  type BodySpec,
  type ExchangeSpec,
  type FileRef,
  type HeaderRow,
} from '../../shared/exchange-spec';
import type { ParsedCurl } from '../lib/curl';
import type { SavedSource } from './saved-requests-store';

export type BodyKind = 'none' | 'text' | 'file';

export interface ComposerDraft {
  method: string;
  url: string;
  params: HeaderRow[];
  headers: HeaderRow[];
  bodyKind: BodyKind;
  text: string;
  /** The file to upload; null until one is chosen. */
  file: FileRef | null;
  framing: BodyFraming;
  chunkSize: number;
  verifyTls: boolean;
  timeoutMs: number;
  /** Extra CA certificate(s), PEM; '' for none. */
  caPem: string;
}

export const INITIAL_DRAFT: ComposerDraft = {
  method: 'GET',
  url: '',
  params: [],
  headers: [],
  bodyKind: 'none',
  text: '',
  file: null,
  framing: 'length',
  chunkSize: DEFAULT_CHUNK_SIZE,
  verifyTls: true,
  timeoutMs: DEFAULT_TIMEOUT_MS,
  caPem: '',
};

/** The reducer: a draft with some of its fields changed. */
export function change(draft: ComposerDraft, changed: Partial<ComposerDraft>): ComposerDraft {
  return { ...draft, ...changed };
}

function body(draft: ComposerDraft): BodySpec | null {
  const { bodyKind, text, file, framing, chunkSize } = draft;
  if (bodyKind === 'none') return { kind: 'none' };
  if (bodyKind === 'text') return { kind: 'text', text, framing, chunkSize };
  return file === null ? null : { kind: 'file', file, framing, chunkSize };
}

/** The spec the draft sends, or the problems that stop it, in words. */
export function draftSpec(
  draft: ComposerDraft,
): { spec: ExchangeSpec; problems: [] } | { spec: null; problems: string[] } {
  const planned = body(draft);
  const spec = (withBody: BodySpec): ExchangeSpec => ({
    method: draft.method,
    url: draft.url.trim(),
    params: draft.params,
    headers: draft.headers,
    body: withBody,
    timeoutMs: draft.timeoutMs,
    verifyTls: draft.verifyTls,
    ...(draft.caPem.trim() !== '' ? { caPem: draft.caPem } : {}),
  });
  if (planned === null) {
    // A file body with no file: what else is wrong, and that.
    const problems = [
      ...specProblems(spec({ kind: 'none' })),
      ...chunkSizeProblems(draft.chunkSize),
      'Choose a file to upload.',
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
    draft.bodyKind === 'none' ? { kind: 'none' as const } : { kind: draft.bodyKind, framing: draft.framing };
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
  const { added } = draftBodyPlan(draft);
  if (added === 'transfer-encoding')
    out.push({ name: 'transfer-encoding', value: 'chunked', note: 'added for the chunked body' });
  if (added === 'content-length')
    out.push({ name: 'content-length', value: 'the body size', note: 'added for the body' });
  return out;
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
    file: body.kind === 'file' ? body.file : null,
    framing: body.kind === 'none' ? INITIAL_DRAFT.framing : body.framing,
    chunkSize: body.kind === 'none' ? INITIAL_DRAFT.chunkSize : body.chunkSize,
    verifyTls: spec.verifyTls,
    timeoutMs: spec.timeoutMs,
    caPem: spec.caPem ?? '',
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

/** The draft a curl command describes: its method, URL, headers, TLS check and text body; the rest as it was. */
export function draftFromCurl(draft: ComposerDraft, parsed: ParsedCurl): ComposerDraft {
  return {
    ...draft,
    method: parsed.method,
    url: parsed.url,
    headers: parsed.headers,
    params: [],
    verifyTls: parsed.verifyTls,
    ...(parsed.body === null
      ? { bodyKind: 'none' as const }
      : { bodyKind: 'text' as const, text: parsed.body, framing: 'length' as const }),
  };
}
