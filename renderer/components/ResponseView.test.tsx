import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { applyBatch, emptyView, type ExchangeView } from '../store/exchange-view';
import { ResponseView } from './ResponseView';
import { LENGTH_FRAMING } from '../test-support/events';

function view(overrides: Partial<ExchangeView>): ExchangeView {
  return { ...emptyView('e1'), ...overrides };
}

/** The view of a response whose bytes, frames and final head all came in one batch. */
function received(rx: Uint8Array, frames: Frame[], headers: Array<[string, string]>): ExchangeView {
  return applyBatch(emptyView('e1'), {
    exchangeId: 'e1',
    seq: 0,
    t: 0,
    totals: { tx: 0, rx: rx.length },
    previewDropped: 0,
    framesDropped: 0,
    events: [
      { type: 'bytes', t: 1, direction: 'rx', offset: 0, data: rx },
      { type: 'frames', t: 1, direction: 'rx', frames },
      { type: 'response-head', framing: LENGTH_FRAMING, t: 1, code: 200, reason: 'OK', version: 'HTTP/1.1', headers },
    ],
  });
}

describe('ResponseView', () => {
  it('shows the status, header tables in order with duplicates, and a row per chunk', () => {
    render(
      <ResponseView
        view={view({
          code: 200,
          reason: 'OK',
          status: 'running',
          responseHeaders: [
            ['Set-Cookie', 'a'],
            ['set-cookie', 'b'],
          ],
          chunks: [
            { index: 1, size: 26, extensions: [['name', 'value']], offset: 47, t: 0, gap: null },
            { index: 2, size: 0, extensions: [], offset: 80, t: 400, gap: 400 },
          ],
          preview: { tx: latin1Bytes('GET / HTTP/1.1\r\n\r\n'), rx: latin1Bytes('HTTP/1.1 200 OK\r\n') },
        })}
      />,
    );
    expect(screen.getByLabelText('Status')).toHaveTextContent('200');
    expect(screen.getByText('streaming')).toBeInTheDocument();
    const headers = within(screen.getByRole('table', { name: 'Response headers' }))
      .getAllByRole('row')
      .slice(1);
    expect(headers.map((row) => row.textContent)).toEqual(['Set-Cookiea', 'set-cookieb']);
    const chunks = within(screen.getByRole('table', { name: 'Chunks' }))
      .getAllByRole('row')
      .slice(1);
    expect(chunks.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      ['1', '26', '0x1a', 'name=value', '47', '', ''],
      ['last', '0', '0x0', '', '80', '', '400 ms'],
    ]);
    expect(screen.getByRole('region', { name: 'Response bytes' })).toHaveTextContent('HTTP/1.1 200 OK');
  });

  it('says how long an upload that runs has left', () => {
    render(
      <ResponseView
        view={view({
          status: 'running',
          progress: { sent: 1024 * 1024, total: 4 * 1024 * 1024, bytesPerSecond: 1024 * 1024 },
        })}
      />,
    );
    expect(screen.getByRole('progressbar', { name: 'Upload progress' }).parentElement).toHaveTextContent(
      '1.0 MiB of 4.0 MiB at 1.0 MiB/s, 3 s left',
    );
  });

  it("says when the server's early answer stopped the upload, and lists interim responses", () => {
    render(
      <ResponseView
        view={view({
          code: 413,
          reason: 'Content Too Large',
          status: 'done',
          timings: { started: 100 },
          interim: [{ code: 100, reason: 'Continue', offset: 0, t: 112.5, headerFrames: [] }],
          uploadStopped: { code: 413, sent: 1_048_576, total: 67_108_864 },
        })}
      />,
    );
    expect(screen.getByText(/^Upload stopped/)).toHaveTextContent(
      "Upload stopped by the server's response (413) after 1.0 MiB of 64.0 MiB of the body",
    );
    expect(screen.getByText(/Interim response:/)).toHaveTextContent('Interim response: 100 Continue at 12.5 ms');
  });

  it('shows upload progress with what is left, and the error in words', () => {
    render(
      <ResponseView
        view={view({
          status: 'error',
          progress: { sent: 1024 * 1024, total: 4 * 1024 * 1024, bytesPerSecond: 1024 * 1024 },
          error: {
            name: 'HttpProtocolError',
            code: 'ERR_HTTP_INVALID_CHUNK_SIZE',
            message: 'The chunk-size line starts with "z"',
            fault: 'server',
            direction: 'rx',
            offset: 47,
            rfc9112Section: '7.1',
          },
        })}
      />,
    );
    const bar = screen.getByRole('progressbar', { name: 'Upload progress' });
    expect(bar).toHaveAttribute('value', String(1024 * 1024));
    // Over (an error ended it): what went, and neither a rate nor a time left.
    expect(bar.parentElement?.textContent?.trim()).toBe('1.0 MiB of 4.0 MiB');
    expect(screen.getByRole('alert')).toHaveTextContent('HttpProtocolError: The chunk-size line starts with "z"');
    // With nothing selected, the Explain panel explains the error.
    const explain = screen.getByRole('region', { name: 'Explain' });
    expect(explain).toHaveTextContent("The server's bytes break HTTP/1.1");
    expect(explain).toHaveTextContent('The offending byte is byte 47 of the response');
    expect(explain).toHaveTextContent('RFC 9112 section 7.1, Chunked Transfer Coding');
  });
});

