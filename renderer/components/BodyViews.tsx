// The response body (or the request body), five ways (a region named Body, a tablist named Body
// view): Raw (the wire bytes, with their framing: `raw`, given by the caller), Hex, Text, Pretty and
// Image of the content with its content codings undone in the main process (describeBody, readBody). One line says what
// the decoding did ("gzip: 12.3 KiB on the wire, 48.1 KiB decoded") or why it failed. Text and
// Pretty link to the wire bytes both ways when the body has no coding: a selection in them becomes a
// span of wire bytes (onLink, shown in Raw), and the wire bytes selected in Raw are marked in them.
import * as Tabs from '@radix-ui/react-tabs';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Direction } from '../../shared/frames';
import type { BodyInfo } from '../../shared/inspector-api';
import { MAX_READ_BYTES } from '../../shared/limits';
import { bodyMapOf, contentSpanOf, wireSpanOf } from '../lib/body-map';
import { byteOffsetOf, charIndexOf, charsetOf, decodeText } from '../lib/body-text';
import { formatBytes } from '../lib/format';
import { prettyJson, prettyKindOf, prettyMarkup, PrettyError, type PrettyDocument } from '../lib/pretty';
import type { ExchangeView } from '../store/exchange-view';
import { HexBody } from './HexBody';
import { TextBody, type CharRange } from './TextBody';

export type BodyTab = 'raw' | 'hex' | 'text' | 'pretty' | 'image';

/** Bytes [start, end) of one direction's wire bytes. */
export interface WireSpan {
  direction: Direction;
  start: number;
  end: number;
}

/** Content read at once for Text, Pretty and Image (Hex reads any part of any size). */
export const TEXT_LIMIT = MAX_READ_BYTES;

/** A body this large (or smaller) with a content coding is decoded as soon as its exchange is over. */
const DECODE_AT_ONCE = 64 * 1024 * 1024;

export interface BodyViewsProps {
  view: ExchangeView;
  /** The Raw tab's content: the wire bytes with their framing. */
  raw: ReactNode;
  describeBody?: ((direction: Direction) => Promise<BodyInfo>) | undefined;
  readBody?: ((start: number, end: number, direction: Direction) => Promise<Uint8Array>) | undefined;
  /** Wire bytes selected in Raw, marked in Text and Pretty. */
  selectedWire: WireSpan | null;
  /** Wire bytes a selection in Text or Pretty stands for (null: none), and whether to show them now. */
  onLink: (span: WireSpan | null, show: boolean) => void;
  /** Saves the body as sent (still encoded). */
  onSaveWire?: (() => void) | undefined;
}

type Loaded =
  { state: 'idle' } | { state: 'ready'; info: BodyInfo; bytes: Uint8Array } | { state: 'failed'; message: string };

const headersOf = (view: ExchangeView, side: Direction) => (side === 'rx' ? view.responseHeaders : view.requestHeaders);

function contentTypeOf(view: ExchangeView, side: Direction): string | null {
  return headersOf(view, side).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
}

function hasCoding(view: ExchangeView, side: Direction): boolean {
  return headersOf(view, side).some(
    ([name, value]) => name.toLowerCase() === 'content-encoding' && value.trim().toLowerCase() !== 'identity',
  );
}

