import { describe, expect, it } from 'vitest';
import { multipartContentType } from './exchange-spec';
import { boundaryProblems, contentTypeFor, multipartSegments, newBoundary } from './multipart';

describe('multipart/form-data', () => {
  it('lays a body out as RFC 7578 says, names escaped', () => {
    const file = { via: 'upload' as const, uploadId: 'upload-12345678', name: 'a\nb.png', size: 10 };
    const segments = multipartSegments('B', [
      { name: 'say "hi"', value: 'ünïcode' },
      { name: 'f', file, contentType: 'image/png' },
    ]);
    expect(segments).toEqual([
      { kind: 'text', text: '--B\r\nContent-Disposition: form-data; name="say \\"hi\\""\r\n\r\nünïcode\r\n' },
      {
        kind: 'text',
        text: '--B\r\nContent-Disposition: form-data; name="f"; filename="a%0Ab.png"\r\nContent-Type: image/png\r\n\r\n',
      },
      { kind: 'file', file },
      { kind: 'text', text: '\r\n' },
      { kind: 'text', text: '--B--\r\n' },
    ]);
  });

  it('checks boundaries (RFC 2046 section 5.1.1), quotes them in the Content-Type when needed, and makes fresh ones', () => {
    expect(boundaryProblems('simple-1')).toEqual([]);
    expect(boundaryProblems('with space')).toEqual([]);
    expect(boundaryProblems('ends in space ')).toHaveLength(1);
    expect(boundaryProblems('x'.repeat(71))).toHaveLength(1);
    expect(boundaryProblems('semi;colon')).toHaveLength(1);
    expect(multipartContentType('abc')).toBe('multipart/form-data; boundary=abc');
    expect(multipartContentType('a:b')).toBe('multipart/form-data; boundary="a:b"');
    expect(newBoundary()).toMatch(/^----LowhaioBoundary[0-9a-z]{24}$/);
    expect(boundaryProblems(newBoundary())).toEqual([]);
    expect(contentTypeFor('Photo.JPG')).toBe('image/jpeg');
    expect(contentTypeFor('data')).toBe('application/octet-stream');
  });
});
