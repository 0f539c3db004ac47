// Shows bytes as they went over the wire: text as text, CR/LF/TAB/NUL and every other non-printable
// byte as a marker with its name, and a line break after each LF so HTTP's lines read as lines.
import { useMemo } from 'react';
import { toVisibleRuns } from '../../shared/visible-bytes';

/**
 * The visible form of `bytes`, whose first byte is at `offset` in the capture. `lineBreaks` (on by
 * default) breaks the line after each LF; the wire view, which lays out its own rows, turns it off.
 */
export function VisibleRuns({
  bytes,
  offset = 0,
  lineBreaks = true,
}: {
  bytes: Uint8Array;
  offset?: number;
  lineBreaks?: boolean;
}) {
  const runs = useMemo(() => toVisibleRuns(bytes, offset), [bytes, offset]);
  return (
    <>
      {runs.map((run) =>
        run.kind === 'text' ? (
          <span key={run.start} className="wire-text" data-offset={run.start}>
            {run.text}
          </span>
        ) : (
          <span key={run.start} data-offset={run.start}>
            <abbr
              className="wire-control"
              title={`${run.name} (byte 0x${run.byte.toString(16).padStart(2, '0')}) at offset ${run.start}`}
            >
              {run.glyph}
            </abbr>
            {lineBreaks && run.byte === 0x0a ? '\n' : null}
          </span>
        ),
      )}
    </>
  );
}

/**
 * `bytes` as hexadecimal pairs, a line break after each LF (0a) so lines still read as lines (unless `lineBreaks` is
 * off).
 */
export function HexBytes({ bytes, lineBreaks = true }: { bytes: Uint8Array; lineBreaks?: boolean }) {
  let text = '';
  for (const byte of bytes) text += `${byte.toString(16).padStart(2, '0')}${lineBreaks && byte === 0x0a ? '\n' : ' '}`;
  return <span className="wire-hex">{text}</span>;
}

export interface WireBytesProps {
  /** Accessible name of the region, e.g. "Response bytes". */
  label: string;
  bytes: Uint8Array;
  /** Position of bytes[0] in the whole capture. */
  offset?: number;
}

export function WireBytes({ label, bytes, offset = 0 }: WireBytesProps) {
  return (
    <section role="region" aria-label={label} className="wire-bytes">
      <pre>
        <VisibleRuns bytes={bytes} offset={offset} />
      </pre>
    </section>
  );
}
