import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExchangeBatch, ExchangeSummary } from '../../shared/exchange-events';
import type { InspectorApi } from '../../shared/inspector-api';
import { HistoryStore } from '../store/history-store';
import { fakeApi } from '../test-support/fake-api';
import { HistoryList } from './HistoryList';

const ITEM: ExchangeSummary = {
  id: 'x1-abcd',
  method: 'GET',
  url: 'http://127.0.0.1:1/chunked',
  status: 'done',
  code: 200,
  startedAt: Date.now(),
  durationMs: 42,
  bytesSent: 60,
  bytesReceived: 2048,
};
const OTHER: ExchangeSummary = { ...ITEM, id: 'x2-abcd', method: 'POST', url: 'http://127.0.0.1:1/echo', code: 413 };

/** A history over a fake service whose list the test holds; deletions and clears change it. */
function served(initial: ExchangeSummary[], overrides: Partial<InspectorApi> = {}, undoMs = 50) {
  let items = [...initial];
  const deleteHistory = vi.fn(async (id: string) => {
    items = items.filter((i) => i.id !== id);
  });
  const clearHistory = vi.fn(async () => {
    const count = items.length;
    items = [];
    return count;
  });
  const onDeleted = vi.fn();
  const history = new HistoryStore(
    fakeApi({ listHistory: async () => items, deleteHistory, clearHistory, ...overrides }),
    onDeleted,
    undoMs,
  );
  history.attach();
  void history.refresh();
  return { history, deleteHistory, clearHistory, onDeleted };
}

