import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/frames';
import type { BodyInfo } from '../../shared/inspector-api';
import { applyBatch, emptyView, type ExchangeView } from '../store/exchange-view';
import { BodyViews } from './BodyViews';
import { bodyMapOf, contentSpanOf, wireSpanOf } from '../lib/body-map';
import { LENGTH_FRAMING } from '../test-support/events';

const encoder = new TextEncoder();

/** A finished response: head `head`, then `content` in chunks of `chunk` bytes. */
function chunkedResponse(head: string, content: Uint8Array, chunk: number): { view: ExchangeView; wire: Uint8Array } {
  const parts: Uint8Array[] = [encoder.encode(head)];
  const frames: Frame[] = [];
  frames.push({ kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' });
  frames.push({ kind: 'head-end', start: 17, end: head.length });
  let at = head.length;
  for (let i = 0; i < content.length; i += chunk) {
    const piece = content.subarray(i, i + chunk);
    const size = encoder.encode(`${piece.length.toString(16)}\r\n`);
    frames.push({ kind: 'chunk-size', start: at, end: at + size.length, size: piece.length, extensions: [] });
    frames.push({ kind: 'chunk-data', start: at + size.length, end: at + size.length + piece.length });
    frames.push({
      kind: 'chunk-end',
      start: at + size.length + piece.length,
      end: at + size.length + piece.length + 2,
    });
    parts.push(size, piece, encoder.encode('\r\n'));
    at += size.length + piece.length + 2;
  }
  const wire = new Uint8Array(at);
  let offset = 0;
  for (const part of parts) {
    wire.set(part, offset);
    offset += part.length;
  }
  const view = applyBatch(emptyView('e1'), {
    exchangeId: 'e1',
    seq: 0,
    t: 0,
    totals: { tx: 0, rx: wire.length },
    previewDropped: 0,
    framesDropped: 0,
    events: [
      { type: 'frames', t: 1, direction: 'rx', frames },
      {
        type: 'response-head',
        framing: LENGTH_FRAMING,
        t: 1,
        code: 200,
        reason: 'OK',
        version: 'HTTP/1.1',
        headers: [['Content-Type', 'text/plain; charset=utf-8']],
      },
      { type: 'end', t: 2, status: 'done', bytesSent: 0, bytesReceived: wire.length },
    ],
  });
  return { view, wire };
}

function bodyOf(content: Uint8Array, info: Partial<BodyInfo> = {}) {
  return {
    describeBody: () =>
      Promise.resolve({
        codings: [],
        contentType: 'text/plain; charset=utf-8',
        wireLength: content.length,
        decodedLength: content.length,
        ...info,
      }),
    readBody: (start: number, end: number) => Promise.resolve(content.slice(start, end)),
  };
}

describe('body map', () => {
  it('maps content bytes to the wire bytes of their chunks and back', () => {
    const content = encoder.encode('abcdefghij');
    const { view } = chunkedResponse('HTTP/1.1 200 OK\r\n\r\n', content, 4);
    const map = bodyMapOf(view.frames.rx);
    expect(map.length).toBe(10);
    // Chunk 1 data at 22..26, chunk 2 at 31..35, chunk 3 at 40..42.
    expect(wireSpanOf(map, 0, 4)).toEqual({ start: 22, end: 26 });
    expect(wireSpanOf(map, 3, 6)).toEqual({ start: 25, end: 33 });
    expect(contentSpanOf(map, 31, 35)).toEqual({ start: 4, end: 8 });
    expect(contentSpanOf(map, 19, 22)).toBeNull();
  });
});

describe('BodyViews', () => {
  it('shows the body as text, marks invalid bytes, and marks what is selected in Raw', async () => {
    const content = new Uint8Array([...encoder.encode('héllo\nworld '), 0xff, ...encoder.encode('!\n')]);
    const { view } = chunkedResponse('HTTP/1.1 200 OK\r\n\r\n', content, 5);
    const map = bodyMapOf(view.frames.rx);
    const { rerender } = render(
      <BodyViews view={view} raw={<p>raw bytes</p>} selectedWire={null} onLink={() => {}} {...bodyOf(content)} />,
    );
    expect(screen.getByText('raw bytes')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Text' }));
    const text = await screen.findByRole('region', { name: 'Body as text' });
    expect(text).toHaveTextContent('héllo');
    const invalid = within(text).getByTitle('byte 0xFF is not valid utf-8');
    expect(invalid).toHaveTextContent('\\xFF');
    expect(screen.getByRole('status')).toHaveTextContent('16 B, no content coding · utf-8 · 1 invalid bytes marked');
    // "world" is content bytes 7..12: its wire bytes, selected in Raw, are marked in the text.
    rerender(
      <BodyViews
        view={view}
        raw={<p>raw bytes</p>}
        selectedWire={{ direction: 'rx', ...wireSpanOf(map, 7, 12)! }}
        onLink={() => {}}
        {...bodyOf(content)}
      />,
    );
    const marked = [...text.querySelectorAll('.linked')].map((element) => element.textContent).join('');
    expect(marked).toBe('world');
  });

  it('says what a content coding did, and that decoded bytes have no place on the wire', async () => {
    const content = encoder.encode('{"a":[1,2]}');
    const { view } = chunkedResponse('HTTP/1.1 200 OK\r\n\r\n', encoder.encode('compressed'), 4);
    const coded = {
      ...view,
      responseHeaders: [
        ['Content-Type', 'application/json'],
        ['Content-Encoding', 'gzip'],
      ] as Array<[string, string]>,
    };
    render(
      <BodyViews
        view={coded}
        raw={<p>raw bytes</p>}
        selectedWire={null}
        onLink={() => {}}
        onSaveWire={() => {}}
        {...bodyOf(content, { codings: ['gzip'], contentType: 'application/json', wireLength: 31 })}
      />,
    );
    // Decoded at once (it has a coding), so Raw says it too.
    expect(await screen.findByRole('status')).toHaveTextContent('gzip: 31 B on the wire, 11 B decoded');
    expect(screen.getByRole('button', { name: 'Save body as sent…' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: 'Pretty' }));
    const pretty = await screen.findByRole('region', { name: 'Body laid out' });
    expect(pretty).toHaveTextContent('"a": [');
    expect(within(pretty).getByRole('button', { name: 'Fold lines 1 to 6' })).toHaveAttribute('aria-expanded', 'true');
  });

  it('waits for the end of the exchange, and says why Pretty cannot lay out a type', async () => {
    const content = encoder.encode('plain words');
    const { view } = chunkedResponse('HTTP/1.1 200 OK\r\n\r\n', content, 4);
    const { rerender } = render(
      <BodyViews
        view={{ ...view, status: 'running' }}
        raw={<p>raw</p>}
        selectedWire={null}
        onLink={() => {}}
        {...bodyOf(content)}
      />,
    );
    await userEvent.click(screen.getByRole('tab', { name: 'Text' }));
    expect(screen.getByRole('tabpanel')).toHaveTextContent('The body is shown here once the exchange is over');
    rerender(<BodyViews view={view} raw={<p>raw</p>} selectedWire={null} onLink={() => {}} {...bodyOf(content)} />);
    await userEvent.click(screen.getByRole('tab', { name: 'Pretty' }));
    expect(await screen.findByText(/Pretty lays out JSON, HTML and XML; this body is text\/plain/)).toBeInTheDocument();
  });
});
