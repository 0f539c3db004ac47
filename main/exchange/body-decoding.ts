// How this works: the content codings of a response body (Content-Encoding, RFC 9110 section
// 8.4), undone as a layer above the wire bytes. The body as sent (the capture's body and chunk-data
// bytes, dechunked) is streamed through one zlib decompressor per coding, last applied first, into
// a file beside the capture (body.decoded), so that no body is ever held whole in memory and the
// views read windows of it. What decoding finds (the codings, both lengths, an error in words) is
// kept in body.json beside it: decoding runs once per capture. A corrupt or unsupported coding is an
// error, with what decoded up to there kept and the wire bytes untouched.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import { serializeError } from '../lowhaio';
import type { BodyInfo } from '../../shared/inspector-api';
import { ServiceError } from './service-errors';

/** A body's content coding could not be undone: unknown to us, or its bytes are corrupt. */
export class BodyDecodingError extends ServiceError {
  override name = 'BodyDecodingError';
  override readonly fault = 'server';
}

/** The content codings of Content-Encoding fields, in the order applied, lower-cased, identity left out. */
export function contentCodings(headers: ReadonlyArray<readonly [string, string]>): string[] {
  return headers
    .filter(([name]) => name.toLowerCase() === 'content-encoding')
    .flatMap(([, value]) => value.split(','))
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

type ZstdZlib = { createZstdDecompress?: () => Transform };

/** A decompressor for one coding (RFC 9110 section 8.4.1); throws BodyDecodingError for one we cannot undo. */
function decompressor(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      // "deflate" is the zlib format (RFC 1950), which Node's inflate reads; a raw deflate stream
      // (which some servers send) fails as corrupt, with the error saying so.
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'zstd': {
      const create = (zlib as ZstdZlib).createZstdDecompress;
      if (create) return create();
      throw new BodyDecodingError(
        'ERR_BODY_CODING_UNSUPPORTED',
        `This body is zstd-encoded, and this Node (${process.versions.node}) has no zstd decoder (Node 22.15 and later do). The body is shown as sent.`,
      );
    }
    default:
      throw new BodyDecodingError(
        'ERR_BODY_CODING_UNSUPPORTED',
        `Content-Encoding "${coding}" is not one the inspector can decode (gzip, deflate, br, zstd). The body is shown as sent.`,
      );
  }
}

/** `source` decoded by `codings` (last applied first), as a stream; an error of the coding fails it. */
export function decodingStream(source: AsyncIterable<Uint8Array>, codings: string[]): AsyncIterable<Uint8Array> {
  let stream: Readable = Readable.from(source);
  for (const step of [...codings].reverse().map(decompressor)) {
    // An error anywhere before a step ends the steps after it with that error.
    stream.on('error', (error) => step.destroy(error));
    stream = stream.pipe(step);
  }
  return stream;
}

/** The capture could not be read: not the coding's fault, so not said as if it were. */
class SourceFailure extends Error {
  constructor(readonly original: unknown) {
    super('the capture could not be read');
  }
}

/** Counts the bytes that pass, for the wire length; a failure to read them is told apart. */
async function* counted(source: AsyncIterable<Uint8Array>, count: { bytes: number }) {
  try {
    for await (const piece of source) {
      count.bytes += piece.length;
      yield piece;
    }
  } catch (error) {
    throw new SourceFailure(error);
  }
}

/**
 * Decodes the body `source` (as sent) by `codings` into `target` and says what it found. The file is
 * written under a temporary name and renamed, so a decoded file on disk is always whole; on an
 * error, what decoded up to there is kept all the same, and the error says so.
 */
export async function decodeBodyInto(
  source: AsyncIterable<Uint8Array>,
  codings: string[],
  target: string,
  contentType: string | null,
): Promise<BodyInfo> {
  const wire = { bytes: 0 };
  const partial = `${target}.partial`;
  const out = createWriteStream(partial);
  let error: BodyInfo['error'];
  try {
    const steps = [...codings].reverse().map(decompressor);
    await pipeline([Readable.from(counted(source, wire)), ...steps, out]);
  } catch (failure) {
    if (!out.closed) {
      out.end();
      await once(out, 'close').catch(() => undefined);
    }
    if (failure instanceof SourceFailure) {
      await rm(partial, { force: true });
      throw failure.original;
    }
    error =
      failure instanceof BodyDecodingError
        ? serializeError(failure)
        : serializeError(
            new BodyDecodingError(
              'ERR_BODY_DECODING',
              `The body's ${codings.join(', ')} encoding is corrupt after ${out.bytesWritten.toLocaleString('en-US')} decoded bytes (${(failure as Error).message}). ${out.bytesWritten > 0 ? 'What decoded up to there is shown; the' : 'The'} wire bytes are kept as they came.`,
              { cause: failure },
            ),
          );
  }
  await rename(partial, target);
  return {
    codings,
    contentType,
    wireLength: wire.bytes,
    decodedLength: out.bytesWritten,
    ...(error ? { error } : {}),
  };
}

/** The body.json kept beside a decoded body, or null when there is none (or it is torn). */
export async function readBodyInfo(path: string): Promise<BodyInfo | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as BodyInfo;
  } catch (error) {
    if (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Keeps `info` beside the decoded body (after it: a body.json on disk means body.decoded is whole). */
export async function writeBodyInfo(path: string, info: BodyInfo): Promise<void> {
  await writeFile(`${path}.partial`, JSON.stringify(info));
  await rename(`${path}.partial`, path);
}