describe('ResponseView: saving', () => {
  it('shows no reason phrase before the status code has arrived', () => {
    render(<ResponseView view={view({ code: null, reason: 'OK' })} />);
    expect(screen.getByLabelText('Status').parentElement).toHaveTextContent(/^— waiting/);
  });

  it('saves the body or either direction once the exchange is over, not while it runs', async () => {
    const onSave = vi.fn();
    const { rerender } = render(<ResponseView view={view({ status: 'running' })} onSave={onSave} />);
    expect(screen.getByRole('button', { name: 'Save body…' })).toBeDisabled();
    rerender(<ResponseView view={view({ status: 'done', totals: { tx: 0, rx: 0 } })} onSave={onSave} />);
    // Nothing to save while there are no bytes.
    for (const name of ['Save body…', 'Save request bytes…', 'Save response bytes…', 'Export HAR…'])
      expect(screen.getByRole('button', { name })).toBeDisabled();
    rerender(<ResponseView view={view({ status: 'done', totals: { tx: 40, rx: 60 } })} onSave={onSave} />);
    await userEvent.click(screen.getByRole('button', { name: 'Save body…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save response bytes…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save request bytes…' }));
    expect(onSave.mock.calls).toEqual([['body'], ['rx'], ['tx']]);
  });
});

describe('ResponseView: header rows and their bytes', () => {
  const frames = [
    { kind: 'status-line' as const, start: 0, end: 23, version: 'HTTP/1.1', code: 100, reason: 'Continue' },
    { kind: 'head-end' as const, start: 23, end: 25 },
    { kind: 'status-line' as const, start: 25, end: 42, version: 'HTTP/1.1', code: 200, reason: 'OK' },
    { kind: 'header' as const, start: 42, end: 51, name: 'A', value: 'one' },
    { kind: 'header' as const, start: 51, end: 60, name: 'B', value: 'two' },
    { kind: 'head-end' as const, start: 60, end: 62 },
  ];
  const rx = latin1Bytes('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nA: one\r\nB: two\r\n\r\n');

  it('highlights the bytes of a selected header row, and the row of selected header bytes', async () => {
    const live = received(rx, frames, [
      ['A', 'one'],
      ['B', 'two'],
    ]);
    render(<ResponseView view={live} />);
    const rows = within(screen.getByRole('table', { name: 'Response headers' }))
      .getAllByRole('row')
      .slice(1);
    await userEvent.click(rows[1]!);
    expect(screen.getByRole('button', { name: 'header at bytes 51 to 60' })).toHaveClass('frame-selected');
    expect(screen.getByRole('region', { name: 'Explain' })).toHaveTextContent('B: two');
    await userEvent.click(screen.getByRole('button', { name: 'header at bytes 42 to 51' }));
    expect(rows[0]).toHaveAttribute('aria-selected', 'true');
    expect(rows[1]).toHaveAttribute('aria-selected', 'false');
  });
});

