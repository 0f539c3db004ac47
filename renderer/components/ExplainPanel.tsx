// What the selected frame is, in plain words, with its values and the RFC 9112 section that defines
// it; with nothing selected after an error, what went wrong, where in the bytes, and what to do.
import type { ReactNode } from 'react';
import { explainError, explainFrame, type Explanation } from '../../shared/explain';
import type { Direction, Frame } from '../../shared/frames';
import type { SerializedError } from '../../shared/serialized-error';

export interface ExplainPanelProps {
  frame: Frame | null;
  direction: Direction;
  /** The exchange's error, explained while no frame is selected. */
  error?: SerializedError | null;
}

function Explained({ explained, reference }: { explained: Explanation; reference: ReactNode }) {
  return (
    <>
      <h3>{explained.title}</h3>
      <p>{explained.summary}</p>
      {explained.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}
      {reference && <p className="rfc">{reference}</p>}
    </>
  );
}

export function ExplainPanel({ frame, direction, error = null }: ExplainPanelProps) {
  let content: ReactNode;
  if (frame) {
    const explained = explainFrame(frame, direction);
    content = (
      <Explained
        explained={explained}
        reference={`RFC 9112 section ${explained.rfc9112Section}, ${explained.rfc9112Title} · bytes ${frame.start} to ${frame.end} of the ${direction === 'tx' ? 'request' : 'response'}`}
      />
    );
  } else if (error) {
    const explained = explainError(error);
    content = (
      <Explained
        explained={explained}
        reference={
          explained.rfc9112Section &&
          `RFC 9112 section ${explained.rfc9112Section}${explained.rfc9112Title && `, ${explained.rfc9112Title}`}`
        }
      />
    );
  } else
    content = (
      <p>
        Select any part of the bytes to read what it is: click it, or Tab to the bytes and step through them with the
        Left and Right arrow keys.
      </p>
    );
  return (
    <aside role="region" aria-label="Explain" className={`explain${!frame && error ? ' explain-error' : ''}`}>
      {content}
    </aside>
  );
}
