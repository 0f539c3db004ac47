// The fields of a multipart/form-data body: each a text value or a file (chosen with the shell's own
// dialog, so the page holds only a handle), with the type it is sent as (from the file's name unless
// typed), switched off without being lost; and the boundary, which the bytes show between parts.
import { contentTypeFor } from '../../shared/multipart';
import type { FileRef } from '../../shared/exchange-spec';
import type { DraftPart } from '../store/composer-draft';

export interface MultipartEditorProps {
  parts: DraftPart[];
  boundary: string;
  onChange: (change: { parts?: DraftPart[]; boundary?: string }) => void;
  /** Asks the person for a file (null when they cancel). */
  chooseFile: () => Promise<FileRef | null>;
  onProblem: (message: string) => void;
}

export function MultipartEditor({ parts, boundary, onChange, chooseFile, onProblem }: MultipartEditorProps) {
  const update = (index: number, next: DraftPart) => onChange({ parts: parts.map((p, i) => (i === index ? next : p)) });
  const pick = async (index: number, part: Extract<DraftPart, { kind: 'file' }>) => {
    try {
      const file = await chooseFile();
      if (file) update(index, { ...part, file });
    } catch (error) {
      onProblem((error as Error).message);
    }
  };
  return (
    <div className="multipart-editor">
      <table aria-label="Multipart fields" className="rows-editor">
        <thead>
          <tr>
            <th scope="col">On</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parts.map((part, index) => (
            <tr key={index} className={part.enabled ? undefined : 'row-disabled'}>
              <td>
                <input
                  type="checkbox"
                  checked={part.enabled}
                  aria-label={`Send field ${index + 1}`}
                  onChange={(e) => update(index, { ...part, enabled: e.target.checked })}
                />
              </td>
              <td>
                <input
                  type="text"
                  aria-label={`Field name ${index + 1}`}
                  value={part.name}
                  spellCheck={false}
                  onChange={(e) => update(index, { ...part, name: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Field kind ${index + 1}`}
                  value={part.kind}
                  onChange={(e) =>
                    update(
                      index,
                      e.target.value === 'file'
                        ? { kind: 'file', name: part.name, enabled: part.enabled, file: null, contentType: '' }
                        : { kind: 'text', name: part.name, enabled: part.enabled, value: '' },
                    )
                  }
                >
                  <option value="text">text</option>
                  <option value="file">file</option>
                </select>
              </td>
              <td>
                {part.kind === 'text' ? (
                  <input
                    type="text"
                    aria-label={`Field value ${index + 1}`}
                    value={part.value}
                    spellCheck={false}
                    onChange={(e) => update(index, { ...part, value: e.target.value })}
                  />
                ) : (
                  <span className="multipart-file">
                    <button type="button" onClick={() => void pick(index, part)}>
                      {part.file ? 'Change file…' : 'Choose file…'}
                    </button>{' '}
                    {part.file ? `${part.file.name} (${part.file.size.toLocaleString()} bytes)` : 'no file chosen'}
                    <input
                      type="text"
                      aria-label={`Field type ${index + 1}`}
                      placeholder={part.file ? contentTypeFor(part.file.name) : 'type from the file name'}
                      value={part.contentType}
                      spellCheck={false}
                      onChange={(e) => update(index, { ...part, contentType: e.target.value })}
                    />
                  </span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove field ${index + 1}`}
                  onClick={() => onChange({ parts: parts.filter((_, i) => i !== index) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td colSpan={5}>
              <button
                type="button"
                onClick={() => onChange({ parts: [...parts, { kind: 'text', name: '', value: '', enabled: true }] })}
              >
                Add field
              </button>{' '}
              <button
                type="button"
                onClick={() =>
                  onChange({
                    parts: [...parts, { kind: 'file', name: '', file: null, contentType: '', enabled: true }],
                  })
                }
              >
                Add file field
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      <label className="multipart-boundary">
        Boundary{' '}
        <input
          type="text"
          aria-label="Boundary"
          value={boundary}
          spellCheck={false}
          onChange={(e) => onChange({ boundary: e.target.value })}
        />
      </label>
    </div>
  );
}
