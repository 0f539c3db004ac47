// Where the response goes: beside the request or under it. Two pressed-or-not buttons in a group.
import type { Orientation } from '../store/layout-prefs';

const CHOICES: Array<[Orientation, string, string]> = [
  ['side-by-side', 'Side by side', '◫'],
  ['stacked', 'Stacked', '⬒'],
];

export function LayoutSwitch({ value, onChange }: { value: Orientation; onChange: (next: Orientation) => void }) {
  return (
    <div role="group" aria-label="Layout" className="segmented">
      {CHOICES.map(([choice, label, icon]) => (
        <button
          key={choice}
          type="button"
          aria-pressed={value === choice}
          title={`Request and response ${label.toLowerCase()}`}
          onClick={() => onChange(choice)}
        >
          <span aria-hidden="true">{icon}</span> {label}
        </button>
      ))}
    </div>
  );
}
