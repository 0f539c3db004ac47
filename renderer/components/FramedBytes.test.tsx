import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { ExplainPanel } from './ExplainPanel';
import { FramedBytes, parts } from './FramedBytes';

const BYTES = latin1Bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1a;x=1\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n');
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

function Inspect({ fault }: { fault?: { start: number; end: number } }) {
  const [selected, setSelected] = useState<number | null>(null);
  return (
    <>
      <FramedBytes label="Response bytes" bytes={BYTES} frames={FRAMES} selected={selected} onSelect={setSelected} fault={fault ?? null} />
      <ExplainPanel frame={selected === null ? null : FRAMES[selected]!} direction="rx" />
    </>
  );
}

describe('FramedBytes and ExplainPanel', () => {
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

  it('marks the offending bytes of an error, framed or not', () => {
    render(<Inspect fault={{ start: 17, end: 45 }} />);
    expect(screen.getByRole('button', { name: 'header at bytes 17 to 45' })).toHaveClass('frame-fault');
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' })).not.toHaveClass('frame-fault');
  });
});

describe('FramedBytes in hex', () => {
  it('shows each frame as hexadecimal pairs, keeping the frames', () => {
    render(<FramedBytes label="Response bytes" bytes={BYTES} frames={FRAMES} selected={null} onSelect={() => {}} hex />);
    expect(screen.getByRole('button', { name: 'head-end at bytes 45 to 47' })).toHaveTextContent('0d 0a');
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' }).textContent).toBe('48 54 54 50 2f 31 2e 31 20 32 30 30 20 4f 4b 0d 0a\n');
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
