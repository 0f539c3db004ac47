// The exchange as it happens: status, upload progress, header tables, one row per chunk as it
// arrives, the bytes of both directions, and the error in words when there is one.
import { formatBytes } from '../lib/format';
import { fieldsAt, type ExchangeView } from '../store/exchange-view';
import { useCallback, useState } from 'react';
import type { Direction } from '../../shared/frames';
import type { SaveWhat } from '../store/exchange-session';
import { chunkSpanOf, firstFrameAfter, frameStartingAt } from '../lib/frame-parts';
import { formatBytesAs, type CopyFormat } from '../lib/copy-formats';
import { messageContext } from '../lib/message-context';
import { ChunkChart } from './ChunkChart';
import { ChunkTable } from './ChunkTable';
import { ExplainPanel } from './ExplainPanel';
import { ConnectionDetails } from './ConnectionDetails';
import { TimingWaterfall } from './TimingWaterfall';
import { WireView } from './WireView';
import { HeaderTable } from './HeaderTable';
import { BodyViews, type WireSpan } from './BodyViews';
import { FindBar, type FindInCapture } from './FindBar';
import type { BodyInfo } from '../../shared/inspector-api';

export interface ResponseViewProps {
  view: ExchangeView;
  /** Saves the decoded body, or one direction's exact bytes, to a file the person chooses. */
  onSave?: (what: SaveWhat) => void;
  /** Reads a window of the capture (bytes past the live preview). */
  readBytes?: (direction: Direction, start: number, end: number) => Promise<Uint8Array>;
  /** Decodes a body of the exchange once it is over (its content codings undone), and reads it. */
  describeBody?: (direction: Direction) => Promise<BodyInfo>;
  readBody?: (start: number, end: number, direction: Direction) => Promise<Uint8Array>;
  /** Finds text or bytes in the capture (in the main process). */
  find?: FindInCapture;
}

const noCapture = () => Promise.reject(new Error('no capture to read from'));

/** The most bytes one copy takes (the clipboard is for snippets; Save is for the rest). */
const MAX_COPY = 1024 * 1024;

