import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ExchangeSummary } from '../../shared/exchange-events';
import { fakeApi } from '../test-support/fake-api';
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
    render(
      <HistoryList
        api={fakeApi({ listHistory: async () => items, deleteHistory })}
        version=""
        onOpen={onOpen}
        onDeleted={onDeleted}
      />,
    );
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
    render(
      <HistoryList
        api={fakeApi({ listHistory: async () => [ITEM], deleteHistory })}
        version=""
        onOpen={vi.fn()}
        onDeleted={onDeleted}
      />,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Delete GET http://127.0.0.1:1/chunked' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be deleted: EACCES');
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
