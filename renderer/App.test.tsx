import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { fakeApi } from './test-support/fake-api';

const DEMO = 'http://127.0.0.1:9';

beforeEach(() => {
  localStorage.clear();
  window.inspector = fakeApi({
    getAppInfo: async () => ({
      name: 'Lowhaio Inspector',
      version: '0.1.0',
      shell: 'browser',
      runtime: { node: '20' },
      platform: 'linux',
    }),
    getDemoServer: async () => ({ url: DEMO }),
    listHistory: async () => [],
    listCollection: async () => ({ folder: '/c', entries: [], truncated: false, envText: null, privateEnvText: null }),
  });
});
afterEach(() => {
  delete window.inspector;
});

const tabs = () => within(screen.getByRole('tablist', { name: 'Open exchanges' })).getAllByRole('tab');

describe('App (the workbench)', () => {
  it('opens tabs with New tab and Ctrl+T, closes them with Ctrl+W, and Undo brings one back', async () => {
    render(<App />);
    expect(await screen.findByRole('textbox', { name: 'URL' })).toHaveValue(
      `${DEMO}/chunked?count=5&size=32&delay=400`,
    );
    expect(tabs()).toHaveLength(1);
    expect(tabs()[0]).toHaveTextContent('GET /chunked?count=5&size=32&delay=400');
    await userEvent.click(screen.getByRole('button', { name: 'New tab' }));
    expect(tabs()).toHaveLength(2);
    expect(tabs()[1]).toHaveAttribute('aria-selected', 'true');
    // Only the shown tab's composer is in the page's accessibility tree.
    // (Typed without a click: jsdom lays nothing out, so the split panes take every click for a drag.)
    const url = screen.getByRole('textbox', { name: 'URL' });
    url.focus();
    await userEvent.keyboard('{Control>}a{/Control}{Backspace}');
    await userEvent.type(url, `${DEMO}/status?code=204`, { skipClick: true });
    expect(screen.getByRole('textbox', { name: 'URL' })).toHaveValue(`${DEMO}/status?code=204`);
    expect(tabs()[1]).toHaveTextContent('GET /status?code=204');
    await userEvent.keyboard('{Control>}t{/Control}');
    expect(tabs()).toHaveLength(3);
    await userEvent.keyboard('{Control>}w{/Control}');
    expect(tabs()).toHaveLength(2);
    await userEvent.keyboard('{Control>}w{/Control}');
    expect(tabs()).toHaveLength(1);
    expect(screen.getByRole('status')).toHaveTextContent('Closed GET /status?code=204.');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(tabs()).toHaveLength(2);
    expect(screen.getByRole('textbox', { name: 'URL' })).toHaveValue(`${DEMO}/status?code=204`);
    // Ctrl+Tab goes round the tabs.
    await userEvent.keyboard('{Control>}{Tab}{/Control}');
    expect(tabs()[0]).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('contentinfo', { name: 'Connection' })).toHaveTextContent(/2 tabs$/);
  });

  it('puts the response beside the request or under it, as chosen, and remembers the choice', async () => {
    const { unmount } = render(<App />);
    const stacked = screen.getByRole('button', { name: /Stacked/ });
    const side = screen.getByRole('button', { name: /Side by side/ });
    // jsdom's window is 1024 px wide: narrower than the side-by-side default needs.
    expect(stacked).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(side);
    expect(side).toHaveAttribute('aria-pressed', 'true');
    expect(stacked).toHaveAttribute('aria-pressed', 'false');
    const split = () => within(screen.getByRole('main')).getByRole('separator').getAttribute('aria-orientation');
    expect(split()).toBe('vertical');
    unmount();
    render(<App />);
    expect(screen.getByRole('button', { name: /Side by side/ })).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(screen.getByRole('button', { name: /Stacked/ }));
    expect(split()).toBe('horizontal');
  });

  it('has a skip link that moves the focus to the bytes', async () => {
    render(<App />);
    const skip = screen.getByRole('link', { name: 'Skip to response bytes' });
    await userEvent.click(skip);
    expect(
      within(screen.getByRole('region', { name: 'Sample response bytes' }))
        .getByText(/HTTP\/1\.1 200 OK/)
        .closest('pre'),
    ).toHaveFocus();
  });
});
