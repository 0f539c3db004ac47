import { describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../shared/exchange-events';
import { historyGroups, matchesFilter } from './history-groups';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).getTime();
const item = (id: string, startedAt: number, extra: Partial<ExchangeSummary> = {}): ExchangeSummary => ({
  id,
  method: 'GET',
  url: `http://127.0.0.1:1/${id}`,
  status: 'done',
  code: 200,
  startedAt,
  durationMs: 5,
  bytesSent: 10,
  bytesReceived: 20,
  ...extra,
});

describe('historyGroups', () => {
  const now = at(2026, 11, 2, 9);
  const items = [
    item('a', at(2026, 11, 2, 8)),
    item('b', at(2026, 11, 2, 1), { method: 'POST', code: 413 }),
    item('c', at(2026, 11, 1, 23)),
    item('d', at(2026, 10, 28), { status: 'error', code: null }),
  ];

  it('groups by local day, newest first, as Today, Yesterday and dates', () => {
    expect(historyGroups(items, '', now).map((group) => [group.label, group.items.map((i) => i.id)])).toEqual([
      ['Today', ['a', 'b']],
      ['Yesterday', ['c']],
      ['Saturday, 28 November 2026', ['d']],
    ]);
  });

  it('keeps only what matches every word of the filter, in method, URL, status or code', () => {
    expect(historyGroups(items, 'post 413', now).flatMap((group) => group.items.map((i) => i.id))).toEqual(['b']);
    expect(historyGroups(items, '  ERROR ', now).flatMap((group) => group.items.map((i) => i.id))).toEqual(['d']);
    expect(historyGroups(items, 'nothing-like-it', now)).toEqual([]);
    expect(matchesFilter(items[0]!, '')).toBe(true);
  });
});
