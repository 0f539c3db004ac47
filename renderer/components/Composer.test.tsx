import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import { fakeApi } from '../test-support/fake-api';
import { Composer } from './Composer';

const api = (overrides: Parameters<typeof fakeApi>[0] = {}) =>
  fakeApi({
    getDemoServer: async () => ({ url: 'http://127.0.0.1:5000' }),
    chooseUploadFile: async () => ({ via: 'upload', uploadId: 'upload-1', name: 'a.bin', size: 10 }),
    ...overrides,
  });

describe('Composer', () => {
  it('opens on the demo server live chunked scenario and sends with Ctrl+Enter', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    const url = screen.getByRole('textbox', { name: 'URL' });
    await waitFor(() => expect(url).toHaveValue('http://127.0.0.1:5000/chunked?count=5&size=32&delay=400'));
    await userEvent.type(url, '{Control>}{Enter}{/Control}');
    expect(onSend).toHaveBeenCalledWith(
      expect.objectContaining({
        method: 'GET',
        url: 'http://127.0.0.1:5000/chunked?count=5&size=32&delay=400',
        body: { kind: 'none' },
      }),
    );
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
      expect.objectContaining({
        body: {
          kind: 'file',
          file: { via: 'upload', uploadId: 'upload-1', name: 'a.bin', size: 10 },
          framing: 'chunked',
          chunkSize: 4,
        },
      }),
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

describe('Composer: params and headers', () => {
  it('edits rows, keeps disabled ones unsent, and shows the host the client adds', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'URL' })).toHaveValue(
        'http://127.0.0.1:5000/chunked?count=5&size=32&delay=400',
      ),
    );
    await userEvent.click(screen.getByText('Params and headers'));
    const headers = screen.getByRole('table', { name: 'Headers' });
    expect(within(headers).getByRole('checkbox', { name: 'host is added by the client' })).toBeDisabled();
    expect(headers).toHaveTextContent('host127.0.0.1:5000 (added by the client, from the URL)');
    await userEvent.click(within(headers).getByRole('button', { name: 'Add header' }));
    await userEvent.type(within(headers).getByRole('textbox', { name: 'Header name 1' }), 'X-Trace');
    await userEvent.type(within(headers).getByRole('textbox', { name: 'Header value 1' }), 'abc');
    await userEvent.click(within(headers).getByRole('button', { name: 'Add header' }));
    await userEvent.type(within(headers).getByRole('textbox', { name: 'Header name 2' }), 'X-Off');
    await userEvent.click(within(headers).getByRole('checkbox', { name: 'Send header 2' }));
    const params = screen.getByRole('table', { name: 'Params' });
    await userEvent.click(within(params).getByRole('button', { name: 'Add param' }));
    await userEvent.type(within(params).getByRole('textbox', { name: 'Param name 1' }), 'q');
    await userEvent.type(within(params).getByRole('textbox', { name: 'Param value 1' }), 'x y');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith(
      expect.objectContaining({
        headers: [
          { name: 'X-Trace', value: 'abc', enabled: true },
          { name: 'X-Off', value: '', enabled: false },
        ],
        params: [{ name: 'q', value: 'x y', enabled: true }],
      }),
    );
  });
});

