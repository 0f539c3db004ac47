// The body content as text (Text) or laid out again (Pretty), a line per row, virtualized. Every
// run of characters carries where it starts in the text (data-start), so a selection made with the
// mouse or the keyboard maps back to character indexes, and from there to the body's bytes (the
// caller's onSelect). `highlight` marks characters chosen elsewhere (a frame selected in Raw).
// Invalid bytes of the charset are marked and show their value.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { lineStarts, type BodyText } from '../lib/body-text';
import { visibleLines, type PrettyDocument } from '../lib/pretty';

const LINE_HEIGHT = 18;

export interface CharRange {
  start: number;
  end: number;
}

/** The text characters [start, end), split where invalid bytes and the highlight begin and end. */
function runs(decoded: BodyText, start: number, end: number, highlight: CharRange | null, className = ''): ReactNode[] {
  const cuts = new Set([start, end]);
  if (highlight) for (const at of [highlight.start, highlight.end]) if (at > start && at < end) cuts.add(at);
  for (const at of decoded.invalid.keys()) {
    if (at >= start && at < end) {
      cuts.add(at);
      cuts.add(at + 1);
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const lit = highlight !== null && a >= highlight.start && a < highlight.end;
    const byte = decoded.invalid.get(a);
    const classes = [className, lit ? 'linked' : ''].filter(Boolean).join(' ') || undefined;
    out.push(
      byte !== undefined && b === a + 1 ? (
        <mark
          key={a}
          data-start={a}
          data-invalid=""
          className={['invalid-byte', lit ? 'linked' : ''].filter(Boolean).join(' ')}
          title={`byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} is not valid ${decoded.charset}`}
        >
          {`\\x${byte.toString(16).toUpperCase().padStart(2, '0')}`}
        </mark>
      ) : (
        <span key={a} data-start={a} className={classes}>
          {decoded.text.slice(a, b)}
        </span>
      ),
    );
  }
  return out;
}

/** The text node and offset a DOM position stands for (an element position is moved into its text). */
function textPosition(node: Node | null, offset: number): [Node | null, number] {
  if (!node || node.nodeType === Node.TEXT_NODE) return [node, offset];
  const before = offset > 0 ? node.childNodes[offset - 1] : undefined;
  if (before) {
    let last: Node = before;
    while (last.lastChild) last = last.lastChild;
    return [last, last.textContent?.length ?? 0];
  }
  let first: Node = node;
  while (first.firstChild) first = first.firstChild;
  return [first, 0];
}

/** The character index a DOM position (a selection's end) stands for, or null outside the text. */
function charIndexAt(position: Node | null, at: number): number | null {
  const [node, offset] = textPosition(position, at);
  const element = node?.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element | null);
  const run = element?.closest<HTMLElement>('[data-start]');
  if (!run) return null;
  const start = Number(run.dataset.start);
  if (run.dataset.invalid !== undefined) return start + (offset > 0 ? 1 : 0);
  return start + (node?.nodeType === Node.TEXT_NODE ? offset : 0);
}

interface TextBodyProps {
  decoded: BodyText;
  /** Pretty: the document's layout; Text: none (one row per line of the text). */
  pretty?: PrettyDocument;
  highlight: CharRange | null;
  onSelect: (range: CharRange | null) => void;
  label: string;
}

export function TextBody({ decoded, pretty, highlight, onSelect, label }: TextBodyProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const starts = useMemo(() => (pretty ? [] : lineStarts(decoded.text)), [decoded, pretty]);
  const [folded, setFolded] = useState<ReadonlySet<number>>(new Set());
  const shownLines = useMemo(() => (pretty ? visibleLines(pretty, folded) : null), [pretty, folded]);
  const count = shownLines ? shownLines.length : starts.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 20,
    initialRect: { width: 800, height: 400 },
  });
  // A highlight chosen elsewhere is scrolled into view.
  const highlightStart = highlight?.start ?? null;
  useEffect(() => {
    if (highlightStart === null) return;
    let line: number;
    if (shownLines && pretty) {
      line = shownLines.findIndex((index) => {
        const pieces = pretty.lines[index]!.pieces;
        return pieces.length > 0 && pieces[pieces.length - 1]!.end > highlightStart;
      });
    } else {
      line = starts.findIndex((start, i) => (starts[i + 1] ?? Infinity) > highlightStart && start <= highlightStart);
    }
    if (line >= 0) virtualizer.scrollToIndex(line, { align: 'center' });
  }, [highlightStart, shownLines, pretty, starts, virtualizer]);
  const selectionChanged = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !scroller.current?.contains(selection.anchorNode)) {
      onSelect(null);
      return;
    }
    const a = charIndexAt(selection.anchorNode, selection.anchorOffset);
    const b = charIndexAt(selection.focusNode, selection.focusOffset);
    if (a === null || b === null) return;
    onSelect(a === b ? null : { start: Math.min(a, b), end: Math.max(a, b) });
  };
  const line = (index: number): ReactNode => {
    if (!pretty || !shownLines) {
      const start = starts[index]!;
      const end = (starts[index + 1] ?? decoded.text.length + 1) - 1;
      return (
        <>
          <span className="line-number" aria-hidden="true">
            {index + 1}
          </span>
          <span className="line-text">{runs(decoded, start, Math.max(start, end), highlight)}</span>
        </>
      );
    }
    const lineIndex = shownLines[index]!;
    const { depth, pieces, closes } = pretty.lines[lineIndex]!;
    const isFolded = closes !== undefined && folded.has(lineIndex);
    return (
      <>
        <span className="line-number" aria-hidden="true">
          {lineIndex + 1}
        </span>
        <span className="fold-gutter">
          {closes !== undefined && (
            <button
              type="button"
              className="fold"
              aria-expanded={!isFolded}
              aria-label={`${isFolded ? 'Unfold' : 'Fold'} lines ${lineIndex + 1} to ${closes + 1}`}
              onClick={() => {
                const next = new Set(folded);
                if (isFolded) next.delete(lineIndex);
                else next.add(lineIndex);
                setFolded(next);
              }}
            >
              {isFolded ? '▸' : '▾'}
            </button>
          )}
        </span>
        <span className="line-text" style={{ paddingLeft: `${depth * 2}ch` }}>
          {pieces.map((piece, i) => (
            <span key={piece.start}>
              {runs(decoded, piece.start, piece.end, highlight, `piece piece-${piece.kind}`)}
              {pretty.kind === 'json' && decoded.text.slice(piece.start, piece.end) === ':' ? ' ' : ''}
              {i === pieces.length - 1 && isFolded && (
                <span className="folded-note"> … {closes! - lineIndex - 1} lines</span>
              )}
            </span>
          ))}
        </span>
      </>
    );
  };
  return (
    <div
      ref={scroller}
      className="text-body"
      role="region"
      aria-label={label}
      tabIndex={0}
      onMouseUp={selectionChanged}
      onKeyUp={selectionChanged}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => (
          <div
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            className="text-line"
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
          >
            {line(item.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
