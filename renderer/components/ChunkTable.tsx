// One row per chunk (number, size in decimal and hex, extensions, offset, arrival time since the
// request started, gap since the one before), then a row per trailer field after the last chunk,
// rows appearing as chunks arrive. Virtualized: only the rows in view are in the DOM, so a response
// of 100,000 chunks scrolls as smoothly as one of ten. The table says how many rows it has
// (aria-rowcount) and where each shown row stands (aria-rowindex). While chunks arrive the table
// follows the newest, until the person scrolls away from the end (a button takes them back).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChunkRow, TrailerRow } from '../store/exchange-view';
import { useRovingFocus } from '../lib/use-roving-focus';
import { SpacerRow } from './SpacerRow';

const ROW_HEIGHT = 24;

export interface ChunkTableProps {
  chunks: ChunkRow[];
  /** Trailer fields, shown after the last chunk. */
  trailers?: TrailerRow[];
  started?: number | undefined;
  /** Shows a chunk's bytes (given its size line's offset). */
  onShow?: (offset: number) => void;
  /** The size line offset of the chunk selected (its row shows selected), or null. */
  selectedOffset?: number | null;
}

export function ChunkTable({ chunks, trailers = [], started, onShow, selectedOffset = null }: ChunkTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const { ref: rovingRef, onKeyDown: rovingKeys, onFocus: rovingFocus } = useRovingFocus<HTMLTableElement>();
  const virtualizer = useVirtualizer({
    count: chunks.length + trailers.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // The header row comes first in the scrolling area.
    paddingStart: ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 800, height: 320 },
  });
  const count = chunks.length + trailers.length;
  // Following the newest row: on until the person scrolls up from the end, on again at the end.
  // A ref beside the state (which draws the button): a chunk that comes between the person's scroll
  // and the next render must see at once that they scrolled away. Following writes scrollTop itself
  // (rows have one height, so the end is known once the spacers are drawn) rather than asking the
  // virtualizer, whose scrollToIndex keeps correcting for some frames and could undo the person's
  // move; and it only ever moves down, so any move up is the person's.
  const [following, setFollowing] = useState(true);
  const followingNow = useRef(true);
  /** Where the last scroll event, or our own last write, left the scroller. */
  const lastTop = useRef(0);
  const follow = (on: boolean) => {
    followingNow.current = on;
    setFollowing(on);
  };
  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    const atEnd = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
    if (atEnd) follow(true);
    else if (element.scrollTop < lastTop.current) follow(false);
    lastTop.current = element.scrollTop;
  };
  useEffect(() => {
    const element = scroller.current;
    if (!element || !followingNow.current || count === 0) return;
    // Moved up since our last write, its scroll event not handled yet: the person's move wins.
    if (element.scrollTop < lastTop.current - 1) {
      follow(false);
      return;
    }
    element.scrollTop = element.scrollHeight;
    lastTop.current = element.scrollTop;
  }, [following, count]);
  const items = virtualizer.getVirtualItems();
  // Rows out of view are stood in for by two empty rows of their height (in normal flow, so that
  // the header row can stick to the top).
  const before = Math.max(0, (items[0]?.start ?? ROW_HEIGHT) - ROW_HEIGHT);
  const after = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? ROW_HEIGHT));
  /** A row that shows the bytes at `offset` when clicked, or on Enter (a tab stop when it can). */
  const showsBytesAt = (offset: number) => ({
    // One Tab stop for the table, the arrow keys between rows (useRovingFocus sets the tabIndex).
    ...(onShow ? { 'data-roving': '', 'data-roving-row': '' } : {}),
    onClick: () => onShow?.(offset),
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter') onShow?.(offset);
    },
  });
  return (
    <div className="chunk-pane">
      <h3 className="pane-title">
        Chunks
        {!following && count > 0 && (
          <button type="button" className="follow" onClick={() => follow(true)}>
            Follow the newest ↓
          </button>
        )}
      </h3>
      <div ref={scroller} className="chunk-scroller" style={{ maxHeight: 320, overflow: 'auto' }} onScroll={onScroll}>
        <table
          ref={rovingRef}
          onKeyDown={rovingKeys}
          onFocus={rovingFocus}
          aria-label="Chunks"
          aria-rowcount={chunks.length + trailers.length + 1}
          className="chunk-table"
        >
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">#</th>
              <th scope="col">Size</th>
              <th scope="col">Hex</th>
              <th scope="col">Extensions</th>
              <th scope="col">Offset</th>
              <th scope="col">Arrived</th>
              <th scope="col">Gap</th>
            </tr>
          </thead>
          <tbody>
            <SpacerRow height={before} columns={7} />
            {items.map((item) => {
              const chunk = chunks[item.index];
              if (!chunk) {
                const trailer = trailers[item.index - chunks.length]!;
                return (
                  <tr
                    key={item.index}
                    aria-rowindex={item.index + 2}
                    className="trailer-row"
                    style={{ height: ROW_HEIGHT }}
                    {...showsBytesAt(trailer.offset)}
                  >
                    <td>trailer</td>
                    <td colSpan={3}>
                      {trailer.name}: {trailer.value}
                    </td>
                    <td>{trailer.offset}</td>
                    <td />
                    <td />
                  </tr>
                );
              }
              return (
                <tr
                  key={item.index}
                  aria-rowindex={item.index + 2}
                  aria-selected={chunk.offset === selectedOffset}
                  className={chunk.offset === selectedOffset ? 'row-selected' : undefined}
                  style={{ height: ROW_HEIGHT }}
                  {...showsBytesAt(chunk.offset)}
                >
                  <td>{chunk.size === 0 ? 'last' : chunk.index}</td>
                  <td>{chunk.size}</td>
                  <td>0x{chunk.size.toString(16)}</td>
                  <td>{chunk.extensions.map(([n, v]) => (v === null ? n : `${n}=${v}`)).join('; ')}</td>
                  <td>{chunk.offset}</td>
                  <td>{started === undefined || chunk.t === 0 ? '' : `${(chunk.t - started).toFixed(1)} ms`}</td>
                  <td>{chunk.gap === null ? '' : `${Math.round(chunk.gap)} ms`}</td>
                </tr>
              );
            })}
            <SpacerRow height={after} columns={7} />
          </tbody>
        </table>
      </div>
    </div>
  );
}
