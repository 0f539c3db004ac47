// How this works: one direction's bytes, scrolled as one long list of rows however large the
// capture: rows come from the frames (WireRows: each HTTP line a row, data wrapped at a fixed
// width), only the rows in view are drawn, and their bytes come from the live preview or are read
// from the capture a block at a time (ByteBlocks). Browsers cap how tall an element may be, so past
// MAX_SCROLL_HEIGHT pixels the scrollbar maps to rows by proportion (dragging it crosses 1 GiB in
// one move) while the wheel and the keys (arrows, Page Up/Down, Home, End) move row by row.
// Each row is coloured by the kind of its frame and the parts of a field line; the first row of a
// frame is a button (Tab, then Enter or Space) that selects the frame for the Explain panel.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Frame } from '../../shared/frames';
import { ByteBlocks, type ReadBytes } from '../lib/byte-blocks';
import { parts } from '../lib/frame-parts';
import { hexOffset } from '../lib/format';
import { useRenderAgainWhile } from '../lib/use-render-again-while';
import { WireRows, type WireRow } from '../lib/wire-rows';
import type { FrameList } from '../store/frame-list';
import { HexBytes, VisibleRuns } from './WireBytes';

/** Height of one row, in px (the stylesheet's .wire-row matches it). */
export const ROW_HEIGHT = 18;
/** Bytes per row: text, and hex. */
export const TEXT_WIDTH = 64;
export const HEX_WIDTH = 16;
/** Tallest scrolling area drawn; past it the scrollbar maps to rows by proportion. */
export const MAX_SCROLL_HEIGHT = 4_000_000;

export interface WireViewProps {
  /** Accessible name of the region, e.g. "Response bytes". */
  label: string;
  /** Bytes of this direction so far. */
  total: number;
  /** The first bytes, as they arrived with the batches. */
  preview: Uint8Array;
  /** The direction's frames (a list that only grows in place). */
  frames: FrameList;
  readBytes: ReadBytes;
  selected: number | null;
  onSelect: (index: number) => void;
  /** Byte range to mark as the offending bytes of an error, if any. */
  fault?: { start: number; end: number } | null;
  hex?: boolean;
  /** Brings the row of this byte into view whenever `seq` changes. */
  reveal?: { offset: number; seq: number } | null;
  /** Bytes [start, end) outlined with the selection: the whole chunk of a selected chunk. */
  span?: { start: number; end: number } | null;
  /** Bytes [start, end) marked, to the byte: what a selection in the body's Text or Pretty view stands for. */
  linked?: { start: number; end: number } | null;
  /** Most height of the scrolling area, in px (a few rows take less). */
  height?: number;
}

interface Geometry {
  rows: number;
  visible: number;
  /** Height of the scrolling content, in px. */
  scrollHeight: number;
  scaled: boolean;
  lastFirst: number;
}

function geometry(rows: number, height: number): Geometry {
  const visible = Math.max(1, Math.floor(height / ROW_HEIGHT));
  const natural = rows * ROW_HEIGHT;
  const scaled = natural > MAX_SCROLL_HEIGHT;
  return {
    rows,
    visible,
    scrollHeight: scaled ? MAX_SCROLL_HEIGHT : natural,
    scaled,
    lastFirst: Math.max(0, rows - visible),
  };
}

/** The first row shown at a scroll position, and back. */
export function firstRowAt(scrollTop: number, g: Geometry, height: number): number {
  if (!g.scaled) return Math.min(g.lastFirst, Math.floor(scrollTop / ROW_HEIGHT));
  const room = g.scrollHeight - height;
  return Math.min(g.lastFirst, Math.max(0, Math.round((scrollTop / room) * g.lastFirst)));
}

export function scrollTopFor(first: number, g: Geometry, height: number): number {
  if (!g.scaled) return first * ROW_HEIGHT;
  return g.lastFirst === 0 ? 0 : (first / g.lastFirst) * (g.scrollHeight - height);
}

interface RowProps {
  row: WireRow;
  bytes: Uint8Array | null;
  frame: Frame | undefined;
  selected: boolean;
  /** The frame is part of the span outlined with the selection (the whole chunk of a chunk row). */
  inSpan: boolean;
  fault: { start: number; end: number } | null;
  /** The linked bytes within this row, if any. */
  marked: { start: number; end: number } | null;
  hex: boolean;
  onSelect: (index: number) => void;
}