export function BodyViews({ view, raw, describeBody, readBody, selectedWire, onLink, onSaveWire }: BodyViewsProps) {
  const [tab, setTab] = useState<BodyTab>('raw');
  /** Whose body: the response's, or the request's. */
  const [side, setSide] = useState<Direction>('rx');
  const [selected, setSelected] = useState<{ chars: CharRange; bytes: { start: number; end: number } } | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'idle' });
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  const over = view.status !== 'running';
  const wanted =
    over &&
    describeBody !== undefined &&
    (tab !== 'raw' || (hasCoding(view, side) && view.totals[side] <= DECODE_AT_ONCE));
  // A new exchange shown (or the other side's body) starts again from nothing.
  const loadKey = `${view.id} ${side}`;
  if (loadedFor !== loadKey) {
    setLoadedFor(loadKey);
    setLoaded({ state: 'idle' });
    setSelected(null);
  }
  const idle = loaded.state === 'idle';
  useEffect(() => {
    if (!wanted || !idle || !describeBody || !readBody) return;
    let live = true;
    describeBody(side)
      .then(async (info) => ({ info, bytes: await readBody(0, Math.min(info.decodedLength, TEXT_LIMIT), side) }))
      .then(
        ({ info, bytes }) => live && setLoaded({ state: 'ready', info, bytes }),
        (error: Error) => live && setLoaded({ state: 'failed', message: error.message }),
      );
    return () => {
      live = false;
    };
  }, [wanted, idle, describeBody, readBody, side, view.id]);
  const readSide = useCallback(
    (start: number, end: number) => (readBody ? readBody(start, end, side) : Promise.reject(new Error('no capture'))),
    [readBody, side],
  );

  const contentType = loaded.state === 'ready' ? loaded.info.contentType : contentTypeOf(view, side);
  // Decoded as text only for the views that show text (a 4 MiB body takes a moment).
  const needsText = tab === 'text' || tab === 'pretty';
  const decoded = useMemo(
    () => (loaded.state === 'ready' && needsText ? decodeText(loaded.bytes, charsetOf(loaded.info.contentType)) : null),
    [loaded, needsText],
  );
  const prettyKind = prettyKindOf(contentType);
  const pretty = useMemo((): PrettyDocument | PrettyError | null => {
    if (!decoded || !prettyKind || tab !== 'pretty') return null;
    try {
      return prettyKind === 'json' ? prettyJson(decoded.text) : prettyMarkup(decoded.text);
    } catch (error) {
      if (error instanceof PrettyError) return error;
      throw error;
    }
  }, [decoded, prettyKind, tab]);
  const isImage = /^image\//i.test(contentType ?? '');

  // Linking: only a body without a coding has its content in one place on the wire.
  const linkable =
    loaded.state === 'ready' && loaded.info.codings.length === 0 && decoded !== null && decoded.mapping !== 'none';
  const sideFrames = view.frames[side];
  const map = useMemo(() => (linkable ? bodyMapOf(sideFrames) : null), [linkable, sideFrames]);
  const onSelectChars = useCallback(
    (range: CharRange | null) => {
      if (!range || !decoded) {
        setSelected(null);
        return;
      }
      const start = byteOffsetOf(decoded, range.start);
      const end = byteOffsetOf(decoded, range.end);
      if (start === null || end === null) return;
      setSelected({ chars: range, bytes: { start, end } });
      const span = map ? wireSpanOf(map, start, end) : null;
      onLink(span ? { direction: side, ...span } : null, false);
    },
    [decoded, map, onLink, side],
  );
  /** Characters standing for the wire bytes selected in Raw. */
  const highlight = useMemo((): CharRange | null => {
    if (!map || !decoded || !selectedWire || selectedWire.direction !== side) return null;
    const content = contentSpanOf(map, selectedWire.start, selectedWire.end);
    if (!content) return null;
    const start = charIndexOf(decoded, content.start);
    const end = charIndexOf(decoded, content.end);
    return start === null || end === null ? null : { start, end };
  }, [map, decoded, selectedWire, side]);

  const info = loaded.state === 'ready' ? loaded.info : null;
  const summary = info && (
    <p className="body-summary" role="status">
      {info.codings.length > 0
        ? `${info.codings.join(', ')}: ${formatBytes(info.wireLength)} on the wire, ${formatBytes(info.decodedLength)} decoded`
        : `${formatBytes(info.decodedLength)}, no content coding`}
      {decoded && ` · ${decoded.charset}`}
      {decoded && decoded.invalid.size > 0 && ` · ${decoded.invalid.size.toLocaleString('en-US')} invalid bytes marked`}
      {info.decodedLength > TEXT_LIMIT &&
        (tab === 'text' || tab === 'pretty') &&
        ` · showing the first ${formatBytes(TEXT_LIMIT)} (Hex shows all of it; Save body saves it)`}
      {info.codings.length > 0 && onSaveWire && (
        <>
          {' '}
          <button type="button" onClick={onSaveWire} title="The body still encoded, as the server sent it">
            Save body as sent…
          </button>
        </>
      )}
    </p>
  );
  const linkNote =
    selected &&
    (map ? (
      <p className="body-link" role="status">
        Selected bytes {selected.bytes.start.toLocaleString('en-US')} to {selected.bytes.end.toLocaleString('en-US')} of
        the body (half-open).{' '}
        <button
          type="button"
          onClick={() => {
            const span = wireSpanOf(map, selected.bytes.start, selected.bytes.end);
            onLink(span ? { direction: side, ...span } : null, true);
            setTab('raw');
          }}
        >
          Show in Raw
        </button>
      </p>
    ) : (
      <p className="body-link" role="status">
        Selected bytes {selected.bytes.start.toLocaleString('en-US')} to {selected.bytes.end.toLocaleString('en-US')} of
        the decoded body: {info && info.codings.length > 0 ? `decoded by ${info.codings.join(', ')}, they` : 'they'}{' '}
        have no one place in the wire bytes.
      </p>
    ));

  const waiting = (
    <p className="muted">
      {!over
        ? 'The body is shown here once the exchange is over; Raw shows its bytes as they arrive.'
        : loaded.state === 'failed'
          ? `Could not read the body: ${loaded.message}`
          : !describeBody
            ? 'No capture to read the body from.'
            : 'Decoding the body…'}
    </p>
  );
  const content = (what: BodyTab): ReactNode => {
    if (what === 'raw') return raw;
    if (loaded.state !== 'ready' || !readBody || (needsText && !decoded)) return waiting;
    if (loaded.info.decodedLength === 0 && side === 'tx' && !loaded.info.error)
      return <p className="muted">The request has no body.</p>;
    if (loaded.info.decodedLength === 0)
      return (
        <p className="muted">
          {loaded.info.error
            ? 'Nothing decoded before the error above. Raw shows the body as it came.'
            : loaded.info.wireLength === 0
              ? 'The response has no body.'
              : 'The body decodes to nothing.'}
        </p>
      );
    switch (what) {
      case 'hex':
        return <HexBody length={loaded.info.decodedLength} readBody={readSide} />;
      case 'text':
        return <TextBody label="Body as text" decoded={decoded!} highlight={highlight} onSelect={onSelectChars} />;
      case 'pretty':
        if (!prettyKind)
          return (
            <p className="muted">
              Pretty lays out JSON, HTML and XML; this body is {contentType ?? 'of no stated type'}. Text shows it.
            </p>
          );
        if (pretty instanceof PrettyError) return <p role="alert">{pretty.message} Text shows it as it is.</p>;
        if (!pretty) return waiting;
        return (
          <TextBody
            label="Body laid out"
            decoded={decoded!}
            pretty={pretty}
            highlight={highlight}
            onSelect={onSelectChars}
          />
        );
      case 'image':
        return isImage ? (
          <ImageBody bytes={loaded.bytes} type={contentType!} whole={loaded.info.decodedLength <= TEXT_LIMIT} />
        ) : (
          <p className="muted">This body is {contentType ?? 'of no stated type'}, not an image.</p>
        );
    }
  };
  const tabs: Array<[BodyTab, string]> = [
    ['raw', 'Raw'],
    ['hex', 'Hex'],
    ['text', 'Text'],
    ['pretty', 'Pretty'],
    ...(isImage ? ([['image', 'Image']] as Array<[BodyTab, string]>) : []),
  ];
  return (
    <section className="body-views" aria-label="Body">
      <Tabs.Root value={tab} onValueChange={(value) => setTab(value as BodyTab)}>
        <div className="body-views-bar">
          <Tabs.List aria-label="Body view" className="segmented body-view-tabs">
            {tabs.map(([value, label]) => (
              <Tabs.Trigger key={value} value={value}>
                {label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {tab !== 'raw' && (
            <select aria-label="Body of" value={side} onChange={(event) => setSide(event.target.value as Direction)}>
              <option value="rx">the response</option>
              <option value="tx">the request</option>
            </select>
          )}
          {loaded.state === 'ready' && loaded.info.error && (
            <p role="alert" className="problem body-problem">
              {loaded.info.error.message}
            </p>
          )}
        </div>
        {summary}
        {tab !== 'raw' && linkNote}
        {tabs.map(([value]) => (
          <Tabs.Content key={value} value={value} className="body-view-panel">
            {tab === value && content(value)}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </section>
  );
}

function ImageBody({ bytes, type, whole }: { bytes: Uint8Array; type: string; whole: boolean }) {
  const source = useMemo(() => {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `data:${type.split(';')[0]};base64,${btoa(binary)}`;
  }, [bytes, type]);
  if (!whole)
    return <p className="muted">The image is larger than {formatBytes(TEXT_LIMIT)}; save the body to see it.</p>;
  return (
    <figure className="image-body">
      <img src={source} alt={`The response body, ${type}`} />
      <figcaption>
        {type}, {formatBytes(bytes.length)}
      </figcaption>
    </figure>
  );
}
