// The request composer: method, URL, and a body (none, text, or a file sent with Content-Length or
// chunked in a chosen chunk size). Send with the button or Ctrl/Cmd+Enter. It opens on the demo
// server's live chunked scenario, so the first Send works offline. What it holds is one draft
// (renderer/store/composer-draft.ts), edited through a reducer.
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from 'react';
import { DEFAULT_TIMEOUT_MS, type BodyFraming, type ExchangeSpec } from '../../shared/exchange-spec';
import {
  ComposerStore,
  clientAdded,
  draftBodyPlan,
  draftFromCurl,
  draftSpec,
  urlQuery,
  type ComposerDraft,
} from '../store/composer-draft';
import { isCurlCommand, parseCurl, toCurl } from '../lib/curl';
import { MultipartEditor } from './MultipartEditor';
import { RowsEditor } from './RowsEditor';
import { SaveRequestForm } from './SaveRequestForm';
import { requestFromDraft } from '../lib/draft-http';
import type { SavedRequestsStore, SavedSource } from '../store/saved-requests-store';
import type { InspectorApi } from '../../shared/inspector-api';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** A name for a new saved request: the URL's last path segment, else "request". */
function suggestedName(url: string): string {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  const last = path.split('/').filter(Boolean).pop() ?? '';
  return last.replace(/\{\{|\}\}/g, '') || 'request';
}

export interface ComposerProps {
  api: InspectorApi;
  running: boolean;
  onSend: (spec: ExchangeSpec) => void;
  onCancel: () => void;
  /** Where the draft lives, when others load requests into it (history's Edit and resend). */
  store?: ComposerStore;
  /** The saved requests, for Save request (Ctrl/Cmd+S). */
  saved?: SavedRequestsStore;
  /** The draft as it is sent: its {{variables}} substituted, and the names no environment defines. */
  resolve?: (draft: ComposerDraft) => { draft: ComposerDraft; missing: string[] };
}

const asIs = (draft: ComposerDraft) => ({ draft, missing: [] });

/** Why a draft with undefined {{variables}} is not sent, in words. */
function missingProblem(missing: string[]): string {
  const names = missing.map((name) => `{{${name}}}`).join(', ');
  return `${names} ${missing.length === 1 ? 'is' : 'are'} not defined: choose an environment that defines ${missing.length === 1 ? 'it' : 'them'} (Saved requests, Environment), or add ${missing.length === 1 ? 'it' : 'them'} to http-client.env.json.`;
}

