// How this works: a multipart/form-data body (RFC 7578, on RFC 2046 section 5.1) laid out as the
// bytes around its parts, so that the composer can show them and the service can stream them: each
// part is "--BOUNDARY CRLF", its Content-Disposition (and Content-Type, for a file) header, a blank
// line and its content, then a CRLF; the body ends with "--BOUNDARY--" CRLF. A file part's content
// is the file, streamed by the service; everything else is text here. The service adds up the text
// pieces and the files it opened, so the body can go with a Content-Length.
import type { FileRef } from './exchange-spec';

export type MultipartPart = { name: string; value: string } | { name: string; file: FileRef; contentType: string };

/** A piece of the body: bytes known here, or a file's content. */
export type MultipartSegment = { kind: 'text'; text: string } | { kind: 'file'; file: FileRef };

/** RFC 2046 section 5.1.1: 1 to 70 characters of bchars, not ending in a space. */
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

export function boundaryProblems(boundary: string): string[] {
  return BOUNDARY.test(boundary)
    ? []
    : [
        "The multipart boundary must be 1 to 70 letters, digits or of '()+_,-./:=? and spaces, not ending in a space (RFC 2046 section 5.1.1).",
      ];
}

/** A name or file name for Content-Disposition: quotes, backslashes, line breaks escaped (RFC 7578 4.2). */
function quoted(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')}"`;
}

/** The body's pieces in order; text pieces are UTF-8 when sent. */
export function multipartSegments(boundary: string, parts: readonly MultipartPart[]): MultipartSegment[] {
  const out: MultipartSegment[] = [];
  for (const part of parts) {
    if ('file' in part) {
      out.push({
        kind: 'text',
        text: `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}; filename=${quoted(part.file.name)}\r\nContent-Type: ${part.contentType}\r\n\r\n`,
      });
      out.push({ kind: 'file', file: part.file });
      out.push({ kind: 'text', text: '\r\n' });
    } else {
      out.push({
        kind: 'text',
        text: `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}\r\n\r\n${part.value}\r\n`,
      });
    }
  }
  out.push({ kind: 'text', text: `--${boundary}--\r\n` });
  return out;
}

/** A fresh boundary, as browsers make them: unlikely in any content. */
export function newBoundary(random: () => number = Math.random): string {
  let tail = '';
  for (let i = 0; i < 24; i++) tail += Math.floor(random() * 36).toString(36);
  return `----LowhaioBoundary${tail}`;
}

/** The Content-Type a file is sent with, from its name, when the person sets none. */
export function contentTypeFor(fileName: string): string {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  return (
    {
      txt: 'text/plain',
      html: 'text/html',
      htm: 'text/html',
      css: 'text/css',
      csv: 'text/csv',
      js: 'text/javascript',
      json: 'application/json',
      xml: 'application/xml',
      pdf: 'application/pdf',
      zip: 'application/zip',
      gz: 'application/gzip',
      png: 'image/png',
      jpg: 'image/jpeg',
      jpeg: 'image/jpeg',
      gif: 'image/gif',
      webp: 'image/webp',
      svg: 'image/svg+xml',
      mp4: 'video/mp4',
      mp3: 'audio/mpeg',
      wasm: 'application/wasm',
    }[ext] ?? 'application/octet-stream'
  );
}
