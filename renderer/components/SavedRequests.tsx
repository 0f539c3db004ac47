// The saved requests in the sidebar: the collection's folders and .http files as a tree (one Tab
// stop, arrow keys inside), the environment switcher, New folder and Choose folder…. A file opens in
// a new tab (a file of several requests lists them to choose one); each entry can be renamed in
// place (Enter keeps, Escape drops), duplicated, and deleted (a file with Undo; a folder when empty).
import { useEffect, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { HttpFileRequest } from '../../shared/http-file';
import type { CollectionEntry } from '../../shared/inspector-api';
import { useRovingFocus } from '../lib/use-roving-focus';
import type { SavedRequestsStore, SavedSource } from '../store/saved-requests-store';

export interface SavedRequestsProps {
  saved: SavedRequestsStore;
  /** Opens a request of a saved file, in a new tab. */
  onOpen: (request: HttpFileRequest, source: SavedSource, notes: string[]) => void;
}

const leaf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const depthOf = (path: string) => path.split('/').length - 1;

function RenameField({ entry, onDone }: { entry: CollectionEntry; onDone: (to: string | null) => void }) {
  const [name, setName] = useState(leaf(entry.path).replace(/\.http$/, ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return onDone(null);
    const parent = parentOf(entry.path);
    onDone(`${parent ? `${parent}/` : ''}${trimmed}${entry.kind === 'file' ? '.http' : ''}`);
  };
  return (
    <form onSubmit={submit} className="rename-form">
      <input
        aria-label={`New name for ${entry.path}`}
        value={name}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onDone(null);
          }
        }}
        onBlur={() => onDone(null)}
      />
    </form>
  );
}

