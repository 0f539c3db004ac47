import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { Frame } from '../../shared/frames';
import { latin1Bytes } from '../../shared/visible-bytes';
import { CaptureBytes, WINDOW } from './CaptureBytes';

const TOTAL = WINDOW * 2 + 10;
const HEAD = 'HTTP/1.1 200 OK\r\nContent-Length: 131082\r\n\r\n';
const FRAMES: Frame[] = [
  { kind: 'status-line', start: 0, end: 17 },
  { kind: 'header', start: 17, end: 41, name: 'Content-Length', value: '131082' },
  { kind: 'head-end', start: 41, end: 43 },
  { kind: 'body', start: 43, end: TOTAL },
] as Frame[];

function Harness({ readBytes }: { readBytes: (start: number, end: number) => Promise<Uint8Array> }) {
  const [position, setPosition] = useState(0);
  const preview = latin1Bytes(HEAD + 'a'.repeat(WINDOW - HEAD.length));
  return <CaptureBytes label="Response bytes" total={TOTAL} preview={preview} frames={FRAMES} position={position} onPosition={setPosition} readBytes={readBytes} selected={null} onSelect={() => {}} />;
}

describe('CaptureBytes', () => {
  it('shows the first window from the preview and reads later ones from the capture', async () => {
    const readBytes = vi.fn(async (start: number, end: number) => latin1Bytes('b'.repeat(Math.min(end, TOTAL) - start)));
    render(<Harness readBytes={readBytes} />);
    expect(screen.getByText(`bytes 0 to ${WINDOW.toLocaleString()} of ${TOTAL.toLocaleString()}`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'status-line at bytes 0 to 17' })).toBeInTheDocument();
    expect(readBytes).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Earlier response bytes' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Later response bytes' }));
    expect(readBytes).toHaveBeenCalledWith(WINDOW, WINDOW * 2);
    const body = await screen.findByRole('button', { name: `body at bytes 43 to ${TOTAL}` });
    expect(body.textContent).toBe('b'.repeat(WINDOW));
    expect(screen.queryByRole('button', { name: /status-line/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Later response bytes' }));
    expect(await screen.findByText(`bytes ${(WINDOW * 2).toLocaleString()} to ${TOTAL.toLocaleString()} of ${TOTAL.toLocaleString()}`)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Later response bytes' })).toBeDisabled();
  });

  it('says so when a window cannot be read', async () => {
    render(<Harness readBytes={() => Promise.reject(new Error('ENOENT'))} />);
    await userEvent.click(screen.getByRole('button', { name: 'Later response bytes' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`Could not read bytes ${WINDOW} to ${WINDOW * 2}: ENOENT`);
  });
});
