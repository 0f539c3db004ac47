import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { parts } from '../lib/frame-parts';
import { FrameList } from '../store/frame-list';
import { ExplainPanel } from './ExplainPanel';
import { LAYOUT_BUDGET, MAX_SCROLL_HEIGHT, ROW_HEIGHT, WireView, type WireViewProps } from './WireView';

const BYTES = latin1Bytes(
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a;x=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n',
);
const FRAMES: Frame[] = [
  { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
  { kind: 'header', start: 17, end: 45, name: 'Transfer-Encoding', value: 'chunked' },
  { kind: 'head-end', start: 45, end: 47 },
  { kind: 'chunk-size', start: 47, end: 55, size: 26, extensions: [['x', '1']] },
  { kind: 'chunk-data', start: 55, end: 81 },
  { kind: 'chunk-end', start: 81, end: 83 },
  { kind: 'chunk-size', start: 83, end: 86, size: 0, extensions: [] },
  { kind: 'body-end', start: 86, end: 88 },
];

const unread = () => Promise.reject(new Error('nothing should be read: the preview holds every byte'));

function Framed(props: Partial<WireViewProps>) {
  return (
    <WireView
      label="Response bytes"
      total={BYTES.length}
      preview={BYTES}
      frames={FrameList.from(FRAMES)}
      readBytes={unread}
      selected={null}
      onSelect={() => {}}
      {...props}
    />
  );
}

function Inspect({ fault }: { fault?: { start: number; end: number } }) {
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <>
      <Framed selected={selected} onSelect={setSelected} fault={fault ?? null} />
      <ExplainPanel frame={selected === null ? null : FRAMES[selected]!} context={{ direction: 'rx' }} />
    </>
  );
}

describe('WireView and ExplainPanel', () => {
  it('colours each frame by kind and explains the one selected, by mouse or keyboard', async () => {
    render(<Inspect />);
    const region = screen.getByRole('region', { name: 'Response bytes' });
    const frames = within(region).getAllByRole('button');
    expect(frames.map((f) => f.className.split(' ')[1])).toEqual(FRAMES.map((f) => `frame-${f.kind}`));
    expect(screen.getByRole('region', { name: 'Explain' })).toHaveTextContent('Select any part of the bytes');
    await userEvent.click(within(region).getByRole('button', { name: 'chunk-size at bytes 47 to 55' }));
    const explain = screen.getByRole('region', { name: 'Explain' });
    expect(explain).toHaveTextContent('chunk-size line: 0x1a = 26 bytes of chunk data follow; extension x=1.');
    expect(explain).toHaveTextContent('RFC 9112 section 7.1.1');
    within(region).getByRole('button', { name: 'status-line at bytes 0 to 17' }).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('region', { name: 'Explain' })).toHaveTextContent('status code 200 (success)');
  });

  it('is one Tab stop: Left and Right step through the frames, and Explain follows', async () => {
    render(
      <>
        <Inspect />
        <button type="button">after</button>
      </>,
    );
    const scroller = screen.getByLabelText(/^Response bytes, scroll with/);
    await userEvent.tab();
    expect(scroller).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
    scroller.focus();
    // From the first frame in view; then on, and back.
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('region', { name: 'Explain' })).toHaveTextContent('0x1a = 26 bytes of chunk data follow');
    await userEvent.keyboard('{ArrowLeft}');
    expect(screen.getByRole('button', { name: 'head-end at bytes 45 to 47' })).toHaveAttribute('aria-pressed', 'true');
    // It stops at the ends.
    for (let i = 0; i < 10; i++) await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'body-end at bytes 86 to 88' })).toHaveAttribute('aria-pressed', 'true');
    expect(scroller).toHaveFocus();
  });

  it('marks the offending bytes of an error, framed or not', () => {
    render(<Inspect fault={{ start: 17, end: 45 }} />);
    expect(screen.getByRole('button', { name: 'header at bytes 17 to 45' })).toHaveClass('frame-fault');
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' })).not.toHaveClass('frame-fault');
  });

  it('marks only the offending element past the last frame; what arrived after it stays on screen, unmarked', () => {
    const bytes = latin1Bytes('HTTP/1.1 200 OK\r\nzz\r\nnope');
    render(
      <WireView
        label="Response bytes"
        total={bytes.length}
        preview={bytes}
        frames={FrameList.from([FRAMES[0]!])}
        readBytes={unread}
        selected={null}
        onSelect={() => {}}
        fault={{ start: 17, end: 21 }}
      />,
    );
    expect(screen.getByLabelText('offending bytes [17, 21)')).toHaveTextContent(/^zz\\r\\n$/);
    const region = screen.getByRole('region', { name: 'Response bytes' });
    expect(region).toHaveTextContent('nope');
    expect([...region.querySelectorAll('mark.frame-fault')].map((mark) => mark.textContent)).toEqual(['zz\\r\\n']);
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' })).toHaveTextContent('HTTP/1.1 200 OK');
  });

  it('puts each HTTP line on a row of its own, with its offset beside it', () => {
    render(<Framed />);
    const rows = [...screen.getByRole('region', { name: 'Response bytes' }).querySelectorAll('.wire-row')];
    expect(rows.map((row) => row.getAttribute('data-offset'))).toEqual(
      FRAMES.map((f) => f.start.toString(16).padStart(8, '0')),
    );
    expect(rows[1]!.textContent).toBe('Transfer-Encoding: chunked\\r\\n');
  });
});

