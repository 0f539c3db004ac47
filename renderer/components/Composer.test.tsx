import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import { fakeApi } from '../test-support/fake-api';
import { Composer } from './Composer';

const api = () =>
  fakeApi({
    getDemoServer: async () => ({ url: 'http://127.0.0.1:5000' }),
    chooseUploadFile: async () => ({ via: 'upload', uploadId: 'upload-1', name: 'a.bin', size: 10 }),
  });

describe('Composer', () => {
  it('opens on the demo server live chunked scenario and sends with Ctrl+Enter', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    const url = screen.getByRole('textbox', { name: 'URL' });
    await waitFor(() => expect(url).toHaveValue('http://127.0.0.1:5000/chunked?count=5&size=32&delay=400'));
    await userEvent.type(url, '{Control>}{Enter}{/Control}');
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET', url: 'http://127.0.0.1:5000/chunked?count=5&size=32&delay=400', body: { kind: 'none' } }));
  });

  it('sends a chosen file chunked in the chosen size, and says what is missing first', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('radio', { name: 'file' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a file to upload.');
    expect(onSend).not.toHaveBeenCalled();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Framing' }), 'chunked');
    await userEvent.clear(screen.getByRole('spinbutton', { name: 'Chunk size' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Chunk size' }), '4');
    await userEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(await screen.findByText('a.bin (10 bytes)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenLastCalledWith(
      expect.objectContaining({ body: { kind: 'file', file: { via: 'upload', uploadId: 'upload-1', name: 'a.bin', size: 10 }, framing: 'chunked', chunkSize: 4 } }),
    );
  });

  it('offers Cancel only while an exchange runs', async () => {
    const onCancel = vi.fn();
    const { rerender } = render(<Composer api={api()} running={false} onSend={() => {}} onCancel={onCancel} />);
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    rerender(<Composer api={api()} running onSend={() => {}} onCancel={onCancel} />);
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
