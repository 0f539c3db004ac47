// An editable table of name-value rows (headers or query parameters): add, remove, and switch rows
// off without losing them. Rows the client adds by itself (such as host), and the query the URL
// already has, are shown read-only.
import type { HeaderRow } from '../../shared/exchange-spec';

export interface RowsEditorProps {
  /** "Headers" or "Params": names the table and its controls. */
  label: string;
  /** Singular, for control names: "Header", "Param". */
  noun: string;
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  /** Rows the client adds when sending, with why. */
  added?: Array<{ name: string; value: string; note: string }>;
}

export function RowsEditor({ label, noun, rows, onChange, added = [] }: RowsEditorProps) {
  const update = (index: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <table aria-label={label} className="rows-editor">
      <thead>
        <tr>
          <th scope="col">On</th>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {added.map((row) => (
          <tr key={`added-${row.name}`} className="row-added">
            <td>
              <input
                type="checkbox"
                checked
                disabled
                aria-label={
                  row.note === 'in the URL' ? `${row.name} is in the URL` : `${row.name} is added by the client`
                }
              />
            </td>
            <td>{row.name}</td>
            <td>
              {row.value} <em className="note">({row.note})</em>
            </td>
            <td />
          </tr>
        ))}
        {rows.map((row, index) => (
          <tr key={index} className={row.enabled ? undefined : 'row-disabled'}>
            <td>
              <input
                type="checkbox"
                checked={row.enabled}
                aria-label={`Send ${noun.toLowerCase()} ${index + 1}`}
                onChange={(e) => update(index, { enabled: e.target.checked })}
              />
            </td>
            <td>
              <input
                type="text"
                aria-label={`${noun} name ${index + 1}`}
                value={row.name}
                onChange={(e) => update(index, { name: e.target.value })}
                spellCheck={false}
              />
            </td>
            <td>
              <input
                type="text"
                aria-label={`${noun} value ${index + 1}`}
                value={row.value}
                onChange={(e) => update(index, { value: e.target.value })}
                spellCheck={false}
              />
            </td>
            <td>
              <button
                type="button"
                aria-label={`Remove ${noun.toLowerCase()} ${index + 1}`}
                onClick={() => onChange(rows.filter((_, i) => i !== index))}
              >
                ×
              </button>
            </td>
          </tr>
        ))}
        <tr>
          <td colSpan={4}>
            <button type="button" onClick={() => onChange([...rows, { name: '', value: '', enabled: true }])}>
              Add {noun.toLowerCase()}
            </button>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
