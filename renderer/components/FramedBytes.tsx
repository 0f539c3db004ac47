// The bytes of one direction, each frame coloured by its kind (start line, header, CRLF, chunk-size
// line, chunk data, trailer...). A frame can be selected with the mouse or the keyboard (Tab, then
// Enter or Space) to read what it is in the Explain panel. Bytes no frame covers yet (a line still
// arriving) are shown plain.
import type { Frame } from '../../shared/frames';
import { HexBytes, VisibleRuns } from './WireBytes';

export interface FramedBytesProps {
  label: string;
  bytes: Uint8Array;
  frames: Frame[];
  selected: number | null;
  onSelect: (index: number) => void;
  /** Byte range to mark as the offending bytes of an error, if any. */
  fault?: { start: number; end: number } | null;
  /** Show hexadecimal instead of text. */
  hex?: boolean;
}

export function FramedBytes({ label, bytes, frames, selected, onSelect, fault, hex = false }: FramedBytesProps) {
  const show = (from: number, to: number) => (hex ? <HexBytes bytes={bytes.subarray(from, to)} /> : <VisibleRuns bytes={bytes.subarray(from, to)} offset={from} />);
  const shown = frames.filter((frame) => frame.start < bytes.length);
  const framedTo = shown.length > 0 ? Math.min(bytes.length, shown[shown.length - 1]!.end) : 0;
  const faultStart = fault ? Math.max(fault.start, framedTo) : bytes.length;
  return (
    <section role="region" aria-label={label} className="wire-bytes">
      <pre>
        {shown.map((frame, index) => (
          <span
            key={frame.start}
            role="button"
            tabIndex={0}
            aria-pressed={selected === index}
            aria-label={`${frame.kind} at bytes ${frame.start} to ${frame.end}`}
            className={`frame frame-${frame.kind}${selected === index ? ' frame-selected' : ''}${fault && frame.start < fault.end && fault.start < frame.end ? ' frame-fault' : ''}`}
            onClick={() => onSelect(index)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(index);
              }
            }}
          >
            {show(frame.start, Math.min(frame.end, bytes.length))}
          </span>
        ))}
        {framedTo < faultStart && show(framedTo, faultStart)}
        {faultStart < bytes.length && (
          <mark className="frame-fault" aria-label={`offending bytes from ${faultStart}`}>
            {show(faultStart, bytes.length)}
          </mark>
        )}
      </pre>
    </section>
  );
}
