// How this works: the decoded bodies of finished captures, the response's and the request's, made
// on first demand and kept beside each capture (body.decoded and body.json for the response,
// request-body.* for the request: body-decoding.ts), so the body views can read windows of the
// content however large it is. A description once made is also kept in memory for the bodies read
// lately, since each window a view reads asks for it. The head is found in the capture's frames
// (for a response the final one: an interim head's fields are not the body's); one decoding runs
// per body at a time, and the callers asking meanwhile share it.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Direction } from '../../shared/frames';
import type { BodyInfo } from '../../shared/inspector-api';
import { MAX_READ_BYTES } from '../../shared/limits';
import { contentCodings, decodeBodyInto, decodingStream, readBodyInfo, writeBodyInfo } from './body-decoding';
import type { CaptureStore } from './capture-store';

/** The fields of the request's head, or of the final response's (past any interim heads), from a capture's frames. */
async function finalHead(store: CaptureStore, id: string, direction: Direction): Promise<Array<[string, string]>> {
  let fields: Array<[string, string]> = [];
  let final = false;
  for await (const frame of store.frames(id)) {
    if (frame.direction !== direction) continue;
    if (frame.kind === 'status-line' || frame.kind === 'request-line') {
      final = frame.kind === 'request-line' || frame.code >= 200;
      fields = [];
    } else if (frame.kind === 'header') fields.push([frame.name, frame.value]);
    else if (frame.kind === 'head-end' && final) break;
  }
  return fields;
}

/** Bodies whose description is kept in memory (each window the Hex view reads asks again). */
const KNOWN_BODIES = 64;

export class DecodedBodies {
  private readonly running = new Map<string, Promise<BodyInfo>>();
  /** Descriptions of bodies decoded or read lately, newest last (body.json stays the record). */
  private readonly known = new Map<string, BodyInfo>();

  constructor(private readonly store: CaptureStore) {}

  private paths(id: string, direction: Direction) {
    const directory = this.store.captureDirectory(id);
    const name = direction === 'rx' ? 'body' : 'request-body';
    return { decoded: join(directory, `${name}.decoded`), info: join(directory, `${name}.json`) };
  }

  /** The body's codings and lengths, decoding it first when that has not been done. */
  describe(id: string, direction: Direction = 'rx'): Promise<BodyInfo> {
    const key = `${id} ${direction}`;
    const known = this.known.get(key);
    if (known) return Promise.resolve(known);
    const running = this.running.get(key);
    if (running) return running;
    const made = this.make(id, direction)
      .then((info) => {
        this.known.set(key, info);
        if (this.known.size > KNOWN_BODIES) this.known.delete(this.known.keys().next().value!);
        return info;
      })
      .finally(() => this.running.delete(key));
    this.running.set(key, made);
    return made;
  }

  private async make(id: string, direction: Direction): Promise<BodyInfo> {
    const { decoded, info } = this.paths(id, direction);
    const kept = await readBodyInfo(info);
    if (kept) return kept;
    const fields = await finalHead(this.store, id, direction);
    const contentType = fields.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? null;
    const source = this.store.streamBody(id, direction);
    const made = await decodeBodyInto(source, contentCodings(fields), decoded, contentType);
    await writeBodyInfo(info, made);
    return made;
  }

  /** Bytes [start, end) of the decoded content (at most MAX_READ_BYTES, fewer at its end). */
  async read(id: string, start: number, end: number, direction: Direction = 'rx'): Promise<Uint8Array> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start)
      throw new RangeError(`bytes ${start}..${end} is not a range`);
    await this.describe(id, direction);
    const file = await open(this.paths(id, direction).decoded, 'r');
    try {
      const buffer = new Uint8Array(Math.min(end - start, MAX_READ_BYTES));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, start);
      return buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  }

  /**
   * The decoded content, streamed (for saving): from body.decoded once made; a body with no coding
   * straight from the capture (no copy made first); otherwise decoded on the way out, failing the
   * stream where the coding is corrupt.
   */
  async *stream(id: string): AsyncGenerator<Uint8Array> {
    const { decoded, info } = this.paths(id, 'rx');
    if (await readBodyInfo(info)) {
      yield* createReadStream(decoded, { highWaterMark: 256 * 1024 });
      return;
    }
    const codings = contentCodings(await finalHead(this.store, id, 'rx'));
    if (codings.length === 0) yield* this.store.streamBody(id);
    else yield* decodingStream(this.store.streamBody(id), codings);
  }
}
