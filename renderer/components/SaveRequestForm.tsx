// Where to save the composer's request: its name (which names the .http file too) and the folder of
// the collection it goes in. Enter saves, Escape closes; what the file cannot hold is said after.
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { fileNameFor } from '../lib/draft-http';
import type { SavedRequestsStore } from '../store/saved-requests-store';

export interface SaveRequestFormProps {
  saved: SavedRequestsStore;
  /** The name to offer (from the URL's path). */
  suggested: string;
  onSave: (name: string, path: string) => void;
  onCancel: () => void;
}

export function SaveRequestForm({ saved, suggested, onSave, onCancel }: SaveRequestFormProps) {
  const { listing } = useSyncExternalStore(saved.subscribe, saved.getSnapshot);
  const [name, setName] = useState(suggested);
  const [folder, setFolder] = useState('');
  const folders = (listing?.entries ?? []).filter((entry) => entry.kind === 'folder').map((entry) => entry.path);
  const path = `${folder ? `${folder}/` : ''}${fileNameFor(name)}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    if (name.trim() !== '') onSave(name.trim(), path);
  };
  return (
    <div
      role="dialog"
      aria-label="Save request"
      className="save-request"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onCancel();
        }
        if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) submit(event);
      }}
    >
      <label>
        Request name{' '}
        <input aria-label="Request name" autoFocus value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <label>
        Folder{' '}
        <select aria-label="Folder" value={folder} onChange={(event) => setFolder(event.target.value)}>
          <option value="">(the collection&apos;s top)</option>
          {folders.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      <span className="hint">
        as <code>{path}</code>
      </span>
      <button type="button" className="primary" disabled={name.trim() === ''} onClick={submit}>
        Save
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