export function Composer({ api, running, onSend, onCancel, store: given, saved, resolve = asIs }: ComposerProps) {
  const [store] = useState(() => given ?? new ComposerStore());
  const draft = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const edit = store.edit;
  const { method, url, params, headers, bodyKind, text, file, framing, chunkSize, verifyTls, timeoutMs, caPem } = draft;
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.getDemoServer().then(
      // The demo server's live chunked scenario, unless a URL came first (typed, imported, loaded).
      (demo) =>
        live && store.getSnapshot().url === '' && edit({ url: `${demo.url}/chunked?count=5&size=32&delay=400` }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, store, edit]);
  const setUrl = (next: string) => edit({ url: next });
  // A request loaded from history brings the focus to its URL, ready to edit and send.
  const urlInput = useRef<HTMLInputElement>(null);
  // (A tab opened with a request in it, loaded before the Composer mounted, gets the focus too.)
  const seenLoads = useRef(0);
  useEffect(() => {
    if (store.loads === seenLoads.current) return;
    seenLoads.current = store.loads;
    urlInput.current?.focus();
    urlInput.current?.scrollIntoView?.({ block: 'nearest' });
  });

  // A Transfer-Encoding or Content-Length row of the person's frames the body (bodyPlan).
  const rowFrames = { 'transfer-encoding': 'Transfer-Encoding', 'content-length': 'Content-Length', none: null }[
    draftBodyPlan(draft).row ?? 'none'
  ];

  /** A curl command pasted into the URL field fills the whole composer. */
  const importCurl = (text: string) => {
    try {
      const parsed = parseCurl(text);
      const { draft: imported, todo } = draftFromCurl(draft, parsed);
      edit(imported);
      setProblem(null);
      setNotice([`Imported the curl command (${parsed.method} ${parsed.url}).`, ...todo].join(' '));
    } catch (error) {
      setProblem(`Could not import that curl command: ${(error as Error).message}`);
    }
  };

  /** The spec the draft sends (variables substituted), or the problems that stop it. */
  const resolvedSpec = () => {
    const resolved = resolve(draft);
    if (resolved.missing.length > 0) return { spec: null, problems: [missingProblem(resolved.missing)] };
    return draftSpec(resolved.draft);
  };

  const [saving, setSaving] = useState(false);
  /** Writes the draft as request `name`: over `source` (the request it came from), or as a new file at `path`. */
  const write = async (name: string | null, path: string, source?: SavedSource) => {
    if (!saved) return;
    const { request, notes } = requestFromDraft(draft, name);
    const done = await saved.save(request, source ? { path, source } : { path });
    if (!done) {
      setProblem(saved.getSnapshot().problem);
      return;
    }
    setSaving(false);
    store.savedAs(done);
    setProblem(null);
    setNotice([`Saved to ${done.path}.`, ...notes].join(' '));
  };
  /** Save request: over the file it came from, or (the first time) where the person says. */
  const save = async () => {
    if (!saved) return;
    const source = store.source;
    if (source) await write(source.name, source.path, source);
    else setSaving(true);
  };
  const seenSaveAsks = useRef(store.saveAsks);
  useEffect(() => {
    if (store.saveAsks === seenSaveAsks.current) return;
    seenSaveAsks.current = store.saveAsks;
    void save();
  });

  const copyAsCurl = async () => {
    const { spec, problems } = resolvedSpec();
    if (spec === null) {
      setProblem(`Could not copy as curl: ${problems.join(' ')}`);
      return;
    }
    try {
      await navigator.clipboard.writeText(toCurl(spec));
      setNotice(
        caPem.trim() !== ''
          ? 'Copied as a curl command; it reads the extra CA certificate from ca.pem: save it there.'
          : 'Copied as a curl command.',
      );
    } catch (error) {
      setProblem(`Could not copy: ${(error as Error).message}`);
    }
  };

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (running) return;
    const { spec, problems } = resolvedSpec();
    setProblem(problems.length > 0 ? problems.join(' ') : null);
    if (spec === null) return;
    // What an earlier import, copy or save said was about the request before this one.
    setNotice(null);
    onSend(spec);
  };

  /** A file dropped on the composer becomes the body (the shell decides how it is read). */
  const dropFile = async (file: File) => {
    try {
      edit({ file: await api.useFile(file), bodyKind: 'file' });
      setProblem(null);
    } catch (error) {
      setProblem(`Could not use ${file.name}: ${(error as Error).message}`);
    }
  };

  /** A PEM file chosen in the page is read here: certificates are text, and small. */
  const loadCa = async (chosen: File | undefined) => {
    if (!chosen) return;
    try {
      if (chosen.size > 1024 * 1024) throw new Error('it is over 1 MiB, too large for a certificate');
      edit({ caPem: await chosen.text() });
      setProblem(null);
    } catch (error) {
      setProblem(`Could not read ${chosen.name}: ${(error as Error).message}`);
    }
  };

  const chooseFile = async () => {
    try {
      const chosen = await api.chooseUploadFile();
      if (chosen) edit({ file: chosen });
    } catch (error) {
      setProblem((error as Error).message);
    }
  };

  return (
    <form
      className="composer"
      aria-label="Request"
      // The composer says itself what is wrong, in words, for every field at once.
      noValidate
      onSubmit={submit}
      onDragOver={(event) => {
        if (event.dataTransfer.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        const dropped = event.dataTransfer.files[0];
        if (!dropped) return;
        event.preventDefault();
        void dropFile(dropped);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
      }}
    >
      {store.source && (
        <p className="composer-source">
          Saved request <code>{store.source.path}</code>
          {store.source.name ? ` · ${store.source.name}` : ''}
        </p>
      )}
      <div className="composer-line">
        <select aria-label="Method" value={method} onChange={(e) => edit({ method: e.target.value })}>
          {(METHODS.includes(method) ? METHODS : [...METHODS, method]).map((m) => (
            <option key={m}>{m}</option>
          ))}
        </select>
        <input
          ref={urlInput}
          aria-label="URL"
          type="text"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          onPaste={(e) => {
            const pasted = e.clipboardData.getData('text');
            if (isCurlCommand(pasted)) {
              e.preventDefault();
              importCurl(pasted);
            }
          }}
          spellCheck={false}
        />
        <button type="submit" disabled={running}>
          Send
        </button>
        <button type="button" disabled={!running} onClick={onCancel}>
          Cancel
        </button>
        <button type="button" onClick={() => void copyAsCurl()}>
          Copy as curl
        </button>
        {saved && (
          <button type="button" title="Save request (Ctrl/Cmd+S), as a .http file" onClick={() => void save()}>
            Save request
          </button>
        )}
        <label className="composer-option" title="Each hop of a 3xx chain is sent as an exchange of its own">
          <input
            type="checkbox"
            checked={draft.followRedirects}
            onChange={(e) => edit({ followRedirects: e.target.checked })}
          />{' '}
          Follow redirects
        </label>
      </div>
      {saving && saved && (
        <SaveRequestForm
          saved={saved}
          suggested={suggestedName(draft.url)}
          onSave={(name, path) => void write(name, path)}
          onCancel={() => setSaving(false)}
        />
      )}
      {store.notes.length > 0 && (
        <ul className="composer-notes" aria-label="About this saved request">
          {store.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <details className="composer-connection" open={caPem !== '' || timeoutMs !== DEFAULT_TIMEOUT_MS || !verifyTls}>
        <summary>Connection</summary>
        <label className="composer-option">
          <input type="checkbox" checked={verifyTls} onChange={(e) => edit({ verifyTls: e.target.checked })} /> Verify
          TLS certificates
        </label>
        <label className="composer-option">
          Timeout (ms){' '}
          <input
            aria-label="Timeout (ms)"
            type="number"
            min={100}
            value={timeoutMs}
            onChange={(e) => edit({ timeoutMs: Number(e.target.value) })}
          />
          <span className="hint"> the longest wait for any progress</span>
        </label>
        <label className="composer-ca">
          Extra CA certificate (PEM), trusted for this request
          <textarea
            aria-label="Extra CA certificate (PEM)"
            value={caPem}
            onChange={(e) => edit({ caPem: e.target.value })}
            rows={caPem ? 4 : 2}
            spellCheck={false}
            placeholder="-----BEGIN CERTIFICATE-----"
          />
        </label>
        <label className="composer-option">
          Load from a file{' '}
          <input
            aria-label="Load CA certificate file"
            type="file"
            accept=".pem,.crt,.cer,text/plain"
            onChange={(e) => void loadCa(e.target.files?.[0])}
          />
        </label>
      </details>
      <details className="composer-rows" open={headers.length > 0 || params.length > 0}>
        <summary>Params and headers</summary>
        <RowsEditor
          label="Params"
          noun="Param"
          rows={params}
          onChange={(rows) => edit({ params: rows })}
          added={urlQuery(draft)}
        />
        <RowsEditor
          label="Headers"
          noun="Header"
          rows={headers}
          onChange={(rows) => edit({ headers: rows })}
          added={clientAdded(draft)}
        />
      </details>
      <fieldset className="composer-body">
        <legend>Body</legend>
        {(['none', 'text', 'form', 'multipart', 'file'] as const).map((kind) => (
          <label key={kind}>
            <input
              type="radio"
              name="body"
              value={kind}
              checked={bodyKind === kind}
              onChange={() => edit({ bodyKind: kind })}
            />{' '}
            {kind}
          </label>
        ))}
        {bodyKind !== 'none' && (
          <>
            <label>
              Framing{' '}
              <select
                aria-label="Framing"
                value={framing}
                disabled={rowFrames !== null}
                onChange={(e) => edit({ framing: e.target.value as BodyFraming })}
              >
                <option value="length">Content-Length</option>
                <option value="chunked">chunked</option>
              </select>
            </label>
            {rowFrames !== null && <span className="composer-note">framed by your {rowFrames} header row</span>}
            <label>
              Chunk size{' '}
              <input
                aria-label="Chunk size"
                type="number"
                min={1}
                value={chunkSize}
                onChange={(e) => edit({ chunkSize: Number(e.target.value) })}
              />
            </label>
          </>
        )}
        {bodyKind === 'text' && (
          <textarea aria-label="Body text" value={text} onChange={(e) => edit({ text: e.target.value })} rows={4} />
        )}
        {bodyKind === 'form' && (
          <RowsEditor
            label="Form fields"
            noun="Form field"
            rows={draft.formRows}
            onChange={(rows) => edit({ formRows: rows })}
          />
        )}
        {bodyKind === 'multipart' && (
          <MultipartEditor
            parts={draft.parts}
            boundary={draft.boundary}
            onChange={edit}
            chooseFile={() => api.chooseUploadFile()}
            onProblem={setProblem}
          />
        )}
        {bodyKind === 'file' && (
          <span>
            <button type="button" onClick={() => void chooseFile()}>
              Choose file…
            </button>{' '}
            {file ? `${file.name} (${file.size.toLocaleString()} bytes)` : 'No file chosen (or drop one here)'}
          </span>
        )}
      </fieldset>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {notice && !problem && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
    </form>
  );
}