export function SavedRequests({ saved, onOpen }: SavedRequestsProps) {
  const { listing, environments, environment, problem, notice, deleted } = useSyncExternalStore(
    saved.subscribe,
    saved.getSnapshot,
  );
  // Listed on mount, and again when the window comes back to the front: the files are plain files,
  // which git or another editor may have changed meanwhile.
  useEffect(() => {
    void saved.refresh();
    const again = () => void saved.refresh();
    window.addEventListener('focus', again);
    return () => window.removeEventListener('focus', again);
  }, [saved]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [choices, setChoices] = useState<{
    path: string;
    requests: HttpFileRequest[];
    variables: Array<[string, string]>;
    notes: string[];
  } | null>(null);
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const { ref, onKeyDown, onFocus } = useRovingFocus<HTMLUListElement>();

  const open = async (path: string) => {
    const file = await saved.open(path);
    if (!file) return;
    const notes = file.problems.map((p) => `Line ${p.line}: ${p.message}`);
    if (file.requests.length === 1) {
      const [request] = file.requests;
      onOpen(request!, { path, index: 0, name: request!.name, variables: file.variables }, notes);
      setChoices(null);
    } else setChoices({ path, requests: file.requests, variables: file.variables, notes });
  };

  const entries = (listing?.entries ?? []).filter(
    (entry) => ![...collapsed].some((folder) => entry.path.startsWith(`${folder}/`)),
  );

  return (
    <section aria-label="Saved requests" className="saved-requests">
      <div className="sidebar-header">
        <h2>Saved requests</h2>
        <button
          type="button"
          className="icon-button"
          title="New folder"
          aria-label="New folder"
          onClick={() => setNewFolder('')}
        >
          <span aria-hidden="true">⊞</span>
        </button>
        <button
          type="button"
          className="icon-button"
          title={listing?.folder ? `In ${listing.folder}; choose another folder…` : 'Choose folder…'}
          aria-label="Choose folder…"
          onClick={() => void saved.chooseFolder()}
        >
          <span aria-hidden="true">…</span>
        </button>
      </div>
      <label className="environment">
        <span>Environment</span>
        <select
          aria-label="Environment"
          value={environment ?? ''}
          onChange={(event) => saved.setEnvironment(event.target.value || null)}
          title={
            environments.names.length === 0
              ? 'Add environments in http-client.env.json beside the .http files'
              : undefined
          }
        >
          <option value="">No environment</option>
          {environments.names.map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      {environments.problems.map((text) => (
        <p key={text} role="alert" className="problem">
          {text}
        </p>
      ))}
      {newFolder !== null && (
        <form
          className="rename-form"
          onSubmit={(event) => {
            event.preventDefault();
            const name = newFolder.trim();
            setNewFolder(null);
            if (name) void saved.createFolder(name);
          }}
        >
          <input
            aria-label="New folder name"
            autoFocus
            value={newFolder}
            placeholder="folder, or folder/inner"
            onChange={(event) => setNewFolder(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.stopPropagation();
                setNewFolder(null);
              }
            }}
          />
        </form>
      )}
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
      {(deleted || notice) && (
        <p role="status" className="notice">
          {deleted ? (
            <>
              Deleted {deleted.path}.{' '}
              <button type="button" className="link-button" onClick={() => void saved.undoDelete()}>
                Undo
              </button>
            </>
          ) : (
            notice
          )}
        </p>
      )}
      {listing && listing.entries.length === 0 && (
        <p className="hint">
          No saved requests yet: Save request (Ctrl/Cmd+S) keeps the composer&apos;s request here as a .http file
          {listing.folder ? ` in ${listing.folder}` : ''}.
        </p>
      )}
      <ul className="saved-tree" aria-label="Saved requests" ref={ref} onKeyDown={onKeyDown} onFocus={onFocus}>
        {entries.map((entry) => {
          const name = leaf(entry.path);
          const isOpen = entry.kind === 'folder' && !collapsed.has(entry.path);
          return (
            <li
              key={entry.path}
              data-roving-row=""
              className={`saved-entry saved-${entry.kind}`}
              style={{ paddingLeft: `${depthOf(entry.path) * 0.9}rem` }}
            >
              {renaming === entry.path ? (
                <RenameField
                  entry={entry}
                  onDone={(to) => {
                    setRenaming(null);
                    if (to && to !== entry.path) void saved.rename(entry.path, to);
                  }}
                />
              ) : (
                <button
                  type="button"
                  data-roving=""
                  className="saved-open"
                  aria-label={entry.kind === 'folder' ? `Folder ${entry.path}` : `Open ${entry.path}`}
                  aria-expanded={entry.kind === 'folder' ? isOpen : undefined}
                  title={entry.path}
                  onClick={() => {
                    if (entry.kind === 'file') void open(entry.path);
                    else
                      setCollapsed((current) => {
                        const next = new Set(current);
                        if (next.has(entry.path)) next.delete(entry.path);
                        else next.add(entry.path);
                        return next;
                      });
                  }}
                  onKeyDown={(event) => {
                    if (event.key === 'F2') setRenaming(entry.path);
                    if (event.key === 'Delete') void saved.delete(entry.path);
                  }}
                >
                  <span aria-hidden="true" className="saved-icon">
                    {entry.kind === 'folder' ? (isOpen ? '▾' : '▸') : '·'}
                  </span>
                  {entry.kind === 'file' ? name.replace(/\.http$/, '') : name}
                </button>
              )}
              <span className="saved-actions">
                <button
                  type="button"
                  data-roving=""
                  className="icon-button"
                  title="Rename (F2)"
                  aria-label={`Rename ${entry.path}`}
                  onClick={() => setRenaming(entry.path)}
                >
                  <span aria-hidden="true">✎</span>
                </button>
                {entry.kind === 'file' && (
                  <button
                    type="button"
                    data-roving=""
                    className="icon-button"
                    title="Duplicate"
                    aria-label={`Duplicate ${entry.path}`}
                    onClick={() => void saved.duplicate(entry.path)}
                  >
                    <span aria-hidden="true">⧉</span>
                  </button>
                )}
                <button
                  type="button"
                  data-roving=""
                  className="icon-button"
                  title="Delete (Delete key)"
                  aria-label={`Delete ${entry.path}`}
                  onClick={() => void saved.delete(entry.path)}
                >
                  <span aria-hidden="true">✕</span>
                </button>
              </span>
              {choices?.path === entry.path && (
                <ul className="saved-choices" aria-label={`Requests in ${entry.path}`}>
                  {choices.requests.map((request, index) => (
                    <li key={index}>
                      <button
                        type="button"
                        className="saved-open"
                        onClick={() => {
                          onOpen(
                            request,
                            { path: entry.path, index, name: request.name, variables: choices.variables },
                            choices.notes,
                          );
                          setChoices(null);
                        }}
                      >
                        {request.name ?? `${request.method} ${request.url}`}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      {listing?.truncated && <p className="hint">The folder holds more entries than are listed here.</p>}
    </section>
  );
}
