// What the selected frame is, in plain words, with its values and the RFC 9112 section that defines
// it; with nothing selected after an error, what went wrong, where in the bytes, and what to do.
import { explainError, explainFrame } from '../../shared/explain';
import type { Direction, Frame } from '../../shared/frames';
import type { SerializedError } from '../../shared/serialized-error';

export interface ExplainPanelProps {
  frame: Frame | null;
  direction: Direction;
  /** The exchange's error, explained while no frame is selected. */
  error?: SerializedError | null;
}

export function ExplainPanel({ frame, direction, error = null }: ExplainPanelProps) {
  if (!frame && error) {
    const explained = explainError(error);
    return (
      <aside role="region" aria-label="Explain" className="explain explain-error">
        <h3>{explained.title}</h3>
        <p>{explained.summary}</p>
        {explained.notes.map((note) => (
          <p key={note} className="note">
            {note}
          </p>
        ))}
        {explained.rfc9112Section && (
          <p className="rfc">
            RFC 9112 section {explained.rfc9112Section}
            {explained.rfc9112Title && `, ${explained.rfc9112Title}`}
          </p>
        )}
      </aside>
    );
  }
  const explained = frame ? explainFrame(frame, direction) : null;
  return (
    <aside role="region" aria-label="Explain" className="explain">
      {explained && frame ? (
        <>
          <h3>{explained.title}</h3>
          <p>{explained.summary}</p>
          {explained.notes.map((note) => (
            <p key={note} className="note">
              {note}
            </p>
          ))}
          <p className="rfc">
            RFC 9112 section {explained.rfc9112Section}, {explained.rfc9112Title} · bytes {frame.start} to {frame.end} of the {direction === 'tx' ? 'request' : 'response'}
          </p>
        </>
      ) : (
        <p>Select any part of the bytes (click, or Tab and Enter) to read what it is.</p>
      )}
    </aside>
  );
}