describe('ResponseView: a chunk selected whole', () => {
  const rx = latin1Bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n');
  const frames = [
    { kind: 'status-line' as const, start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
    { kind: 'header' as const, start: 17, end: 45, name: 'Transfer-Encoding', value: 'chunked' },
    { kind: 'head-end' as const, start: 45, end: 47 },
    { kind: 'chunk-size' as const, start: 47, end: 50, size: 3, extensions: [] },
    { kind: 'chunk-data' as const, start: 50, end: 53 },
    { kind: 'chunk-end' as const, start: 53, end: 55 },
    { kind: 'chunk-size' as const, start: 55, end: 58, size: 2, extensions: [] },
    { kind: 'chunk-data' as const, start: 58, end: 60 },
    { kind: 'chunk-end' as const, start: 60, end: 62 },
    { kind: 'chunk-size' as const, start: 62, end: 65, size: 0, extensions: [] },
    { kind: 'body-end' as const, start: 65, end: 67 },
  ];

  it('outlines the size line, data and CRLF of a chunk chosen by its row, and selects the row of bytes clicked', async () => {
    const view = received(rx, frames, [['Transfer-Encoding', 'chunked']]);
    render(<ResponseView view={view} />);
    const chunkRows = () =>
      within(screen.getByRole('table', { name: 'Chunks' }))
        .getAllByRole('row')
        .slice(1);
    await userEvent.click(chunkRows()[0]!);
    const bytes = screen.getByRole('region', { name: 'Response bytes' });
    const outlined = () =>
      [...bytes.querySelectorAll('.frame-in-span')].map(
        (e) => e.getAttribute('aria-label') ?? e.className.split(' ')[1],
      );
    expect(outlined()).toEqual([
      'chunk-size at bytes 47 to 50',
      'chunk-data at bytes 50 to 53',
      'chunk-end at bytes 53 to 55',
    ]);
    expect(chunkRows()[0]).toHaveAttribute('aria-selected', 'true');
    // The chunk copies whole, as escapes that give its exact bytes back.
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await userEvent.click(screen.getByRole('button', { name: 'Copy as escapes' }));
    expect(writeText).toHaveBeenCalledWith('3\\r\\nabc\\r\\n');
    expect(screen.getByText('Copied 8 bytes as escapes.')).toHaveAttribute('role', 'status');
    // Clicking the second chunk's data selects its row and outlines it.
    await userEvent.click(within(bytes).getByRole('button', { name: 'chunk-data at bytes 58 to 60' }));
    expect(chunkRows()[1]).toHaveAttribute('aria-selected', 'true');
    expect(chunkRows()[0]).toHaveAttribute('aria-selected', 'false');
    expect(outlined()).toEqual([
      'chunk-size at bytes 55 to 58',
      'chunk-data at bytes 58 to 60',
      'chunk-end at bytes 60 to 62',
    ]);
    // A header is not part of a chunk: nothing outlined, no chunk row selected; it copies alone.
    await userEvent.click(within(bytes).getByRole('button', { name: 'header at bytes 17 to 45' }));
    expect(outlined()).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Copy as hex' }));
    expect(writeText).toHaveBeenLastCalledWith(expect.stringMatching(/^54 72 61 6e .* 0d 0a$/));
    expect(chunkRows().filter((row) => row.getAttribute('aria-selected') === 'true')).toEqual([]);
  });
});
