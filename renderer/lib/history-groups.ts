// Past exchanges as the History list shows them: those that match the filter (every word of it found
// in the method, URL, status or code, case aside), grouped by the local day they started on, newest
// day first, in the order they came (newest first).
import type { ExchangeSummary } from '../../shared/exchange-events';

export interface HistoryGroup {
  /** "Today", "Yesterday", or the date, e.g. "Monday, 30 November 2026". */
  label: string;
  items: ExchangeSummary[];
}

function dayKey(time: number): string {
  const day = new Date(time);
  return `${day.getFullYear()}-${day.getMonth()}-${day.getDate()}`;
}

function dayLabel(time: number, now: number): string {
  if (dayKey(time) === dayKey(now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(yesterday.getDate() - 1);
  if (dayKey(time) === dayKey(yesterday.getTime())) return 'Yesterday';
  return new Date(time).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

export function matchesFilter(item: ExchangeSummary, filter: string): boolean {
  const haystack = `${item.method} ${item.url} ${item.status} ${item.code ?? ''}`.toLowerCase();
  return filter
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .every((word) => haystack.includes(word));
}

export function historyGroups(items: ExchangeSummary[], filter: string, now = Date.now()): HistoryGroup[] {
  const groups: HistoryGroup[] = [];
  let lastKey = '';
  for (const item of items) {
    if (!matchesFilter(item, filter)) continue;
    const key = dayKey(item.startedAt);
    if (groups.length === 0 || key !== lastKey) groups.push({ label: dayLabel(item.startedAt, now), items: [] });
    lastKey = key;
    groups[groups.length - 1]!.items.push(item);
  }
  return groups;
}