/** Same bytes: the same view of the same buffer (rows of one block or of the preview). */
function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return (
    a === b ||
    (a !== null && b !== null && a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length === b.length)
  );
}

function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.row.start === b.row.start &&
    a.row.end === b.row.end &&
    a.row.frame === b.row.frame &&
    a.frame === b.frame &&
    a.selected === b.selected &&
    a.inSpan === b.inSpan &&
    a.hex === b.hex &&
    a.fault?.start === b.fault?.start &&
    a.fault?.end === b.fault?.end &&
    a.marked?.start === b.marked?.start &&
    a.marked?.end === b.marked?.end &&
    sameBytes(a.bytes, b.bytes)
  );
}

/**
 * One row: its offset (drawn by the stylesheet from data-offset, so it is not part of the text),
 * then its bytes coloured by frame and part, or a placeholder while they are read. Drawn again only
 * when what it shows changes (onSelect is stable).
 */
const Row = memo(function Row({ row, bytes, frame, selected, inSpan, fault, marked, hex, onSelect }: RowProps) {
  const plain = (from: number, to: number) => {
    if (!bytes) return null;
    const slice = bytes.subarray(from - row.start, to - row.start);
    return hex ? (
      <HexBytes bytes={slice} lineBreaks={false} />
    ) : (
      <VisibleRuns bytes={slice} offset={from} lineBreaks={false} />
    );
  };
  /** Bytes [from, to) of the row, the linked ones among them marked. */
  const show = (from: number, to: number) => {
    if (!marked || marked.end <= from || marked.start >= to) return plain(from, to);
    const a = Math.max(from, marked.start);
    const b = Math.min(to, marked.end);
    return (
      <>
        {a > from && plain(from, a)}
        <mark className="linked" aria-label={`linked bytes from ${a}`}>
          {plain(a, b)}
        </mark>
        {b < to && plain(b, to)}
      </>
    );
  };
  const faulty = fault !== null && row.start < fault.end && fault.start < row.end;
  let content;
  if (!bytes) content = <span className="wire-loading">reading bytes {row.start.toLocaleString('en-US')}…</span>;
  else if (!frame) {
    // Only the offending element [start, end) is marked: the bytes after it were never read.
    const markFrom = faulty ? Math.max(row.start, fault.start) : row.end;
    const markTo = faulty ? Math.min(row.end, fault.end) : row.end;
    content = (
      <>
        {show(row.start, markFrom)}
        {markFrom < markTo && (
          <mark className="frame-fault" aria-label={`offending bytes [${markFrom}, ${markTo})`}>
            {show(markFrom, markTo)}
          </mark>
        )}
        {markTo < row.end && show(markTo, row.end)}
      </>
    );
  } else {
    const select = () => onSelect(row.frame);
    content = (
      <span
        role={row.first ? 'button' : undefined}
        // Not a Tab stop each: the scroller is, and Left and Right step through the frames.
        tabIndex={row.first ? -1 : undefined}
        aria-pressed={row.first ? selected : undefined}
        aria-label={row.first ? `${frame.kind} at bytes ${frame.start} to ${frame.end}` : undefined}
        className={`frame frame-${frame.kind}${selected ? ' frame-selected' : ''}${inSpan ? ' frame-in-span' : ''}${faulty ? ' frame-fault' : ''}`}
        onClick={select}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            select();
          }
        }}
      >
        {parts(frame, (offset) => bytes[offset - row.start]).map(([kind, from, to]) => {
          const a = Math.max(from, row.start);
          const b = Math.min(to, row.end);
          return a < b ? (
            <span key={from} className={`part part-${kind}`}>
              {show(a, b)}
            </span>
          ) : null;
        })}
      </span>
    );
  }
  // A message after another (the final response after an interim one, stray bytes after the end) starts below a line.
  const startsMessage =
    !!frame &&
    row.first &&
    row.start > 0 &&
    (frame.kind === 'status-line' || frame.kind === 'extraneous' || frame.kind === 'request-line');
  return (
    <div className={startsMessage ? 'wire-row message-start' : 'wire-row'} data-offset={hexOffset(row.start)}>
      {content}
    </div>
  );
}, sameRow);

/** Frames laid out per render: a few milliseconds' work, however many frames arrive at once. */
export const LAYOUT_BUDGET = 200_000;

