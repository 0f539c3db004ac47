import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExchangeBatch, ExchangeSummary } from '../../shared/exchange-events';
import { fakeApi } from '../test-support/fake-api';
import { HistoryStore } from '../store/history-store';
import { HistoryList } from './HistoryList';

const ITEM: ExchangeSummary = {
  id: 'x1-abcd',
  method: 'GET',
  url: 'http://127.0.0.1:1/chunked',
  status: 'done',
  code: 200,
  startedAt: Date.UTC(2026, 10, 25, 12),
  durationMs: 42,
  bytesSent: 60,
  bytesReceived: 2048,
};

describe('HistoryList', () => {
  it('lists past exchanges, reopens one, and deletes one (and says so)', async () => {
    let items = [ITEM];
    const deleteHistory = vi.fn(async (id: string) => {
      items = items.filter((i) => i.id !== id);
    });
    const onOpen = vi.fn();
    const onDeleted = vi.fn();
    const history = new HistoryStore(fakeApi({ listHistory: async () => items, deleteHistory }), onDeleted);
    void history.refresh();
    render(<HistoryList history={history} onOpen={onOpen} />);
    const table = await screen.findByRole('table', { name: 'History' });
    const row = within(table).getAllByRole('row')[1]!;
    expect([...row.querySelectorAll('td')].slice(0, 4).map((c) => c.textContent)).toEqual([
      'GET',
      'http://127.0.0.1:1/chunked',
      '200',
      '2.0 KiB',
    ]);
    await userEvent.click(within(row).getByRole('button', { name: 'Open GET http://127.0.0.1:1/chunked' }));
    expect(onOpen).toHaveBeenCalledWith(ITEM);
    await userEvent.click(within(row).getByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' }));
    expect(deleteHistory).toHaveBeenCalledWith('x1-abcd');
    expect(await screen.findByText('No exchanges yet.')).toBeInTheDocument();
    expect(onDeleted).toHaveBeenCalledWith('x1-abcd');
  });

  it('says nothing was deleted when the deletion fails, and shows why', async () => {
    const onDeleted = vi.fn();
    const deleteHistory = async () => {
      throw new Error('The capture of x1-abcd could not be deleted: EACCES');
    };
    const history = new HistoryStore(fakeApi({ listHistory: async () => [ITEM], deleteHistory }), onDeleted);
    void history.refresh();
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be deleted: EACCES');
    expect(onDeleted).not.toHaveBeenCalled();
  });

  it('reads the list again whenever an exchange ends, whichever page sent it', async () => {
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
    void history.refresh();
    render(<HistoryList history={history} onOpen={vi.fn()} />);
    expect(await screen.findByText('No exchanges yet.')).toBeInTheDocument();
    items = [ITEM];
    const batch = (events: ExchangeBatch['events']): ExchangeBatch => ({
      exchangeId: 'x1-abcd',
      seq: 0,
      t: 0,
      events,
      totals: { tx: 0, rx: 0 },
      previewDropped: 0,
      framesDropped: 0,
    });
    deliver(batch([{ type: 'started', t: 0, method: 'GET', url: ITEM.url }]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.getByText('No exchanges yet.')).toBeInTheDocument();
    deliver(batch([{ type: 'end', t: 1, status: 'done', bytesSent: 60, bytesReceived: 2048 }]));
    expect(await screen.findByRole('table', { name: 'History' })).toHaveTextContent('http://127.0.0.1:1/chunked');
  });
});
