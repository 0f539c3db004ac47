// A window of one direction's bytes, each frame coloured by its kind (start line, header, CRLF,
// chunk-size line, chunk data, trailer...). A frame can be selected with the mouse or the keyboard
// (Tab, then Enter or Space) to read what it is in the Explain panel. Bytes no frame covers yet (a
// line still arriving) are shown plain. `base` is where the window starts in the capture; frames
// that cross its edges are shown clipped.
import { memo } from 'react';
import type { Frame } from '../../shared/frames';
import { HexBytes, VisibleRuns } from './WireBytes';

export interface FramedBytesProps {
  label: string;
  bytes: Uint8Array;
  /** Capture offset of bytes[0] (0 by default). */
  base?: number;
  frames: Frame[];
  selected: number | null;
  onSelect: (index: number) => void;
  /** Byte range to mark as the offending bytes of an error, if any. */
  fault?: { start: number; end: number } | null;
  /** Show hexadecimal instead of text. */
  hex?: boolean;
}

type Part = [kind: 'line' | 'name' | 'separator' | 'value' | 'crlf', start: number, end: number];

/**
 * A frame's parts for colouring: a field line as name, ": ", value and CRLF; any other line as
 * its text and CRLF; data as itself.
 */
export function parts(frame: Frame, byteAt: (offset: number) => number | undefined): Part[] {
  const lineLike = frame.kind !== 'body' && frame.kind !== 'chunk-data';
  if (!lineLike) return [['line', frame.start, frame.end]];
  const crlf = frame.end - 2;
  if (frame.kind === 'header' || frame.kind === 'trailer') {
    // name ":" OWS value OWS CRLF: the value starts after the spaces that follow the colon.
    const nameEnd = frame.start + frame.name.length;
    let valueStart = nameEnd + 1;
    while (valueStart < crlf && (byteAt(valueStart) === 0x20 || byteAt(valueStart) === 0x09)) valueStart++;
    const valueEnd = Math.min(crlf, valueStart + frame.value.length);
    return [
      ['name', frame.start, nameEnd],
      ['separator', nameEnd, valueStart],
      ['value', valueStart, valueEnd],
      ['crlf', valueEnd, frame.end],
    ];
  }
  return [
    ['line', frame.start, crlf],
    ['crlf', crlf, frame.end],
  ];
}

/** Index of the first frame that ends after `offset` (frames are in order and tile the bytes). */
export function firstFrameAfter(frames: Frame[], offset: number): number {
  let low = 0;
  let high = frames.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (frames[mid]!.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

interface PieceProps {
  /** The window's bytes; the same array from render to render while the window stays put. */
  bytes: Uint8Array;
  base: number;
  from: number;
  to: number;
  hex: boolean;
}

/**
 * Bytes [from, to) of the window, as text or hex. Memoized on plain values, so a live batch that
 * adds frames re-renders only the new pieces, not the whole window's text.
 */
const Piece = memo(function Piece({ bytes, base, from, to, hex }: PieceProps) {
  const slice = bytes.subarray(from - base, to - base);
  return hex ? <HexBytes bytes={slice} /> : <VisibleRuns bytes={slice} offset={from} />;
});

export function FramedBytes({ label, bytes, base = 0, frames, selected, onSelect, fault, hex = false }: FramedBytesProps) {
  const end = base + bytes.length;
  const show = (from: number, to: number) => <Piece bytes={bytes} base={base} from={from} to={to} hex={hex} />;
  const visible: Array<{ frame: Frame; index: number }> = [];
  for (let index = firstFrameAfter(frames, base); index < frames.length && frames[index]!.start < end; index++) visible.push({ frame: frames[index]!, index });
  const last = visible[visible.length - 1];
  const framedTo = last ? Math.min(end, last.frame.end) : base;
  const faultStart = fault ? Math.min(end, Math.max(fault.start, framedTo)) : end;
  return (
    <section role="region" aria-label={label} className="wire-bytes">
      <pre>
        {visible.map(({ frame, index }) => (
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
            {parts(frame, (offset) => bytes[offset - base]).map(([kind, from, to]) => {
              const a = Math.max(from, base);
              const b = Math.min(to, end);
              return a < b ? (
                <span key={from} className={`part part-${kind}`}>
                  {show(a, b)}
                </span>
              ) : null;
            })}
          </span>
        ))}
        {framedTo < faultStart && show(framedTo, faultStart)}
        {faultStart < end && (
          <mark className="frame-fault" aria-label={`offending bytes from ${faultStart}`}>
            {show(faultStart, end)}
          </mark>
        )}
      </pre>
    </section>
  );
}
