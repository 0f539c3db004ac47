// A head's fields as a table (name, value), each row linked to its bytes: clicking a row, or Enter
// on it, selects its frame. Bounded (it scrolls inside its box) and virtualized: a head of 10,000
// fields, or a value of 100 KB, draws only the rows in view, each measured as drawn (long values
// wrap). One Tab stop for the table, the arrow keys between rows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useRovingFocus } from '../lib/use-roving-focus';
import { SpacerRow } from './SpacerRow';

const ROW_ESTIMATE = 22;

export interface HeaderTableProps {
  label: string;
  rows: Array<[string, string]>;
  /** The frame of each row, to link a row with its bytes. */
  frameIndexes: number[];
  selectedFrame: number | null;
  onSelect: (frameIndex: number) => void;
}

export function HeaderTable({ label, rows, frameIndexes, selectedFrame, onSelect }: HeaderTableProps) {
  const { ref, onKeyDown, onFocus } = useRovingFocus<HTMLTableElement>();
  const box = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => box.current,
    estimateSize: () => ROW_ESTIMATE,
    // The caption and the header row come first in the scrolling area.
    paddingStart: 2 * ROW_ESTIMATE,
    overscan: 20,
    initialRect: { width: 600, height: 384 },
  });
  const items = virtualizer.getVirtualItems();
  const before = Math.max(0, (items[0]?.start ?? 0) - 2 * ROW_ESTIMATE);
  const after = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));
  return (
    <div className="header-table-box" ref={box}>
      <table
        aria-label={label}
        aria-rowcount={rows.length + 1}
        className="header-table"
        ref={ref}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
      >
        <caption>{label}</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                No fields
              </td>
            </tr>
          )}
          <SpacerRow height={before} columns={2} />
          {items.map((item) => {
            const [name, value] = rows[item.index]!;
            const frameIndex = frameIndexes[item.index];
            const selected = frameIndex !== undefined && frameIndex === selectedFrame;
            const select = () => frameIndex !== undefined && onSelect(frameIndex);
            return (
              <tr
                key={item.index}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                data-roving=""
                data-roving-row=""
                aria-selected={selected}
                className={selected ? 'row-selected' : undefined}
                onClick={select}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    select();
                  }
                }}
              >
                <td>{name}</td>
                <td>{value}</td>
              </tr>
            );
          })}
          <SpacerRow height={after} columns={2} />
        </tbody>
      </table>
    </div>
  );
}
