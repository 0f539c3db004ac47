// What the selected frame is in its message, in plain words: warnings first, then its values and
// notes, the RFC's own sentences (keyword, whom they bind, a link to the section) apart from what
// the inspector chooses, and where the bytes are, as a half-open range in decimal (hex on hover).
// With nothing selected after an error, what went wrong, where in the bytes, and what to do.
import type { ReactNode } from 'react';
import { explainError } from '../../shared/explain-error';
import { explainFrame, type Explanation, type MessageContext } from '../../shared/explain';
import type { Frame } from '../../shared/frames';
import { rfcUrl, type RfcQuote } from '../../shared/rfc-quotes';
import type { SerializedError } from '../../shared/serialized-error';

export interface ExplainPanelProps {
  frame: Frame | null;
  /** The message the frame belongs to (at least its direction). */
  context: MessageContext;
  /** The exchange's error, explained while no frame is selected. */
  error?: SerializedError | null;
}

/** A byte offset in decimal, its hex on hover. */
function Offset({ value }: { value: number }) {
  return <span title={`0x${value.toString(16)}`}>{value.toLocaleString('en-US')}</span>;
}

function SectionLink({ rfc, section, title }: { rfc: RfcQuote['rfc']; section: string; title?: string }) {
  return (
    <a href={rfcUrl(rfc, section)} target="_blank" rel="noreferrer">
      RFC {rfc} section {section}
      {title ? `, ${title}` : ''}
    </a>
  );
}

function Quote({ quote }: { quote: RfcQuote }) {
  return (
    <li>
      <p className="quote-who">
        {quote.keyword && (
          <>
            <span className={`keyword keyword-${quote.keyword.split(' ')[0]!.toLowerCase()}`}>{quote.keyword}</span>{' '}
            binds the {quote.binds} ·{' '}
          </>
        )}
        <SectionLink rfc={quote.rfc} section={quote.section} />
      </p>
      <blockquote cite={rfcUrl(quote.rfc, quote.section)}>{quote.text}</blockquote>
    </li>
  );
}

function Explained({ explained, where }: { explained: Explanation; where: ReactNode }) {
  return (
    <>
      <h3>{explained.title}</h3>
      {explained.warnings.map((warning) => (
        <p key={warning} className="warning">
          <strong>Warning: </strong>
          {warning}
        </p>
      ))}
      <p>{explained.summary}</p>
      {explained.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}
      {explained.quotes.length > 0 && (
        <section aria-label="The RFC says" className="explain-rfc">
          <h4>The RFC says</h4>
          <ul>
            {explained.quotes.map((quote) => (
              <Quote key={quote.text} quote={quote} />
            ))}
          </ul>
        </section>
      )}
      {explained.inspector.length > 0 && (
        <section aria-label="The inspector chooses" className="explain-inspector">
          <h4>The inspector chooses</h4>
          {explained.inspector.map((choice) => (
            <p key={choice}>{choice}</p>
          ))}
        </section>
      )}
      {(explained.rfc9112Section || where) && (
        <p className="rfc">
          {explained.rfc9112Section && (
            <SectionLink rfc="9112" section={explained.rfc9112Section} title={explained.rfc9112Title} />
          )}
          {explained.rfc9112Section && where && ' · '}
          {where}
        </p>
      )}
    </>
  );
}

export function ExplainPanel({ frame, context, error = null }: ExplainPanelProps) {
  let content: ReactNode;
  if (frame) {
    const side = context.direction === 'tx' ? 'request' : 'response';
    content = (
      <Explained
        explained={explainFrame(frame, context)}
        where={
          <>
            bytes [<Offset value={frame.start} />, <Offset value={frame.end} />) of the {side}: from byte{' '}
            <Offset value={frame.start} /> up to, not including, byte <Offset value={frame.end} />
          </>
        }
      />
    );
  } else if (error) content = <Explained explained={explainError(error)} where={null} />;
  else
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
