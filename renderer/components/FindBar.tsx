// Find in bytes and Go to, above the wire view. Find searches one direction of the whole capture in
// the main process (findInCapture: streamed from disk, every match counted), as text (UTF-8; case
// folded for ASCII letters unless asked) or hex ("0d 0a 30"); Enter steps to the next match and
// Shift+Enter to the one before, each shown and marked in the bytes. Go to takes an offset (decimal
// or 0x), a chunk ("chunk 5" or "#5") or "end".
import { useState, type KeyboardEvent } from 'react';
import { hexPattern, MAX_FIND_QUERY, type FindQuery } from '../../shared/find-query';
import type { Direction } from '../../shared/frames';
import type { FindResult } from '../../shared/inspector-api';
import type { ChunkRow } from '../store/exchange-view';

export type FindInCapture = (direction: Direction, query: FindQuery, from?: number) => Promise<FindResult>;

export interface FindBarProps {
  find?: FindInCapture | undefined;
  chunks: ChunkRow[];
  totals: Record<Direction, number>;
  /** Shows (scrolls to and marks) bytes [start, end) of one direction. */
  onShow: (direction: Direction, start: number, end: number) => void;
}

/** Where a Go to entry points, or what is wrong with it. */
export function goToTarget(entry: string, chunks: ChunkRow[], total: number): { offset: number } | { problem: string } {
  const text = entry.trim().toLowerCase();
  if (text === 'end') return total > 0 ? { offset: total - 1 } : { problem: 'There are no bytes yet.' };
  const chunk = /^(?:chunk\s*|#)(\d+)$/.exec(text);
  if (chunk) {
    const row = chunks[Number(chunk[1]) - 1];
    return row
      ? { offset: row.offset }
      : { problem: `There is no chunk ${chunk[1]}: the response has ${chunks.length.toLocaleString('en-US')}.` };
  }
  const offset = /^0x[0-9a-f]+$/.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isNaN(offset)) return { problem: 'Go to an offset (1234 or 0x4d2), a chunk (chunk 5 or #5), or end.' };
  if (offset >= total)
    return {
      problem: `Byte ${offset.toLocaleString('en-US')} is past the end (${total.toLocaleString('en-US')} bytes).`,
    };
  return { offset };
}

interface Found {
  key: string;
  request: FindQuery;
  result: FindResult;
  /** The match shown, as an index among all of them. */
  index: number;
  length: number;
}

