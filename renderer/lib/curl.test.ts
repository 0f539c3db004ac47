import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_MS, type ExchangeSpec } from '../../shared/exchange-spec';
import { isCurlCommand, parseCurl, toCurl } from './curl';

describe('parseCurl', () => {
  it('reads a command copied from developer tools, line continuations and quotes included', () => {
    const command = `curl 'https://api.example.com/items?page=2' \\
  -X PUT \\
  -H 'Content-Type: application/json' \\
  -H "Authorization: Bearer abc" \\
  --data-raw '{"name":"a b"}' \\
  --compressed`;
    expect(isCurlCommand(command)).toBe(true);
    expect(parseCurl(command)).toEqual({
      method: 'PUT',
      url: 'https://api.example.com/items?page=2',
      headers: [
        { name: 'Content-Type', value: 'application/json', enabled: true },
        { name: 'Authorization', value: 'Bearer abc', enabled: true },
      ],
      body: '{"name":"a b"}',
      verifyTls: true,
    });
  });

  it('follows curl: -d means POST with a form type, -G moves data to the query, -I is HEAD, -u is Basic, -k skips verification', () => {
    expect(parseCurl('curl -d a=1 -d b=2 example.com')).toMatchObject({
      method: 'POST',
      url: 'http://example.com',
      body: 'a=1&b=2',
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
    });
    expect(parseCurl('curl -G -d q=x http://h/s')).toMatchObject({ method: 'GET', url: 'http://h/s?q=x', body: null });
    expect(parseCurl('curl -I http://h/')).toMatchObject({ method: 'HEAD' });
    expect(parseCurl('curl -u user:pw -k --url=https://h/')).toMatchObject({
      url: 'https://h/',
      verifyTls: false,
      headers: [{ name: 'Authorization', value: 'Basic dXNlcjpwdw==' }],
    });
  });

  it('refuses what it cannot import, saying what', () => {
    expect(() => parseCurl('curl -F file=@a.txt http://h/')).toThrow('The curl option -F is not understood here');
    expect(() => parseCurl('curl http://h/ | jq .')).toThrow(/shell syntax/);
    expect(() => parseCurl('curl -H nocolon http://h/')).toThrow(/no "name: value" form/);
    expect(() => parseCurl('curl -X')).toThrow('-X needs a value.');
    expect(() => parseCurl('curl -s')).toThrow('The command names no URL.');
    expect(() => parseCurl('curl --data-binary @big.bin http://h/')).toThrow(/choose the file as the body instead/);
  });
});

describe('toCurl', () => {
  const spec: ExchangeSpec = {
    method: 'POST',
    url: 'http://127.0.0.1:5000/echo',
    params: [
      { name: 'q', value: 'a b', enabled: true },
      { name: 'off', value: '1', enabled: false },
    ],
    headers: [
      { name: 'X-Note', value: "it's", enabled: true },
      { name: 'X-Off', value: '1', enabled: false },
    ],
    body: { kind: 'text', text: 'hello world', framing: 'length', chunkSize: 16384 },
    timeoutMs: DEFAULT_TIMEOUT_MS,
    verifyTls: false,
  };

  it('writes enabled params and headers, the body and --insecure, quoted for a shell', () => {
    expect(toCurl(spec)).toBe(
      `curl -X POST 'http://127.0.0.1:5000/echo?q=a+b' -H 'X-Note: it'\\''s' --data-binary 'hello world' --insecure`,
    );
  });

  it('round-trips through parseCurl', () => {
    const parsed = parseCurl(toCurl({ ...spec, verifyTls: true }));
    expect(parsed).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:5000/echo?q=a+b',
      body: 'hello world',
      verifyTls: true,
    });
    expect(parsed.headers[0]).toEqual({ name: 'X-Note', value: "it's", enabled: true });
  });
});
