// How this works: exports exchanges for other tools: as HAR 1.2 (renderer/lib/har.ts), one or many
// (a selection of the history), and one exchange's request as a .http file. Each capture is read as
// a reopened one is (its frames page by page, capture-pages.ts, its bytes in pieces of at most MAX_READ_BYTES, up to
// the body limit), then saved through the shell (a download in browser mode, a save dialog in the
// desktop app). Progress and failures are said in words.
import type { ExchangeSummary } from '../../shared/exchange-events';
import { formatHttpRequest } from '../../shared/http-file';
import type { CapturedFrame, InspectorApi, SaveResult } from '../../shared/inspector-api';
import { HAR_BODY_LIMIT, harEntry, harLog, type CapturedExchange } from '../lib/har';
import { requestFromDraft } from '../lib/draft-http';
import { framePages } from './capture-pages';
import { draftFromSpec } from './composer-draft';

/** The most bytes one readBytes call returns (the service's MAX_READ_BYTES). */
const READ_PIECE = 4 * 1024 * 1024;
/** Head bytes read beyond the body limit (a head is at most this large). */
const HEAD_ROOM = 256 * 1024;

async function bytesOf(api: InspectorApi, id: string, direction: 'tx' | 'rx', total: number): Promise<Uint8Array> {
  const want = Math.min(total, HAR_BODY_LIMIT + HEAD_ROOM);
  const out = new Uint8Array(want);
  for (let at = 0; at < want;) {
    const piece = await api.readBytes(id, direction, at, Math.min(want, at + READ_PIECE));
    if (piece.length === 0) break;
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

export async function capturedExchange(api: InspectorApi, summary: ExchangeSummary): Promise<CapturedExchange> {
  const frames: CapturedFrame[] = [];
  for await (const page of framePages(api, summary.id)) frames.push(...page);
  const [tx, rx] = await Promise.all([
    bytesOf(api, summary.id, 'tx', summary.bytesSent),
    bytesOf(api, summary.id, 'rx', summary.bytesReceived),
  ]);
  return { summary, frames, bytes: { tx, rx } };
}

/** The exchanges as one HAR file's text. */
export async function harText(api: InspectorApi, summaries: readonly ExchangeSummary[]): Promise<string> {
  const entries = [];
  for (const summary of summaries) entries.push(harEntry(await capturedExchange(api, summary)));
  const { version } = await api.getAppInfo();
  return `${JSON.stringify(harLog(entries, version), null, 2)}\n`;
}

const stamp = (time: number) => new Date(time).toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');

export async function exportHar(api: InspectorApi, summaries: readonly ExchangeSummary[]): Promise<SaveResult> {
  const name =
    summaries.length === 1
      ? `${summaries[0]!.id}.har`
      : `lowhaio-${summaries.length}-exchanges-${stamp(Date.now())}.har`;
  return api.saveText(name, await harText(api, summaries), 'application/json');
}

/** The request an exchange sent, as a .http file (null when its capture kept no request). */
export async function exportHttp(api: InspectorApi, summary: ExchangeSummary): Promise<SaveResult | null> {
  const spec = await api.getSpec(summary.id);
  if (!spec) return null;
  const { request } = requestFromDraft(draftFromSpec(spec), `${summary.method} ${summary.url}`.slice(0, 80));
  return api.saveText(`${summary.id}.http`, formatHttpRequest(request), 'text/plain');
}
