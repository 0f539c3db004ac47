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
        // --compressed asks for what curl can decode.
        { name: 'Accept-Encoding', value: 'deflate, gzip, br, zstd', enabled: true },
      ],
      body: '{"name":"a b"}',
      form: [],
      bodyFile: null,
      caFile: null,
      verifyTls: true,
      followRedirects: false,
      chunkSize: null,
      ignored: [],
    });
  });

  it('reads options as curl does: combined flags, attached values, forms, files to choose, an unquoted ?', () => {
    const parsed = parseCurl("curl -sS -XPOST -H 'a: b' -F 'f=@file.txt' -Fname=value --compressed http://h/up?x=1");
    expect(parsed).toMatchObject({
      method: 'POST',
      url: 'http://h/up?x=1',
      headers: [
        { name: 'a', value: 'b' },
        { name: 'Accept-Encoding', value: 'deflate, gzip, br, zstd' },
      ],
      body: null,
      form: [
        { name: 'f', file: 'file.txt', contentType: null },
        { name: 'name', value: 'value' },
      ],
      ignored: ['-s', '-S'],
    });
    expect(parseCurl('curl -d@body.json -kL --cacert ca.pem https://h/')).toMatchObject({
      method: 'POST',
      bodyFile: 'body.json',
      caFile: 'ca.pem',
      verifyTls: false,
      followRedirects: true,
    });
    expect(parseCurl('curl -T big.iso http://h/put')).toMatchObject({ method: 'PUT', bodyFile: 'big.iso' });
    expect(parseCurl("curl -F 'f=@a.png;type=image/png' --form-string 'at=@literal' http://h/").form).toEqual([
      { name: 'f', file: 'a.png', contentType: 'image/png' },
      { name: 'at', value: '@literal' },
    ]);
    expect(
      parseCurl("curl -G --data-urlencode 'q=a b&c' --data-urlencode '=x y' --data-urlencode plain http://h/s").url,
    ).toBe('http://h/s?q=a%20b%26c&x%20y&plain');
    expect(parseCurl('curl -o out.bin --max-time 5 -v http://h/').ignored).toEqual([
      '-o out.bin',
      '--max-time 5',
      '-v',
    ]);
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
    expect(() => parseCurl('curl --proxy http://p:1 -Z --socks5 x http://h/')).toThrow(
      'The curl options --proxy, -Z, --socks5 are not understood here; remove them, or set what they do by hand.',
    );
    expect(() => parseCurl('curl http://h/ | jq .')).toThrow(/shell syntax/);
    expect(() => parseCurl('curl -H nocolon http://h/')).toThrow(/no "name: value" form/);
    expect(() => parseCurl('curl -X')).toThrow('-X needs a value.');
    expect(() => parseCurl('curl -s')).toThrow('The command names no URL.');
    expect(() => parseCurl('curl -F a=1 -d b=2 http://h/')).toThrow(/both form fields/);
    expect(() => parseCurl('curl http://a/ http://b/')).toThrow(
      'The command names 2 URLs (http://a/, http://b/); keep one.',
    );
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

  it('keeps the chunk size in a comment, asks for HTTP/1.1 over https, and writes multipart fields as -F', () => {
    const chunked: ExchangeSpec = {
      ...spec,
      url: 'https://h/up',
      params: [],
      headers: [],
      body: { kind: 'text', text: 'abc', framing: 'chunked', chunkSize: 2 },
    };
    const command = toCurl(chunked);
    expect(command).toBe(
      "curl -X POST https://h/up --http1.1 -H 'Transfer-Encoding: chunked' --data-binary abc --insecure # lowhaio: chunk-size=2",
    );
    expect(parseCurl(command)).toMatchObject({ url: 'https://h/up', body: 'abc', chunkSize: 2, verifyTls: false });
    const multipart = toCurl({
      ...spec,
      params: [],
      headers: [],
      body: {
        kind: 'multipart',
        boundary: 'B',
        framing: 'length',
        chunkSize: 16384,
        parts: [
          { name: 'a', value: '@not a file' },
          {
            name: 'f',
            file: { via: 'upload', uploadId: 'upload-12345678', name: 'x.png', size: 1 },
            contentType: 'image/png',
          },
        ],
      },
    });
    expect(parseCurl(multipart).form).toEqual([
      { name: 'a', value: '@not a file' },
      { name: 'f', file: 'x.png', contentType: 'image/png' },
    ]);
  });
});