describe('Composer: curl', () => {
  it('lets a typed Transfer-Encoding row frame the body, and says so beside the framing it overrides', async () => {
    render(<Composer api={api()} running={false} onSend={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('radio', { name: 'text' }));
    expect(screen.getByRole('combobox', { name: 'Framing' })).toBeEnabled();
    await userEvent.click(screen.getByText('Params and headers'));
    const headers = screen.getByRole('table', { name: 'Headers' });
    expect(within(headers).getByRole('checkbox', { name: 'content-length is added by the client' })).toBeDisabled();
    await userEvent.click(within(headers).getByRole('button', { name: 'Add header' }));
    await userEvent.type(within(headers).getByRole('textbox', { name: 'Header name 1' }), 'Transfer-Encoding');
    await userEvent.type(within(headers).getByRole('textbox', { name: 'Header value 1' }), 'chunked');
    expect(screen.getByRole('combobox', { name: 'Framing' })).toBeDisabled();
    expect(screen.getByText('framed by your Transfer-Encoding header row')).toBeInTheDocument();
    expect(within(headers).queryByRole('checkbox', { name: 'content-length is added by the client' })).toBeNull();
  });

  it('fills itself from a curl command pasted into the URL field', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    const url = screen.getByRole('textbox', { name: 'URL' });
    await userEvent.clear(url);
    await userEvent.click(url);
    await userEvent.paste(`curl -X PUT 'http://127.0.0.1:5000/echo' -H 'X-A: 1' --data-raw 'hi' -k`);
    expect(url).toHaveValue('http://127.0.0.1:5000/echo');
    expect(screen.getByRole('combobox', { name: 'Method' })).toHaveValue('PUT');
    expect(screen.getByRole('status')).toHaveTextContent('Imported the curl command (PUT http://127.0.0.1:5000/echo).');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith(
      expect.objectContaining({
        method: 'PUT',
        headers: [
          { name: 'X-A', value: '1', enabled: true },
          { name: 'Content-Type', value: 'application/x-www-form-urlencoded', enabled: true },
        ],
        body: expect.objectContaining({ kind: 'text', text: 'hi' }),
        verifyTls: false,
      }),
    );
  });

  it('says why a command cannot be imported', async () => {
    render(<Composer api={api()} running={false} onSend={() => {}} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('textbox', { name: 'URL' }));
    await userEvent.paste('curl --proxy p:1 http://h/');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not import that curl command: The curl option --proxy is not understood here',
    );
  });

  it('imports curl -F as multipart fields, and asks for the file curl would have read', async () => {
    const chooseUploadFile = vi.fn(async () => ({
      via: 'upload' as const,
      uploadId: 'upload-12345678',
      name: 'file',
      size: 4,
    }));
    const onSend = vi.fn();
    render(<Composer api={api({ chooseUploadFile })} running={false} onSend={onSend} onCancel={() => {}} />);
    await userEvent.click(screen.getByRole('textbox', { name: 'URL' }));
    await userEvent.paste("curl -sS -XPOST -H 'a: b' -F 'f=@file' --compressed http://h/up");
    expect(screen.getByRole('status')).toHaveTextContent(
      'Imported the curl command (POST http://h/up). Choose the file for the field "f" (curl would read file). Left out, as they change nothing sent: -s, -S.',
    );
    expect(screen.getByRole('radio', { name: 'multipart' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Field name 1' })).toHaveValue('f');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Choose a file for the multipart field "f".');
    await userEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    // What the import said was about the request before this send: it goes.
    expect(screen.queryByRole('status')).toBeNull();
    expect(onSend).toHaveBeenCalledWith(
      expect.objectContaining({
        method: 'POST',
        headers: [
          { name: 'a', value: 'b', enabled: true },
          { name: 'Accept-Encoding', value: 'deflate, gzip, br, zstd', enabled: true },
        ],
        body: expect.objectContaining({
          kind: 'multipart',
          parts: [
            { name: 'f', file: expect.objectContaining({ name: 'file' }), contentType: 'application/octet-stream' },
          ],
        }),
      }),
    );
  });

  it('copies the exchange as a curl command', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    render(<Composer api={api()} running={false} onSend={() => {}} onCancel={() => {}} />);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'URL' })).toHaveValue(
        'http://127.0.0.1:5000/chunked?count=5&size=32&delay=400',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Copy as curl' }));
    expect(writeText).toHaveBeenCalledWith(`curl -X GET 'http://127.0.0.1:5000/chunked?count=5&size=32&delay=400'`);
    expect(screen.getByRole('status')).toHaveTextContent('Copied as a curl command.');
  });
});

describe('Composer: connection', () => {
  const PEM = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUexample\n-----END CERTIFICATE-----\n';

  it('sends the timeout and an extra CA loaded from a file, and copies curl with --cacert', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'URL' })).not.toHaveValue(''));
    await userEvent.click(screen.getByText('Connection'));
    const timeout = screen.getByRole('spinbutton', { name: 'Timeout (ms)' });
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '5000');
    await userEvent.upload(
      screen.getByLabelText('Load CA certificate file'),
      new File([PEM], 'ca.pem', { type: 'text/plain' }),
    );
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Extra CA certificate (PEM)' })).toHaveValue(PEM));
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ timeoutMs: 5000, caPem: PEM, verifyTls: true }));
    await userEvent.click(screen.getByRole('button', { name: 'Copy as curl' }));
    expect(writeText).toHaveBeenCalledWith(expect.stringMatching(/ --cacert ca\.pem$/));
    expect(screen.getByRole('status')).toHaveTextContent('save it there');
  });

  it('says what is wrong with a timeout too short or a CA that is not PEM, and sends nothing', async () => {
    const onSend = vi.fn<(spec: ExchangeSpec) => void>();
    render(<Composer api={api()} running={false} onSend={onSend} onCancel={() => {}} />);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'URL' })).not.toHaveValue(''));
    await userEvent.click(screen.getByText('Connection'));
    const timeout = screen.getByRole('spinbutton', { name: 'Timeout (ms)' });
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '50');
    await userEvent.type(screen.getByRole('textbox', { name: 'Extra CA certificate (PEM)' }), 'not a certificate');
    await userEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The timeout must be at least 100 ms. The extra CA certificate must be PEM text',
    );
  });
});

