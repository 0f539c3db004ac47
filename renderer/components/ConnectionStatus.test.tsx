import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { ConnectionStatus } from './ConnectionStatus';

describe('ConnectionStatus', () => {
  it('names the shell and the demo server once the service answers', async () => {
    const api = fakeApi({
      getAppInfo: async () => ({
        name: 'Lowhaio Inspector',
        version: '0.1.0',
        shell: 'browser',
        runtime: {},
        platform: 'linux',
      }),
      getDemoServer: async () => ({ url: 'http://127.0.0.1:4000' }),
    });
    render(<ConnectionStatus api={api} />);
    expect(screen.getByRole('contentinfo', { name: 'Connection' })).toHaveTextContent(
      'Connecting to the inspector service',
    );
    expect(await screen.findByText('http://127.0.0.1:4000')).toBeInTheDocument();
    expect(screen.getByRole('contentinfo', { name: 'Connection' })).toHaveTextContent(
      'Lowhaio Inspector 0.1.0, browser mode',
    );
  });

  it('says what went wrong when the service cannot be reached', async () => {
    const api = fakeApi({
      getAppInfo: () =>
        Promise.reject(
          new Error('Could not reach the browser-mode server; is `npm run serve` still running? Trying again…'),
        ),
    });
    render(<ConnectionStatus api={api} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach the browser-mode server');
  });

  it('notices when the service stops answering after it did', async () => {
    let up = true;
    const api = fakeApi({
      getAppInfo: async () => {
        if (!up) throw new Error('The connection to the browser-mode server was lost (1001); reconnecting…');
        return { name: 'Lowhaio Inspector', version: '0.1.0', shell: 'browser', runtime: {}, platform: 'linux' };
      },
      getDemoServer: async () => ({ url: 'http://127.0.0.1:4000' }),
    });
    render(<ConnectionStatus api={api} checkEveryMs={20} />);
    expect(await screen.findByText('http://127.0.0.1:4000')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    up = false;
    expect(await screen.findByRole('alert')).toHaveTextContent('was lost (1001); reconnecting…');
    // It answers again (the client opened its socket again): the bar says so by itself.
    up = true;
    expect(await screen.findByText('http://127.0.0.1:4000')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