export function ResponseView({ view, readBytes = noCapture, onSave, describeBody, readBody, find }: ResponseViewProps) {
  const { progress } = view;
  // A selection is held by where its frame starts, not by its place in the list: frames read back
  // from the capture (when batches left some out) move places but keep their bytes.
  const [selection, setSelection] = useState<{ direction: Direction; start: number } | null>(null);
  const selectedIndex = selection ? frameStartingAt(view.frames[selection.direction], selection.start) : null;
  const selected =
    selection && selectedIndex !== null ? { direction: selection.direction, index: selectedIndex } : null;
  const select = (direction: Direction, index: number) => {
    setLinked(null);
    const frame = view.frames[direction].at(index);
    setSelection(frame ? { direction, start: frame.start } : null);
  };
  const [reveal, setReveal] = useState<{ direction: Direction; offset: number; seq: number } | null>(null);
  const readTx = useCallback((start: number, end: number) => readBytes('tx', start, end), [readBytes]);
  const readRx = useCallback((start: number, end: number) => readBytes('rx', start, end), [readBytes]);
  /** Selects a frame chosen outside the wire view (a header row, a chunk row) and scrolls to its bytes. */
  const selectAndShow = (direction: Direction, index: number) => {
    select(direction, index);
    const frame = view.frames[direction].at(index);
    if (frame) setReveal((current) => ({ direction, offset: frame.start, seq: (current?.seq ?? 0) + 1 }));
  };
  const showChunk = (offset: number) => selectAndShow('rx', firstFrameAfter(view.frames.rx, offset));
  // A chunk selected (by its row, or any of its bytes) is outlined whole and its row is selected.
  const chunkSpan = selected?.direction === 'rx' ? chunkSpanOf(view.frames.rx, selected.index) : null;
  /** The bytes a copy takes: the whole chunk selected, else the frame selected. */
  const selectedFrame = selected ? view.frames[selected.direction].at(selected.index) : undefined;
  const explainContext =
    selected && selectedFrame
      ? messageContext(view, selected.direction, selectedFrame)
      : { direction: view.error?.direction ?? ('rx' as const) };
  const copyRange = chunkSpan ?? (selectedFrame ? { start: selectedFrame.start, end: selectedFrame.end } : null);
  const [copied, setCopied] = useState<string | null>(null);
  /** Wire bytes marked to the byte in Raw: what a selection in Text or Pretty stands for, or a match found. */
  const [linked, setLinked] = useState<{ direction: Direction; start: number; end: number } | null>(null);
  const mark = useCallback((direction: Direction, start: number, end: number, show: boolean) => {
    setLinked({ direction, start, end });
    if (show) setReveal((current) => ({ direction, offset: start, seq: (current?.seq ?? 0) + 1 }));
  }, []);
  const link = useCallback(
    (span: WireSpan | null, show: boolean) =>
      span ? mark(span.direction, span.start, span.end, show) : setLinked(null),
    [mark],
  );
  const copySelection = async (format: CopyFormat) => {
    if (!selected || !copyRange) return;
    const end = Math.min(copyRange.end, copyRange.start + MAX_COPY);
    try {
      const preview = view.preview[selected.direction];
      const bytes =
        end <= preview.length
          ? preview.subarray(copyRange.start, end)
          : await readBytes(selected.direction, copyRange.start, end);
      await navigator.clipboard.writeText(formatBytesAs(bytes, format));
      setCopied(
        `Copied ${bytes.length.toLocaleString('en-US')} bytes as ${format}${end < copyRange.end ? ` (the first ${MAX_COPY.toLocaleString('en-US')}; save the bytes for all of them)` : ''}.`,
      );
    } catch (error) {
      setCopied(`Could not copy: ${(error as Error).message}`);
    }
  };
  const [hex, setHex] = useState(false);
  const running = view.status === 'running';
  /** Whether there is nothing to save: no bytes that way, or a response with no body (RFC 9112 section 6.3). */
  const nothingIn = (what: SaveWhat) => {
    if (what === 'tx' || what === 'http') return view.totals.tx === 0;
    if (what === 'rx') return view.totals.rx === 0;
    if (what === 'har') return view.totals.tx === 0 && view.totals.rx === 0;
    const noBody = view.method === 'HEAD' || view.code === 204 || view.code === 304;
    return view.totals.rx === 0 || noBody;
  };
  const state = view.status === 'running' ? (view.code === null ? 'waiting' : 'streaming') : view.status;
  return (
    <section className="response" aria-label="Exchange">
      <p className="status-line">
        {/* The reason phrase only with its code: a head still arriving shows neither. */}
        <output aria-label="Status">{view.code ?? '—'}</output> {view.code !== null && view.reason}{' '}
        <span className={`state state-${state}`}>{state}</span>{' '}
        <span className="totals">
          sent {formatBytes(view.totals.tx)}, received {formatBytes(view.totals.rx)}
        </span>
      </p>
      {progress && (
        <p className="progress">
          <progress aria-label="Upload progress" max={progress.total ?? undefined} value={progress.sent} />{' '}
          {formatBytes(progress.sent)}
          {progress.total !== null && ` of ${formatBytes(progress.total)}`}
          {/* A rate and a time left only while the upload goes on: not after a cancel or an error. */}
          {running && ` at ${formatBytes(Math.round(progress.bytesPerSecond))}/s`}
          {running &&
            !view.uploadStopped &&
            progress.total !== null &&
            progress.bytesPerSecond > 0 &&
            progress.sent < progress.total &&
            `, ${Math.ceil((progress.total - progress.sent) / progress.bytesPerSecond)} s left`}
        </p>
      )}
      {view.uploadStopped && (
        <p role="status" className="notice upload-stopped">
          Upload stopped by the server&apos;s response ({view.uploadStopped.code}) after{' '}
          {formatBytes(view.uploadStopped.sent)}
          {view.uploadStopped.total !== null && ` of ${formatBytes(view.uploadStopped.total)}`} of the body: it answered
          before the body was all there, so the rest was not sent and the connection was not reused (RFC 9112 section
          9.5).
        </p>
      )}
      {view.interim.length > 0 && (
        <p className="interim">
          Interim {view.interim.length === 1 ? 'response' : 'responses'}:{' '}
          {view.interim.map((row, i) => (
            <span key={row.offset} className="interim-row">
              {i > 0 && ', '}
              <strong>{row.code}</strong> {row.reason}
              {row.t > 0 && view.timings.started !== undefined && ` at ${(row.t - view.timings.started).toFixed(1)} ms`}
            </span>
          ))}
        </p>
      )}
      <TimingWaterfall timings={view.timings} chunks={view.chunks} now={view.timings.end ?? view.timings.latest ?? 0} />
      <ConnectionDetails connection={view.connection} />
      {view.error && (
        <p role="alert" className="problem">
          {view.error.name}: {view.error.message}
        </p>
      )}
      <div className="tables">
        <HeaderTable
          label="Request headers"
          rows={view.requestHeaders}
          frameIndexes={view.headerFrames.tx}
          selectedFrame={selected?.direction === 'tx' ? selected.index : null}
          onSelect={(index) => selectAndShow('tx', index)}
        />
        {/* Each interim (1xx) response is a message of its own, with its own table, before the final one. */}
        <div className="response-heads">
          {view.interim.map((row, i) => (
            <HeaderTable
              key={row.offset}
              label={`Interim response ${i + 1}: ${row.code} ${row.reason}`}
              rows={fieldsAt(view.frames.rx, row.headerFrames)}
              frameIndexes={row.headerFrames}
              selectedFrame={selected?.direction === 'rx' ? selected.index : null}
              onSelect={(index) => selectAndShow('rx', index)}
            />
          ))}
          <HeaderTable
            label="Response headers"
            rows={view.responseHeaders}
            frameIndexes={view.headerFrames.rx}
            selectedFrame={selected?.direction === 'rx' ? selected.index : null}
            onSelect={(index) => selectAndShow('rx', index)}
          />
        </div>
      </div>
      <div className="chunks">
        <ChunkTable
          chunks={view.chunks}
          trailers={view.trailers}
          started={view.timings.started}
          onShow={showChunk}
          selectedOffset={chunkSpan?.start ?? null}
        />
        {view.chunks.length > 0 && <ChunkChart chunks={view.chunks} started={view.timings.started} />}
      </div>
      <BodyViews
        view={view}
        describeBody={describeBody}
        readBody={readBody}
        selectedWire={selected && copyRange ? { direction: selected.direction, ...copyRange } : null}
        onLink={link}
        onSaveWire={onSave ? () => onSave('body-wire') : undefined}
        raw={
          <>
            <FindBar
              find={find}
              chunks={view.chunks}
              totals={view.totals}
              onShow={(direction, start, end) => mark(direction, start, end, true)}
            />
            <p className="wire-tools">
              <button
                type="button"
                aria-pressed={hex}
                title="Show the wire bytes in hex, framing kept"
                onClick={() => setHex(!hex)}
              >
                Wire in hex
              </button>
              <span role="group" aria-label="Copy selection" className="segmented">
                {(
                  [
                    ['text', 'Copy as text'],
                    ['hex', 'Copy as hex'],
                    ['escapes', 'Copy as escapes'],
                  ] as const
                ).map(([format, label]) => (
                  <button
                    key={format}
                    type="button"
                    disabled={copyRange === null}
                    title={
                      copyRange === null
                        ? 'Select some bytes first'
                        : `The selected bytes, ${copyRange.end - copyRange.start} of them`
                    }
                    onClick={() => void copySelection(format)}
                  >
                    {label}
                  </button>
                ))}
              </span>
              {onSave && (
                <span className="save-tools">
                  {(
                    [
                      [
                        'body',
                        'Save body…',
                        'The response body as the application sees it: no chunk framing, no trailers',
                      ],
                      ['tx', 'Save request bytes…', 'The exact bytes sent'],
                      ['rx', 'Save response bytes…', 'The exact bytes received'],
                      [
                        'har',
                        'Export HAR…',
                        "The exchange as HAR 1.2, for browsers' developer tools and other HTTP tools",
                      ],
                      [
                        'http',
                        'Export .http…',
                        'The request as a .http file (JetBrains HTTP Client, VS Code REST Client)',
                      ],
                    ] as const
                  ).map(([what, label, title]) => (
                    <button
                      key={what}
                      type="button"
                      title={
                        running ? 'When the exchange is over' : nothingIn(what) ? 'Nothing to save: no bytes' : title
                      }
                      disabled={running || nothingIn(what)}
                      onClick={() => onSave(what)}
                    >
                      {label}
                    </button>
                  ))}
                </span>
              )}
            </p>
            {/* Explain is docked beside the bytes (under them in a narrow pane), in view while they scroll. */}
            {copied && (
              <p role="status" className="notice">
                {copied}
              </p>
            )}
            <div className="wire-dock">
              <div className="wire">
                {(['tx', 'rx'] as const).map((direction) => (
                  <WireView
                    key={direction}
                    label={direction === 'tx' ? 'Request bytes' : 'Response bytes'}
                    total={view.totals[direction]}
                    preview={view.preview[direction]}
                    frames={view.frames[direction]}
                    readBytes={direction === 'tx' ? readTx : readRx}
                    selected={selected?.direction === direction ? selected.index : null}
                    onSelect={(index) => select(direction, index)}
                    hex={hex}
                    reveal={reveal?.direction === direction ? reveal : null}
                    span={direction === 'rx' ? chunkSpan : null}
                    linked={linked?.direction === direction ? linked : null}
                    fault={
                      view.error?.direction === direction && view.error.start !== undefined
                        ? { start: view.error.start, end: view.error.end ?? view.error.start + 1 }
                        : null
                    }
                  />
                ))}
              </div>
              <ExplainPanel frame={selectedFrame ?? null} context={explainContext} error={view.error} />
            </div>
          </>
        }
      />
    </section>
  );
}
