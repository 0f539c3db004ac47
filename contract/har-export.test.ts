// HAR export over real exchanges: the app's real services on a temporary data folder run exchanges
// against the demo server (chunked, a POST with a body, a binary response, one that fails), and the
// page's exporter turns their captures into HAR 1.2, checked against the HAR schema (har-validator).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Har } from 'har-format';
import harValidator from 'har-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorApi } from '../shared/inspector-api';
import { startAppServices, type AppServices } from '../main/app-services';
import { harText } from '../renderer/store/har-export';
import { ended, get, listen } from './inspector-contract';

let dataDir: string;
let services: AppServices;
let api: InspectorApi;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'har-export-'));
  services = await startAppServices(dataDir, {
    name: 'Lowhaio Inspector',
    version: '9.9.9',
    shell: 'browser',
    runtime: {},
    platform: process.platform,
  });
  // The backend answers as a transport would (every call a promise).
  api = Object.fromEntries(
    Object.entries(services.backend).map(([name, fn]) => [
      name,
      async (...args: unknown[]) => (fn as (...a: unknown[]) => unknown)(...args),
    ]),
  ) as unknown as InspectorApi;
});
afterAll(async () => {
  await services.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('HAR export', () => {
  it('writes HAR 1.2 that validates, with heads, decoded bodies and timings of each exchange', async () => {
    const demo = services.demo.url;
    const { batches, stop } = listen(services.service as unknown as InspectorApi);
    const ids = [
      services.service.send(get(`${demo}/chunked?count=3&size=4`)),
      services.service.send(
        get(`${demo}/echo?x=1`, {
          method: 'POST',
          headers: [{ name: 'Content-Type', value: 'text/plain', enabled: true }],
          body: { kind: 'text', text: 'héllo', framing: 'chunked', chunkSize: 2 },
        }),
      ),
      services.service.send(get('http://127.0.0.1:1/refused')),
    ];
    try {
      for (const id of ids) await ended(batches, id);
    } finally {
      stop();
    }
    const history = await api.listHistory();
    const summaries = ids.map((id) => history.find((item) => item.id === id)!);
    const text = await harText(api, summaries);
    const har = JSON.parse(text) as Har;
    // The validator resolves with the HAR when it is valid, and rejects (naming the fault) when not.
    await expect(harValidator.har(har)).resolves.toBe(har);
    await expect(
      harValidator.har({ log: { ...har.log, entries: [{ ...har.log.entries[0], time: 'soon' }] } }),
    ).rejects.toThrow();
    expect(har.log.creator).toEqual({ name: 'Lowhaio Inspector', version: '9.9.9' });
    const [chunked, post, refused] = har.log.entries;
    expect(chunked!.response).toMatchObject({ status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', bodySize: 12 });
    expect(chunked!.response.content.text).toHaveLength(12);
    expect(chunked!.response.headers).toContainEqual({ name: 'Transfer-Encoding', value: 'chunked' });
    expect(chunked!.timings.wait).toBeGreaterThanOrEqual(0);
    // The request body as the server got it: chunk data joined, no framing.
    expect(post!.request).toMatchObject({
      method: 'POST',
      queryString: [{ name: 'x', value: '1' }],
      postData: { mimeType: 'text/plain', text: 'héllo' },
      bodySize: 6,
    });
    expect(post!.request.headers).toContainEqual({ name: 'transfer-encoding', value: 'chunked' });
    expect(refused!.response.status).toBe(0);
    expect(refused!.comment).toMatch(/^exchange error: /);
  });
});
