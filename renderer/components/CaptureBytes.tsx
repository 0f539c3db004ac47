// One direction's bytes, read from the capture a window at a time, so a response of any size is
// shown without holding it: the first bytes come with the live batches, later windows are read
// from disk on demand (readBytes). Earlier/Later move the window; the chunk table can move it too.
import { useEffect, useMemo, useState } from 'react';
import type { Frame } from '../../shared/frames';
import { FramedBytes } from './FramedBytes';

const EMPTY = new Uint8Array(0);

/** Bytes shown at once. */
export const WINDOW = 64 * 1024;

export interface CaptureBytesProps {
  label: string;
  /** Bytes of this direction so far. */
  total: number;
  /** The first bytes, as they arrived. */
  preview: Uint8Array;
  frames: Frame[];
  /** Where the window starts. */
  position: number;
  onPosition: (position: number) => void;
  readBytes: (start: number, end: number) => Promise<Uint8Array>;
  selected: number | null;
  onSelect: (index: number) => void;
  fault?: { start: number; end: number } | null;
  hex?: boolean;
}

export function CaptureBytes({ label, total, preview, frames, position, onPosition, readBytes, selected, onSelect, fault, hex }: CaptureBytesProps) {
  const end = Math.min(position + WINDOW, Math.max(total, preview.length));
  const fromPreview = end <= preview.length;
  const [loaded, setLoaded] = useState<{ position: number; bytes: Uint8Array } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (fromPreview) return;
    let live = true;
    readBytes(position, position + WINDOW).then(
      (bytes) => {
        if (live) {
          setLoaded({ position, bytes });
          setProblem(null);
        }
      },
      (error: Error) => live && setProblem(`Could not read bytes ${position} to ${position + WINDOW}: ${error.message}`),
    );
    return () => {
      live = false;
    };
  }, [fromPreview, position, readBytes]);

  // The same array from render to render while the window holds still, so its pieces stay memoized.
  const previewWindow = useMemo(() => (fromPreview ? preview.subarray(position, end) : null), [fromPreview, preview, position, end]);
  const bytes = previewWindow ?? (loaded?.position === position ? loaded.bytes : EMPTY);
  return (
    <div className="capture-bytes">
      <p className="capture-nav">
        <button type="button" disabled={position === 0} onClick={() => onPosition(Math.max(0, position - WINDOW))} aria-label={`Earlier ${label.toLowerCase()}`}>
          ◀
        </button>{' '}
        <span>
          bytes {position.toLocaleString()} to {(position + bytes.length).toLocaleString()} of {total.toLocaleString()}
        </span>{' '}
        <button type="button" disabled={position + WINDOW >= total} onClick={() => onPosition(position + WINDOW)} aria-label={`Later ${label.toLowerCase()}`}>
          ▶
        </button>
      </p>
      {problem && <p role="alert">{problem}</p>}
      <FramedBytes label={label} bytes={bytes} base={position} frames={frames} selected={selected} onSelect={onSelect} fault={fault ?? null} hex={hex ?? false} />
    </div>
  );
}
