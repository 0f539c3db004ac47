import { describe, expect, it } from 'vitest';
import {
  formatHttpFile,
  formatHttpRequest,
  httpRequestProblems,
  parseHttpFile,
  type HttpFileRequest,
} from './http-file';

const REQUEST: HttpFileRequest = {
  name: 'create-item',
  method: 'POST',
  url: 'https://{{host}}/items?draft=1',
  headers: [
    { name: 'Content-Type', value: 'application/json', enabled: true },
    { name: 'X-Debug', value: '1', enabled: false },
  ],
  body: '{\n  "name": "{{name}}"\n}',
  bodyFile: null,
  chunkSize: 16,
  timeoutMs: 5000,
  insecure: true,
  line: 7,
};

describe('.http files', () => {
  it('writes a request as the editors read it, and reads it back the same', () => {
    const text = formatHttpRequest(REQUEST);
    expect(text).toBe(
      [
        '### create-item',
        '# @name create-item',
        '# @lowhaio-chunked 16',
        '# @lowhaio-timeout-ms 5000',
        '# @lowhaio-insecure',
        '# @lowhaio-disabled X-Debug: 1',
        'POST https://{{host}}/items?draft=1',
        'Content-Type: application/json',
        '',
        '{',
        '  "name": "{{name}}"',
        '}',
        '',
      ].join('\n'),
    );
    const parsed = parseHttpFile(text);
    expect(parsed.problems).toEqual([]);
    // Disabled rows come first once read back (they are written as comments before the request line).
    expect(parsed.requests).toEqual([
      { ...REQUEST, headers: [REQUEST.headers[1], REQUEST.headers[0]], span: { start: 0, end: 13 } },
    ]);
  });

  it('reads a file the JetBrains HTTP Client and the VS Code REST Client both read', () => {
    const file = [
      '@base = http://127.0.0.1:8080',
      '',
      '### List users',
      '// A comment in the REST Client style',
      'GET {{base}}/users',
      '    ?page=2',
      '    &limit=10',
      'Accept: application/json',
      '',
      '###',
      '# @name login',
      'POST {{base}}/login HTTP/1.1',
      'Content-Type: application/x-www-form-urlencoded',
      '',
      'user=a&password=b',
      '',
      '> {%',
      '  client.global.set("token", response.body.token);',
      '%}',
      '',
      '### Just a URL',
      'https://example.test/',
      '',
    ].join('\r\n');
    const parsed = parseHttpFile(file);
    expect(parsed.variables).toEqual([['base', 'http://127.0.0.1:8080']]);
    expect(parsed.requests.map((r) => [r.name, r.method, r.url, r.body, r.line])).toEqual([
      ['List users', 'GET', '{{base}}/users?page=2&limit=10', null, 5],
      ['login', 'POST', '{{base}}/login', 'user=a&password=b', 12],
      ['Just a URL', 'GET', 'https://example.test/', null, 22],
    ]);
    expect(parsed.requests[0]!.headers).toEqual([{ name: 'Accept', value: 'application/json', enabled: true }]);
    // The response handler is named, not silently dropped.
    expect(parsed.problems).toEqual([{ line: 17, message: expect.stringMatching(/^Response handlers \(> script\)/) }]);
  });

  it('names what it does not support: other HTTP versions, body files, editor settings, bad header lines', () => {
    const parsed = parseHttpFile(
      ['# @no-redirect', 'PUT http://h/x HTTP/2', 'not a header', '', '< ./upload.bin'].join('\n'),
    );
    expect(parsed.requests[0]).toMatchObject({
      method: 'PUT',
      url: 'http://h/x',
      bodyFile: './upload.bin',
      body: null,
    });
    expect(parsed.problems.map((p) => [p.line, p.message.split(/[;:]/)[0]])).toEqual([
      [1, '@no-redirect is a setting of the editors that write .http files'],
      [2, 'The request asks for HTTP/2'],
      [3, '"not a header" is not a header line (Name'],
      [5, 'The body is the file ./upload.bin'],
    ]);
  });

  it('says why a request cannot be written, rather than writing a file that reads differently', () => {
    expect(httpRequestProblems(REQUEST)).toEqual([]);
    expect(httpRequestProblems({ ...REQUEST, body: 'a\n### b' })).toEqual([
      'A body line starts with ###, which a .http file reads as the start of the next request.',
    ]);
    expect(httpRequestProblems({ ...REQUEST, url: 'http://h/\nx' })).toHaveLength(1);
  });

  it('writes several requests and the file variables as one file that reads back whole', () => {
    const second = {
      ...REQUEST,
      name: null,
      method: 'GET',
      body: null,
      chunkSize: null,
      timeoutMs: null,
      insecure: false,
      headers: [],
    };
    const text = formatHttpFile([REQUEST, second], [['host', '127.0.0.1']]);
    const parsed = parseHttpFile(text);
    expect(parsed.variables).toEqual([['host', '127.0.0.1']]);
    expect(parsed.requests.map((r) => [r.name, r.method, r.body])).toEqual([
      ['create-item', 'POST', REQUEST.body],
      [null, 'GET', null],
    ]);
    expect(parsed.problems).toEqual([]);
  });
});

describe('replaceHttpRequest', () => {
  it('replaces one request of a file written by hand and keeps every other line as it was', async () => {
    const { replaceHttpRequest } = await import('./http-file');
    const file = [
      '@base = http://h',
      '',
      '### first',
      'GET {{base}}/a',
      '',
      '> {% client.test("ok", () => {}); %}',
      '',
      '### second',
      '// keep me',
      'GET {{base}}/b',
      '',
    ].join('\n');
    const parsed = parseHttpFile(file);
    const second = { ...parsed.requests[1]!, url: '{{base}}/b2' };
    expect(replaceHttpRequest(file, 1, second)).toBe(
      [
        '@base = http://h',
        '',
        '### first',
        'GET {{base}}/a',
        '',
        '> {% client.test("ok", () => {}); %}',
        '',
        '### second',
        '# @name second',
        'GET {{base}}/b2',
        '',
      ].join('\n'),
    );
    const first = { ...parsed.requests[0]!, method: 'POST' };
    const replaced = replaceHttpRequest(file, 0, first);
    expect(replaced).toContain('### first\n# @name first\nPOST {{base}}/a\n\n### second\n// keep me\n');
    expect(parseHttpFile(replaced).requests.map((r) => r.url)).toEqual(['{{base}}/a', '{{base}}/b']);
  });
});
