// HTTPS from the composer: a server with a certificate no one vouches for is refused, the Explain
// panel says what to do, and trusting its CA (pasted under Connection) lets the same request through.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:https';
import { expect, test } from '@playwright/test';
import { generate } from 'selfsigned';
import { openApp } from './app-page';

let server: Server;
let cert: string;
let url: string;

test.beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  cert = pems.cert;
  server = createServer({ cert, key: pems.private }, (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('hello over TLS');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

test('a self-signed server is refused with what to do, and trusted once its CA is given', async ({ page }) => {
  await openApp(page);
  await page.getByRole('textbox', { name: 'URL' }).fill(url);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('error');
  await expect(page.getByRole('alert')).toContainText('HttpTlsError: The TLS handshake with 127.0.0.1 failed');
  const explain = page.getByRole('region', { name: 'Explain' });
  await expect(explain).toContainText('The connection failed');
  await expect(explain).toContainText('paste its CA certificate under Connection in the composer');
  await page.screenshot({ path: 'test-results/screenshots/tls-refused.png', fullPage: true });

  await page.getByText('Connection', { exact: true }).click();
  await page.getByRole('textbox', { name: 'Extra CA certificate (PEM)' }).fill(cert);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.locator('.state')).toHaveText('done');
  await expect(page.getByLabel('Status', { exact: true })).toHaveText('200');
  await expect(page.getByRole('region', { name: 'Response bytes' })).toContainText('hello over TLS');
  // What carried it: the connection, the TLS session and the certificate the CA vouched for.
  const connection = page.getByRole('region', { name: 'Connection' });
  await expect(connection.locator('summary')).toHaveText(
    /^Connection #\d+: 127\.0\.0\.1:\d+ · new connection · TLSv1\.[23], certificate verified$/,
  );
  await connection.locator('summary').click();
  await expect(connection).toContainText('verified against the trusted CAs');
  await expect(connection).toContainText(/SHA-256[0-9A-F:]{95}/);
  // Laid out as a person reads it: each value beside its name, in a column wide enough to show it
  // (a long fingerprint once widened the names' column until the values' had no width at all).
  for (const [index, text] of [
    [0, /^127\.0\.0\.1 to 127\.0\.0\.1$/],
    [1, /^from .* a new connection$/],
  ] as const) {
    const value = connection.locator('dd').nth(index);
    await expect(value).toHaveText(text);
    const box = (await value.boundingBox())!;
    expect(box.width).toBeGreaterThan(150);
    expect(box.height).toBeLessThan(40);
  }
  await page.screenshot({ path: 'test-results/screenshots/tls-trusted-connection.png', fullPage: true });
  await page.setViewportSize({ width: 760, height: 900 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: 'test-results/screenshots/tls-trusted-connection-760-dark.png', fullPage: true });
});