describe('HistoryList', () => {
  it('lists past exchanges under their day, with bytes sent and received, and reopens one', async () => {
    const { history } = served([ITEM]);
    const onOpen = vi.fn();
    render(<HistoryList history={history} onOpen={onOpen} />);
    const table = await screen.findByRole('table', { name: 'History' });
    expect(within(table).getByRole('rowheader', { name: 'Today' })).toBeInTheDocument();
    const row = within(table).getAllByRole('row')[2]!;
    const open = within(row).getByRole('button', { name: 'Open GET http://127.0.0.1:1/chunked' });
    expect(open).toHaveTextContent(/^GET \/chunked200/);
    expect(open).toHaveAccessibleDescription(
      `200 done · 127.0.0.1:1 · ${new Date(ITEM.startedAt).toLocaleTimeString()} · 42 ms · sent 60 B, received 2.0 KiB`,
    );
    expect(within(open).getByText('200')).toHaveClass('history-status-2xx');
    await userEvent.click(open);
    expect(onOpen).toHaveBeenCalledWith(ITEM);
  });

  it('takes a deleted exchange off at once, and lets Undo bring it back with nothing deleted', async () => {
    const { history, deleteHistory, onDeleted } = served([ITEM, OTHER], {}, 60_000);
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    const table = await screen.findByRole('table', { name: 'History' });
    await userEvent.click(within(table).getByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' }));
    expect(within(table).queryByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' })).toBeNull();
    expect(onDeleted).toHaveBeenCalledWith('x1-abcd');
    expect(screen.getByRole('status')).toHaveTextContent('Deleted GET http://127.0.0.1:1/chunked.');
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(within(table).getByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(deleteHistory).not.toHaveBeenCalled();
    // A second deletion deletes the one before it at once: one can be undone at a time.
    await userEvent.click(within(table).getByRole('button', { name: 'Delete POST http://127.0.0.1:1/echo' }));
    await userEvent.click(within(table).getByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' }));
    await vi.waitFor(() => expect(deleteHistory).toHaveBeenCalledWith('x2-abcd'));
    expect(deleteHistory).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status')).toHaveTextContent('Deleted GET http://127.0.0.1:1/chunked.');
  });

  it('deletes the capture once the undo window has passed, and not before', async () => {
    vi.useFakeTimers();
    try {
      const { history, deleteHistory } = served([ITEM], {}, 8000);
      await vi.waitFor(() => expect(history.getSnapshot().items).toHaveLength(1));
      history.delete('x1-abcd');
      expect(history.getSnapshot()).toMatchObject({ items: [], deleted: ITEM });
      await vi.advanceTimersByTimeAsync(7999);
      expect(deleteHistory).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(deleteHistory).toHaveBeenCalledWith('x1-abcd');
      await vi.waitFor(() => expect(history.getSnapshot()).toMatchObject({ items: [], deleted: null }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('says nothing was deleted when the deletion fails, and shows why', async () => {
    const deleteHistory = async () => {
      throw new Error('EACCES');
    };
    const { history } = served([ITEM], { deleteHistory }, 10);
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'GET http://127.0.0.1:1/chunked could not be deleted: EACCES',
    );
    expect(screen.getByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' })).toBeInTheDocument();
    // It stays said: the list read again after the failure does not take the message away.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.getByRole('alert')).toHaveTextContent('could not be deleted: EACCES');
  });

  it('clears history only once the person confirms, and says how many went', async () => {
    const { history, clearHistory, onDeleted } = served([ITEM, OTHER]);
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    await screen.findByRole('table', { name: 'History' });
    await userEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Clear history?' });
    expect(dialog).toHaveTextContent('Delete all 2 exchanges and their captures?');
    expect(within(dialog).getByRole('button', { name: 'Keep them' })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Keep them' }));
    expect(clearHistory).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Clear history' }));
    await userEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(await screen.findByText('No exchanges yet.')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Cleared 2 exchanges from history.');
    expect(onDeleted.mock.calls.map(([id]) => id).sort()).toEqual(['x1-abcd', 'x2-abcd']);
  });

  it('filters by every word typed, and says when nothing matches', async () => {
    const { history } = served([ITEM, OTHER]);
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    await screen.findByRole('table', { name: 'History' });
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter history' }), 'post 413');
    expect(await screen.findAllByRole('button', { name: /^Open / })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Open POST http://127.0.0.1:1/echo' })).toBeInTheDocument();
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter history' }), ' nowhere');
    expect(await screen.findByText('No exchange matches “post 413 nowhere”.')).toBeInTheDocument();
  });

  it('reads the list again whenever an exchange starts or ends, whichever page sent it', async () => {
    let deliver: (batch: ExchangeBatch) => void = () => {};
    let items: ExchangeSummary[] = [];
    const history = new HistoryStore(
      fakeApi({
        listHistory: async () => items,
        subscribe: (listener) => {
          deliver = listener;
          return () => {};
        },
      }),
    );
    history.attach();
    void history.refresh();
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    expect(await screen.findByText('No exchanges yet.')).toBeInTheDocument();
    const batch = (events: ExchangeBatch['events']): ExchangeBatch => ({
      exchangeId: 'x1-abcd',
      seq: 0,
      t: 0,
      events,
      totals: { tx: 0, rx: 0 },
      previewDropped: 0,
      framesDropped: 0,
    });
    items = [{ ...ITEM, status: 'running', code: null, durationMs: null }];
    deliver(batch([{ type: 'started', t: 0, method: 'GET', url: ITEM.url }]));
    expect(await screen.findByRole('table', { name: 'History' })).toHaveTextContent('running');
    items = [ITEM];
    deliver(batch([{ type: 'bytes', t: 1, direction: 'rx', offset: 0, data: new Uint8Array(1) }]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByRole('table', { name: 'History' })).toHaveTextContent('running');
    deliver(batch([{ type: 'end', t: 2, status: 'done', bytesSent: 60, bytesReceived: 2048 }]));
    await vi.waitFor(() => expect(screen.getByRole('table', { name: 'History' })).not.toHaveTextContent('running'));
  });

  it('is one Tab stop: the arrow keys move between entries and their buttons, Delete deletes', async () => {
    const { history, deleteHistory } = served([ITEM, OTHER], {}, 10);
    render(
      <>
        <button type="button">before</button>
        <HistoryList history={history} onOpen={() => {}} onEdit={() => {}} />
        <button type="button">after</button>
      </>,
    );
    await screen.findByRole('table', { name: 'History' });
    const openFirst = screen.getByRole('button', { name: 'Open GET http://127.0.0.1:1/chunked' });
    const openSecond = screen.getByRole('button', { name: 'Open POST http://127.0.0.1:1/echo' });
    screen.getByRole('button', { name: 'Clear history' }).focus();
    await userEvent.tab();
    // The first stop is the first entry's pick box; its Open button is to the right.
    expect(screen.getByRole('checkbox', { name: 'Pick GET http://127.0.0.1:1/chunked for export' })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(openFirst).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'after' })).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(openFirst).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(openSecond).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    expect(screen.getByRole('button', { name: 'Edit and resend POST http://127.0.0.1:1/echo' })).toHaveFocus();
    await userEvent.keyboard('{ArrowUp}');
    expect(screen.getByRole('button', { name: 'Edit and resend GET http://127.0.0.1:1/chunked' })).toHaveFocus();
    await userEvent.keyboard('{End}{ArrowLeft}');
    expect(openSecond).toHaveFocus();
    // Space picks an entry for export from its box.
    await userEvent.keyboard('{ArrowLeft} ');
    expect(screen.getByRole('checkbox', { name: 'Pick POST http://127.0.0.1:1/echo for export' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Export HAR (1)' })).toBeEnabled();
    await userEvent.keyboard('{ArrowRight}');
    // The stop stays where the person left it.
    await userEvent.tab();
    await userEvent.tab({ shift: true });
    expect(openSecond).toHaveFocus();
    await userEvent.keyboard('{Delete}');
    expect(screen.queryByRole('button', { name: 'Open POST http://127.0.0.1:1/echo' })).toBeNull();
    await vi.waitFor(() => expect(deleteHistory).toHaveBeenCalledWith(OTHER.id));
  });
});
