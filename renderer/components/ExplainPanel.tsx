// What the selected frame is, in plain words, with its values and the RFC 9112 section that defines it.
import { explainFrame } from '../../shared/explain';
import type { Direction, Frame } from '../../shared/frames';

export function ExplainPanel({ frame, direction }: { frame: Frame | null; direction: Direction }) {
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
