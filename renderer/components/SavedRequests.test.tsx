import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { SavedRequestsStore } from '../store/saved-requests-store';
import { fakeApi } from '../test-support/fake-api';
import { memoryCollection } from '../test-support/memory-collection';
import { SavedRequests } from './SavedRequests';

const ONE = '### login\nPOST http://h/login\n';
const TWO = '### a\nGET http://h/a\n\n### b\nGET http://h/b\n';

function setUp(envText: string | null = null) {
  const memory = memoryCollection({ 'api/login.http': ONE, 'two.http': TWO }, ['api'], envText);
  const storage = new Map<string, string>();
  const saved = new SavedRequestsStore(
    fakeApi(memory.api),
    {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
    50,
  );
  const onOpen = vi.fn();
  render(<SavedRequests saved={saved} onOpen={onOpen} />);
  return { ...memory, saved, onOpen, storage };
}

describe('SavedRequests', () => {
  it('lists folders and files as a tree, opens a file of one request at once, and lets one of several be picked', async () => {
    const { onOpen } = setUp();
    const tree = await screen.findByRole('list', { name: 'Saved requests' });
    expect(
      within(tree)
        .getAllByRole('button', { name: /^(Open|Folder) / })
        .map((b) => b.textContent),
    ).toEqual(['▾api', '·login', '·two']);
    await userEvent.click(screen.getByRole('button', { name: 'Open api/login.http' }));
    expect(onOpen).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'login', method: 'POST', url: 'http://h/login' }),
      { path: 'api/login.http', index: 0, name: 'login', variables: [] },
      [],
    );
    await userEvent.click(screen.getByRole('button', { name: 'Open two.http' }));
    const choices = screen.getByRole('list', { name: 'Requests in two.http' });
    await userEvent.click(within(choices).getByRole('button', { name: 'b' }));
    expect(onOpen).toHaveBeenLastCalledWith(
      expect.objectContaining({ url: 'http://h/b' }),
      expect.objectContaining({ index: 1 }),
      [],
    );
    // A folder folds its entries away.
    await userEvent.click(screen.getByRole('button', { name: 'Folder api' }));
    expect(screen.getByRole('button', { name: 'Folder api' })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Open api/login.http' })).toBeNull();
  });

  it('renames in place, duplicates, deletes with Undo, and refuses to delete a folder that is not empty', async () => {
    const { texts } = setUp();
    await userEvent.click(await screen.findByRole('button', { name: 'Rename two.http' }));
    const field = screen.getByRole('textbox', { name: 'New name for two.http' });
    await userEvent.clear(field);
    await userEvent.type(field, 'pair{Enter}');
    expect(await screen.findByRole('button', { name: 'Open pair.http' })).toBeInTheDocument();
    expect(texts.get('pair.http')).toBe(TWO);
    await userEvent.click(screen.getByRole('button', { name: 'Duplicate pair.http' }));
    expect(await screen.findByRole('button', { name: 'Open pair copy.http' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete pair copy.http' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Deleted pair copy.http.');
    expect(texts.has('pair copy.http')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('button', { name: 'Open pair copy.http' })).toBeInTheDocument();
    expect(texts.get('pair copy.http')).toBe(TWO);
    await userEvent.click(screen.getByRole('button', { name: 'Delete api' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not delete api: api is not empty');
  });

  it('switches environments, remembers the choice for the folder, and says what is wrong with the env file', async () => {
    const { saved, storage } = setUp('{"dev": {"host": "d"}, "prod": {"host": "p"}, "bad": 1}');
    const select = await screen.findByRole('combobox', { name: 'Environment' });
    await vi.waitFor(() =>
      expect(
        within(select)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['No environment', 'dev', 'prod']),
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'http-client.env.json: the environment "bad" must be an object of variables.',
    );
    await userEvent.selectOptions(select, 'prod');
    expect(saved.variables().get('host')).toBe('p');
    expect(storage.get('lowhaio.environment:/memory')).toBe('prod');
    expect(saved.variables([['host', 'file']]).get('host')).toBe('file');
  });

  it('is one Tab stop: the arrow keys walk the entries, F2 renames, Delete deletes', async () => {
    setUp();
    const login = await screen.findByRole('button', { name: 'Open api/login.http' });
    screen.getByRole('combobox', { name: 'Environment' }).focus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Folder api' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(login).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Rename api/login.http' })).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}{F2}');
    expect(screen.getByRole('textbox', { name: 'New name for api/login.http' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('textbox', { name: 'New name for api/login.http' })).toBeNull();
  });

  it('lists again when the window comes back to the front (files changed by git or another editor)', async () => {
    const { texts } = setUp();
    await screen.findByRole('button', { name: 'Open two.http' });
    texts.set('new.http', 'GET http://h/new\n');
    window.dispatchEvent(new Event('focus'));
    expect(await screen.findByRole('button', { name: 'Open new.http' })).toBeInTheDocument();
  });
});
