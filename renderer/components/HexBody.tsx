// The body content as xxd and Wireshark show bytes: offset, 16 bytes in hex (two groups of 8) and
// an ASCII column, dots for the rest. Virtualized over the whole content, however large: rows are
// drawn only in view, their bytes read a block at a time (ByteBlocks over readBody).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useReducer, useRef } from 'react';
import { ByteBlocks, type ReadBytes } from '../lib/byte-blocks';
import { hexOffset } from '../lib/format';

const ROW_HEIGHT = 18;
export const HEX_ROW_BYTES = 16;
const NO_PREVIEW = new Uint8Array(0);

/** One row's hex columns and ASCII column (as xxd -g1 prints them). */
function hexRow(bytes: Uint8Array): { hex: string; ascii: string } {
  const hex: string[] = [];
  let ascii = '';
  for (let i = 0; i < HEX_ROW_BYTES; i++) {
    const byte = bytes[i];
    hex.push(byte === undefined ? '  ' : byte.toString(16).padStart(2, '0'));
    if (i === 7) hex.push('');
    if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
  }
  return { hex: hex.join(' '), ascii };
}

export function HexBody({ length, readBody }: { length: number; readBody: ReadBytes }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const blocks = useMemo(() => new ByteBlocks(readBody, redraw), [readBody]);
  const virtualizer = useVirtualizer({
    count: Math.ceil(length / HEX_ROW_BYTES),
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    initialRect: { width: 800, height: 400 },
  });
  const items = virtualizer.getVirtualItems();
  const shownStart = (items[0]?.index ?? 0) * HEX_ROW_BYTES;
  const shownEnd = ((items[items.length - 1]?.index ?? 0) + 1) * HEX_ROW_BYTES;
  useEffect(() => blocks.request(shownStart, shownEnd, NO_PREVIEW, length), [blocks, shownStart, shownEnd, length]);
  return (
    <div
      ref={scroller}
      className="hex-body"
      role="region"
      aria-label="Body as hex"
      tabIndex={0}
      aria-description={`${length.toLocaleString('en-US')} bytes, ${HEX_ROW_BYTES} a row`}
    >
      {blocks.problem && <p role="alert">{blocks.problem}</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const start = item.index * HEX_ROW_BYTES;
          const bytes = blocks.peek(start, Math.min(length, start + HEX_ROW_BYTES), NO_PREVIEW, length);
          const row = bytes ? hexRow(bytes) : null;
          return (
            <div
              key={item.key}
              className="hex-row"
              style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <span className="hex-offset">{hexOffset(start)}</span>
              {row ? (
                <>
                  <span className="hex-bytes">{row.hex}</span>
                  <span className="hex-ascii">{row.ascii}</span>
                </>
              ) : (
                <span className="wire-loading">reading…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