describe('WireView in hex', () => {
  it('shows each frame as hexadecimal pairs, keeping the frames', () => {
    render(<Framed hex />);
    expect(screen.getByRole('button', { name: 'head-end at bytes 45 to 47' })).toHaveTextContent('0d 0a');
    // 16 bytes a row in hex: the 17-byte status line takes two rows, the first of which is its button.
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' }).textContent).toBe(
      '48 54 54 50 2f 31 2e 31 20 32 30 30 20 4f 4b 0d ',
    );
  });
});

describe('WireView over a large capture', () => {
  const GIB = 1024 ** 3;
  const HEAD = 'HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n';
  const BIG: Frame[] = [
    { kind: 'status-line', start: 0, end: 17, version: 'HTTP/1.1', code: 200, reason: 'OK' },
    { kind: 'header', start: 17, end: 45, name: 'Content-Length', value: String(GIB) },
    { kind: 'head-end', start: 45, end: 47 },
    { kind: 'body', start: 47, end: 47 + GIB },
  ];
  const total = 47 + GIB;
  /** The capture's byte i is a letter, (i % 26) after "a": any row's text can be told from its offset. */
  const letters = (start: number, end: number) =>
    latin1Bytes(
      Array.from({ length: Math.max(0, Math.min(end, total) - start) }, (_, k) =>
        String.fromCharCode(97 + ((start + k) % 26)),
      ).join(''),
    );
  const preview = latin1Bytes(HEAD + [...letters(47, 4096)].map((c) => String.fromCharCode(c)).join(''));
  const height = 10 * ROW_HEIGHT;

  function Big(props: Partial<WireViewProps>) {
    const readBytes = props.readBytes ?? (async (start: number, end: number) => letters(start, end));
    return (
      <WireView
        label="Response bytes"
        total={total}
        preview={preview}
        frames={FrameList.from(BIG)}
        readBytes={readBytes}
        selected={null}
        onSelect={() => {}}
        height={height}
        {...props}
      />
    );
  }
  const rowTexts = () =>
    [...screen.getByRole('region', { name: 'Response bytes' }).querySelectorAll('.wire-row')].map(
      (row) => row.textContent,
    );

  it('holds every row of a message a little longer than its box, the last CRLF included', () => {
    const frames = FrameList.from(FRAMES);
    const rowsOf = (height: number) => {
      const { unmount } = render(
        <WireView
          label="Response bytes"
          total={BYTES.length}
          preview={BYTES}
          frames={frames}
          readBytes={unread}
          selected={null}
          onSelect={() => {}}
          height={height}
        />,
      );
      const scroller = screen.getByLabelText(/^Response bytes, scroll with/);
      const label = screen.getByText(/^bytes 0 to/).textContent;
      const boxRows = Number.parseFloat(scroller.style.height) / ROW_HEIGHT;
      unmount();
      return { label, boxRows };
    };
    // 8 rows: in a box of 7 rows (8 is within a quarter more) they all show; in a box of 4, 4 do.
    expect(rowsOf(7 * ROW_HEIGHT)).toEqual({ label: 'bytes 0 to 88 of 88, rows 1 to 8 of 8', boxRows: 8 });
    expect(rowsOf(4 * ROW_HEIGHT)).toEqual({ label: 'bytes 0 to 55 of 88, rows 1 to 4 of 8', boxRows: 4 });
  });

  it('draws only the rows in view, in a scrolling area no taller than browsers allow', () => {
    const { container } = render(<Big />);
    // Ten rows fit the box; an eleventh is drawn below it for smooth scrolling, and not counted.
    expect(rowTexts()).toHaveLength(11);
    expect(screen.getByText(/^bytes 0 to 495 of 1,073,741,871, rows 1 to 10 of 16,777,219$/)).toBeInTheDocument();
    const spacer = container.querySelector('.wire-scroll > div') as HTMLElement;
    expect(spacer.style.height).toBe(`${MAX_SCROLL_HEIGHT}px`);
  });

  it('goes to the end with the End key, reads only the blocks it shows, and comes back with Home', async () => {
    const readBytes = vi.fn(async (start: number, end: number) => letters(start, end));
    render(<Big readBytes={readBytes} />);
    const scroller = screen.getByLabelText(/^Response bytes, scroll with/);
    fireEvent.keyDown(scroller, { key: 'End' });
    expect(await screen.findByText(/rows 16,777,210 to 16,777,219 of 16,777,219$/)).toBeInTheDocument();
    await screen.findAllByText(
      (_, element) =>
        element?.classList.contains('wire-row') === true &&
        element.getAttribute('data-offset') === (total - 64).toString(16).padStart(8, '0'),
    );
    const last = rowTexts().at(-1)!;
    expect(last).toBe([...letters(total - 64, total)].map((c) => String.fromCharCode(c)).join(''));
    // The last rows straddle the block boundary at 1 GiB: those two blocks, and nothing else, are read.
    expect(readBytes.mock.calls.map(([start]) => start)).toEqual([GIB - 65536, GIB]);
    fireEvent.keyDown(scroller, { key: 'Home' });
    expect(rowTexts()[0]).toBe('HTTP/1.1 200 OK\\r\\n');
  });

  it('keeps the keyboard focus on the bytes when the keys scroll a focused frame away', async () => {
    render(<Big />);
    const first = screen.getByRole('button', { name: 'status-line at bytes 0 to 17' });
    first.focus();
    fireEvent.keyDown(first, { key: 'PageDown' });
    expect(screen.queryByRole('button', { name: 'status-line at bytes 0 to 17' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText(/^Response bytes, scroll with/));
    fireEvent.keyDown(document.activeElement!, { key: 'PageDown' });
    expect(screen.getByText(/rows 19 to 28 of/)).toBeInTheDocument();
  });

  it('maps the scrollbar to rows by proportion, and the wheel to rows one by one', async () => {
    render(<Big />);
    const scroller = screen.getByLabelText(/^Response bytes, scroll with/) as HTMLDivElement;
    scroller.scrollTop = (MAX_SCROLL_HEIGHT - height) / 2;
    fireEvent.scroll(scroller);
    const half = Math.round((16_777_219 - 10) / 2);
    expect(screen.getByText(new RegExp(`rows ${(half + 1).toLocaleString('en-US')} to`))).toBeInTheDocument();
    fireEvent.wheel(scroller, { deltaY: 3 * ROW_HEIGHT });
    expect(screen.getByText(new RegExp(`rows ${(half + 4).toLocaleString('en-US')} to`))).toBeInTheDocument();
  });

  it('keeps the same bytes in view when the layout changes under it, and follows the end once there', async () => {
    const head = BIG.slice(0, 3);
    // Before: the body is one stretch no frame covers yet (its frames were left out of the batches).
    const { rerender } = render(<Big frames={FrameList.from(head)} />);
    const scroller = screen.getByLabelText(/^Response bytes, scroll with/);
    for (let i = 0; i < 50; i++) fireEvent.keyDown(scroller, { key: 'ArrowDown' });
    // Rows of 64 bytes from byte 47: the 51st row starts at 47 + 47 * 64.
    expect(screen.getByText(/^bytes /)).toHaveTextContent(/^bytes 3,055 to/);
    // After: the frames arrive, cutting those bytes into 16-byte frames (four times the rows); the
    // row that holds byte 3,055 is still the top row, not row 51 of the new layout.
    const small: Frame[] = Array.from({ length: 250 }, (_, i) => ({
      kind: 'chunk-data',
      start: 47 + i * 16,
      end: 63 + i * 16,
    }));
    rerender(<Big frames={FrameList.from([...head, ...small, { kind: 'body', start: 4047, end: 47 + GIB }])} />);
    expect(screen.getByText(/^bytes /)).toHaveTextContent(/^bytes 3,055 to/);
    // At the end, more bytes keep the end in view.
    fireEvent.keyDown(scroller, { key: 'End' });
    rerender(
      <Big
        frames={FrameList.from([...head, { kind: 'body', start: 47, end: 47 + GIB + 6400 }])}
        total={total + 6400}
      />,
    );
    expect(screen.getByText(/^bytes /).textContent).toMatch(
      new RegExp(`to ${(total + 6400).toLocaleString('en-US')} of ${(total + 6400).toLocaleString('en-US')}`),
    );
  });

  it('lays out more frames than one render takes over the renders that follow', async () => {
    const count = LAYOUT_BUDGET * 2 + 10;
    const list = new FrameList(count);
    list.push(BIG[0]!);
    list.push(BIG[1]!);
    list.push(BIG[2]!);
    for (let i = 0; i < count; i++) list.push({ kind: 'chunk-data', start: 47 + i * 16, end: 63 + i * 16 });
    const bytes = 47 + count * 16;
    render(<Big frames={list} total={bytes} />);
    // At first the bytes past the budget are plain 64-byte rows; once all is laid out, one row per 16-byte frame.
    const position = () => screen.getByText(/^bytes /).textContent ?? '';
    const rowsNow = () => Number(/of ([\d,]+)$/.exec(position())![1]!.replaceAll(',', ''));
    expect(rowsNow()).toBeLessThan(3 + count);
    await waitFor(() => expect(position()).toMatch(new RegExp(`of ${(3 + count).toLocaleString('en-US')}$`)), {
      timeout: 5000,
    });
  });

  it('brings a selection made elsewhere into view', async () => {
    const { rerender } = render(<Big />);
    rerender(<Big reveal={{ offset: 47 + 64 * 1000, seq: 1 }} />);
    expect(screen.getByText(/rows 1,002 to 1,011 of/)).toBeInTheDocument();
  });

  it('says so when bytes cannot be read from the capture', async () => {
    render(<Big readBytes={() => Promise.reject(new Error('ENOENT'))} />);
    fireEvent.keyDown(screen.getByLabelText(/^Response bytes, scroll with/), { key: 'End' });
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Could not read bytes .* of the capture: ENOENT$/);
    await act(async () => {});
    expect(rowTexts().at(-1)).toMatch(/^reading bytes/);
  });
});

describe('frame parts', () => {
  it('splits a field line into name, separator, value and CRLF, whatever the spaces', () => {
    const line = latin1Bytes('X-A: \t a  b \t\r\n');
    const frame: Frame = { kind: 'header', start: 100, end: 100 + line.length, name: 'X-A', value: 'a  b' };
    expect(parts(frame, (offset) => line[offset - 100])).toEqual([
      ['name', 100, 103],
      ['separator', 103, 107],
      ['value', 107, 111],
      ['crlf', 111, 115],
    ]);
    expect(parts({ kind: 'chunk-size', start: 0, end: 4, size: 10, extensions: [] }, () => undefined)).toEqual([
      ['line', 0, 2],
      ['crlf', 2, 4],
    ]);
    expect(parts({ kind: 'chunk-data', start: 4, end: 14 }, () => undefined)).toEqual([['line', 4, 14]]);
  });
});