export function FindBar({ find, chunks, totals, onShow }: FindBarProps) {
  const [direction, setDirection] = useState<Direction>('rx');
  const [mode, setMode] = useState<'text' | 'hex'>('text');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [goTo, setGoTo] = useState('');
  const [goToProblem, setGoToProblem] = useState<string | null>(null);

  const key = `${direction}|${mode}|${caseSensitive}|${query}|${totals[direction]}`;
  // A hex query read once per render: checked as it is typed, and its length taken from it.
  const hex = mode === 'hex' && query.trim() !== '' ? hexPattern(query) : null;
  const hexProblem = hex && 'problem' in hex ? hex.problem : null;

  const show = (state: Found) => {
    const offset = state.result.offsets[state.index - state.result.before];
    if (offset !== undefined) onShow(direction, offset, offset + state.length);
  };
  /**
   * Steps to match `index` (wrapping). An answer holds at most 10,000 offsets: past them, the page
   * after is asked for (from the last offset held), and back past them the first page.
   */
  const step = async (state: Found, index: number) => {
    const count = state.result.count;
    const wanted = ((index % count) + count) % count;
    let page = state.result;
    const holds = (result: FindResult) => wanted >= result.before && wanted < result.before + result.offsets.length;
    if (!holds(page) && find) {
      const from = wanted < page.before ? 0 : page.offsets[page.offsets.length - 1]! + 1;
      setBusy(true);
      try {
        page = await find(direction, state.request, from);
      } catch (error) {
        setMessage(`Could not search: ${(error as Error).message}`);
        return;
      } finally {
        setBusy(false);
      }
      if (!holds(page)) {
        setMessage(
          `Match ${(wanted + 1).toLocaleString('en-US')} is more than 10,000 matches from here: narrow the search.`,
        );
        return;
      }
    }
    const next = { ...state, result: page, index: wanted };
    setFound(next);
    show(next);
  };
  const search = async (backwards: boolean) => {
    if (!find || query === '' || hexProblem) return;
    if (found && found.key === key) {
      await step(found, found.index + (backwards ? -1 : 1));
      return;
    }
    const request: FindQuery =
      mode === 'hex' ? { kind: 'hex', hex: query } : { kind: 'text', text: query, caseSensitive };
    const length = hex && 'bytes' in hex ? hex.bytes.length : new TextEncoder().encode(query).length;
    setBusy(true);
    setMessage(null);
    const started = performance.now();
    try {
      const result = await find(direction, request);
      const seconds = (performance.now() - started) / 1000;
      if (result.count === 0) {
        setFound(null);
        setMessage(`Not found in ${result.searched.toLocaleString('en-US')} bytes (${seconds.toFixed(2)} s).`);
        return;
      }
      const state = { key, request, result, index: backwards ? result.offsets.length - 1 : 0, length };
      setFound(state);
      setMessage(`Searched ${result.searched.toLocaleString('en-US')} bytes in ${seconds.toFixed(2)} s.`);
      show(state);
    } catch (error) {
      setFound(null);
      setMessage(`Could not search: ${(error as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  const onFindKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void search(event.shiftKey);
  };
  const onGoToKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const target = goToTarget(goTo, chunks, totals[direction]);
    if ('problem' in target) {
      setGoToProblem(target.problem);
      return;
    }
    setGoToProblem(null);
    onShow(direction, target.offset, target.offset + 1);
  };
  const current = found && found.key === key ? found : null;
  return (
    <div className="find-bar" role="search" aria-label="Find and go to">
      <select
        aria-label="Search in"
        value={direction}
        onChange={(event) => setDirection(event.target.value as Direction)}
      >
        <option value="rx">Response bytes</option>
        <option value="tx">Request bytes</option>
      </select>
      <input
        type="search"
        aria-label="Find in bytes"
        placeholder={mode === 'hex' ? 'Find hex: 0d 0a 30' : 'Find text (Enter, Shift+Enter)'}
        value={query}
        maxLength={MAX_FIND_QUERY}
        disabled={!find}
        aria-invalid={hexProblem !== null}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onFindKey}
      />
      <span role="group" aria-label="Find as" className="segmented">
        {(['text', 'hex'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={mode === value} onClick={() => setMode(value)}>
            {value === 'text' ? 'Text' : 'Hex bytes'}
          </button>
        ))}
      </span>
      <label className="check" title="Off: ASCII letters match either case">
        <input
          type="checkbox"
          checked={caseSensitive}
          disabled={mode === 'hex'}
          onChange={(event) => setCaseSensitive(event.target.checked)}
        />{' '}
        Match case
      </label>
      {(
        [
          [true, 'Previous match (Shift+Enter)', '↑'],
          [false, 'Next match (Enter)', '↓'],
        ] as const
      ).map(([backwards, label, arrow]) => (
        <button
          key={label}
          type="button"
          disabled={!find || busy || query === '' || hexProblem !== null}
          onClick={() => void search(backwards)}
          aria-label={label}
          title={label}
        >
          {arrow}
        </button>
      ))}
      <output aria-label="Matches" className="find-count">
        {busy
          ? 'searching…'
          : current
            ? `${(current.index + 1).toLocaleString('en-US')} of ${current.result.count.toLocaleString('en-US')}`
            : ''}
      </output>
      <input
        type="text"
        aria-label="Go to"
        className="go-to"
        placeholder="Go to: 0x4d2, chunk 5, end"
        value={goTo}
        aria-invalid={goToProblem !== null}
        onChange={(event) => setGoTo(event.target.value)}
        onKeyDown={onGoToKey}
      />
      {(hexProblem ?? goToProblem ?? message) && (
        <p role="status" className="find-message">
          {hexProblem ?? goToProblem ?? message}
        </p>
      )}
    </div>
  );
}