export function WireView({
  label,
  total,
  preview,
  frames,
  readBytes,
  selected,
  onSelect,
  fault = null,
  hex = false,
  reveal = null,
  span = null,
  linked = null,
  height: maxHeight = 360,
}: WireViewProps) {
  const width = hex ? HEX_WIDTH : TEXT_WIDTH;
  const layout = useMemo(() => new WireRows(width), [width]);
  // The layout grows with the frames a budget at a time; frames only ever append, so laying out the
  // same frames again (a render React throws away and repeats) gives the same rows: a memo, not state.
  layout.update(frames, Math.max(total, preview.length), LAYOUT_BUDGET);
  // Frames past the budget are laid out in the renders that follow, a task each.
  useRenderAgainWhile(layout.pending);
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const latestSelect = useRef(onSelect);
  const select = useCallback((index: number) => latestSelect.current(index), []);
  const blocks = useMemo(() => new ByteBlocks(readBytes, redraw), [readBytes]);

  // As tall as its rows (at least 3), up to maxHeight: a short request does not take a tall empty box.
  // A message a little over the box (up to a quarter more) gets a box that holds it all: its last
  // row, the final CRLF a teacher points at, is never the one hidden below the fold.
  const fitsAll = layout.rowCount * ROW_HEIGHT <= maxHeight * 1.25;
  const height = fitsAll
    ? Math.max(3, layout.rowCount) * ROW_HEIGHT
    : Math.min(maxHeight, Math.max(3, layout.rowCount) * ROW_HEIGHT);
  const g = geometry(layout.rowCount, height);
  const scroller = useRef<HTMLDivElement>(null);
  // Where the view is is held by the byte at its top, not by a row number: when the layout changes
  // under it (frames read back from the capture split a stretch into more rows), the same bytes
  // stay in view. At the end, the view stays at the end, following bytes as they arrive.
  const [place, setPlace] = useState<{ offset: number; atEnd: boolean }>({ offset: 0, atEnd: false });
  /** Pixels the first row is scrolled past (natural scrolling only), for smooth movement. */
  const [shift, setShift] = useState(0);
  /** The scrollTop we set ourselves, so that its scroll event does not move the rows again. */
  const ours = useRef<number | null>(null);
  const top = place.atEnd ? g.lastFirst : Math.min(layout.rowOf(place.offset), g.lastFirst);

  const placeAt = (row: number): { offset: number; atEnd: boolean } => ({
    offset: g.rows === 0 ? 0 : layout.row(Math.min(row, g.rows - 1)).start,
    atEnd: g.lastFirst > 0 && row >= g.lastFirst,
  });

  const moveTo = (row: number) => {
    const next = Math.max(0, Math.min(g.lastFirst, Math.round(row)));
    setPlace(placeAt(next));
    setShift(0);
  };

  // The scrollbar follows the rows when they move for any reason but the person's own scrolling
  // (keys, a reveal, the layout growing or changing under the view).
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const expected = scrollTopFor(top, g, height) + shift;
    if (Math.abs(element.scrollTop - expected) >= 1) {
      ours.current = expected;
      element.scrollTop = expected;
    }
  });
  const move = useRef(moveTo);
  const state = useRef({ top, g });
  // What the listeners and effects below read of the latest render, kept after each commit.
  useLayoutEffect(() => {
    latestSelect.current = onSelect;
    move.current = moveTo;
    state.current = { top, g };
  });

  const onScroll = () => {
    const element = scroller.current!;
    if (ours.current !== null && Math.abs(element.scrollTop - ours.current) < 1) {
      ours.current = null;
      return;
    }
    ours.current = null;
    const row = firstRowAt(element.scrollTop, g, height);
    setPlace(placeAt(row));
    setShift(g.scaled ? 0 : element.scrollTop - row * ROW_HEIGHT);
  };

  // Past the tallest area, the wheel moves by rows (a pixel of scrollbar is many rows there).
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    let rest = 0;
    const onWheel = (event: WheelEvent) => {
      if (!state.current.g.scaled || event.deltaY === 0) return;
      event.preventDefault();
      rest +=
        event.deltaMode === 1
          ? event.deltaY
          : event.deltaMode === 2
            ? event.deltaY * state.current.g.visible
            : event.deltaY / ROW_HEIGHT;
      const rows = Math.trunc(rest);
      rest -= rows;
      if (rows !== 0) move.current(state.current.top + rows);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  /**
   * Selects the next or previous frame (from the first in view when none is selected), and scrolls
   * it into view: the bytes are one Tab stop, and Left and Right walk their frames.
   */
  const stepFrame = (step: number) => {
    if (frames.length === 0) return;
    const first = g.rows === 0 ? 0 : Math.max(0, layout.row(top).frame);
    const from = selected ?? first - step;
    const next = Math.max(0, Math.min(frames.length - 1, from + step));
    onSelect(next);
    const row = layout.rowOf(frames.at(next)!.start);
    if (row < top || row >= top + g.visible) moveTo(row - 2);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    const steps: Record<string, number> = {
      ArrowDown: 1,
      ArrowUp: -1,
      PageDown: g.visible - 1,
      PageUp: -(g.visible - 1),
    };
    if (event.key in steps) moveTo(top + steps[event.key]!);
    else if (event.key === 'Home') moveTo(0);
    else if (event.key === 'End') moveTo(g.lastFirst);
    else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') stepFrame(event.key === 'ArrowRight' ? 1 : -1);
    else return;
    event.preventDefault();
    // A frame button that had the focus may scroll out of the DOM: keep the focus on the scroller.
    if (event.target !== scroller.current) scroller.current?.focus({ preventScroll: true });
  };

  // A selection made elsewhere (a header row, a chunk row) brings its bytes into view.
  useLayoutEffect(() => {
    if (!reveal) return;
    const row = layout.rowOf(reveal.offset);
    const { top: shown, g: now } = state.current;
    if (row < shown || row >= shown + now.visible) move.current(row - 2);
    // Only a new reveal moves the rows, not every change of the layout.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal?.seq]);

  // A row wider than the box scrolls sideways; the box then grows by the scrollbar's thickness, so
  // that the scrollbar never covers the last row (the box's inside stays `height` tall).
  const [sideBar, setSideBar] = useState(0);
  // After every render (what is drawn decides the width): it settles at once, the thickness being the same after.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const thickness = Math.max(0, element.offsetHeight - element.clientHeight);
    if (thickness !== sideBar) setSideBar(thickness);
  });

  const rows: WireRow[] = [];
  for (let r = top; r < Math.min(g.rows, top + g.visible + 1); r++) rows.push(layout.row(r));
  const shownStart = rows[0]?.start ?? 0;
  const shownEnd = rows[rows.length - 1]?.end ?? 0;
  /** The rows wholly in the box (one more is drawn below it, for smooth scrolling): what the label counts. */
  const inView = Math.min(rows.length, g.visible);
  const inViewEnd = rows[inView - 1]?.end ?? 0;
  // The bytes of the rows shown are read from the capture after the render that shows them.
  useEffect(() => blocks.request(shownStart, shownEnd, preview, total), [blocks, shownStart, shownEnd, preview, total]);
  return (
    <section role="region" aria-label={label} className="wire-view">
      <h3 className="pane-title">{label}</h3>
      <p className="wire-position">
        {g.rows === 0
          ? 'no bytes yet'
          : `bytes ${shownStart.toLocaleString('en-US')} to ${inViewEnd.toLocaleString('en-US')} of ${layout.byteCount.toLocaleString('en-US')}, rows ${(top + 1).toLocaleString('en-US')} to ${(top + inView).toLocaleString('en-US')} of ${g.rows.toLocaleString('en-US')}`}
      </p>
      {blocks.problem && <p role="alert">{blocks.problem}</p>}
      <div
        ref={scroller}
        className="wire-scroll"
        tabIndex={0}
        aria-label={`${label}, scroll with Up, Down, Page Up, Page Down, Home and End; Left and Right select frame by frame`}
        style={{ height: height + sideBar, overflowY: 'auto', position: 'relative' }}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <pre
          className="wire-rows"
          style={{ position: 'sticky', top: 0, height, marginBottom: -height, transform: `translateY(${-shift}px)` }}
        >
          {rows.map((row) => (
            <Row
              key={row.start}
              row={row}
              bytes={blocks.peek(row.start, row.end, preview, total)}
              frame={row.frame >= 0 ? frames.at(row.frame) : undefined}
              selected={row.frame >= 0 && row.frame === selected}
              inSpan={span !== null && row.frame >= 0 && row.start >= span.start && row.end <= span.end}
              fault={fault}
              marked={
                linked !== null && linked.start < row.end && row.start < linked.end
                  ? { start: Math.max(row.start, linked.start), end: Math.min(row.end, linked.end) }
                  : null
              }
              hex={hex}
              onSelect={select}
            />
          ))}
        </pre>
        <div style={{ height: g.scrollHeight }} />
      </div>
    </section>
  );
}