describe('Composer: dropping a file', () => {
  it('makes a dropped file the body', async () => {
    const useFile = vi.fn(async (file: { name: string; size: number }) => ({
      via: 'upload' as const,
      uploadId: 'upload-9',
      name: file.name,
      size: file.size,
    }));
    render(
      <Composer
        api={fakeApi({ getDemoServer: async () => ({ url: 'http://127.0.0.1:5000' }), useFile })}
        running={false}
        onSend={() => {}}
        onCancel={() => {}}
      />,
    );
    const file = new File(['hello'], 'dropped.txt', { type: 'text/plain' });
    fireEvent.drop(screen.getByRole('form', { name: 'Request' }), {
      dataTransfer: { files: [file], types: ['Files'] },
    });
    expect(await screen.findByText('dropped.txt (5 bytes)')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'file' })).toBeChecked();
    expect(useFile).toHaveBeenCalledWith(file);
  });
});

describe('Composer: Save request', () => {
  it('asks for a name and a folder the first time, then saves over the same file', async () => {
    const { SavedRequestsStore } = await import('../store/saved-requests-store');
    const { memoryCollection } = await import('../test-support/memory-collection');
    const { ComposerStore } = await import('../store/composer-draft');
    const memory = memoryCollection({}, ['api']);
    const saved = new SavedRequestsStore(fakeApi(memory.api), null);
    await saved.refresh();
    const store = new ComposerStore();
    store.edit({ url: 'http://127.0.0.1:5000/items/{{id}}', method: 'DELETE' });
    render(<Composer api={api()} store={store} saved={saved} running={false} onSend={() => {}} onCancel={() => {}} />);
    // Ctrl/Cmd+S anywhere in the window asks the composer of the tab shown; the name offered is the URL's last segment.
    act(() => store.askSave());
    const dialog = screen.getByRole('dialog', { name: 'Save request' });
    expect(within(dialog).getByRole('textbox', { name: 'Request name' })).toHaveValue('id');
    await userEvent.clear(within(dialog).getByRole('textbox', { name: 'Request name' }));
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Request name' }), 'delete item');
    await userEvent.selectOptions(within(dialog).getByRole('combobox', { name: 'Folder' }), 'api');
    expect(dialog).toHaveTextContent('as api/delete-item.http');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save request' })).toBeNull());
    expect(memory.texts.get('api/delete-item.http')).toBe(
      '### delete item\n# @name delete item\nDELETE http://127.0.0.1:5000/items/{{id}}\n',
    );
    expect(screen.getByRole('status')).toHaveTextContent('Saved to api/delete-item.http.');
    store.edit({ method: 'GET' });
    await userEvent.click(screen.getByRole('button', { name: 'Save request' }));
    await waitFor(() =>
      expect(memory.texts.get('api/delete-item.http')).toContain('GET http://127.0.0.1:5000/items/{{id}}'),
    );
    expect(screen.queryByRole('dialog', { name: 'Save request' })).toBeNull();
  });
});

describe('Composer: the Params table', () => {
  it("shows the URL's own query, decoded, beside the rows it adds", async () => {
    render(<Composer api={api()} running={false} onSend={() => {}} onCancel={() => {}} />);
    const url = screen.getByRole('textbox', { name: 'URL' });
    await waitFor(() => expect(url).toHaveValue('http://127.0.0.1:5000/chunked?count=5&size=32&delay=400'));
    await userEvent.clear(url);
    await userEvent.type(url, 'http://h/s?q=a%20b&page=2');
    await userEvent.click(screen.getByText('Params and headers'));
    const params = screen.getByRole('table', { name: 'Params' });
    expect(within(params).getByRole('checkbox', { name: 'q is in the URL' })).toBeDisabled();
    expect(within(params).getByRole('checkbox', { name: 'page is in the URL' })).toBeDisabled();
    expect(params).toHaveTextContent('a b');
  });
});
