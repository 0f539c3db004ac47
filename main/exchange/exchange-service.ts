// How this works: the ExchangeService runs what the composer sends (an ExchangeSpec) through a
// lowhaio Pool with the wire observer, writes the full capture to disk (capture-store.ts), and
// tells subscribers about it in coalesced batches (batching.ts). Plain Node: the Electron IPC
// adapter and the browser-mode server both call it. Bodies stream from disk in the chosen chunk
// size; the response body is drained at the pace the disk can take.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ExchangeBatch, ExchangeStatus, ExchangeSummary } from '../../shared/exchange-events';
import { bodyPlan, specProblems, wireHeaders, wireParams, type ExchangeSpec } from '../../shared/exchange-spec';
import type { Direction } from '../../shared/frames';
import type { SerializedError } from '../../shared/serialized-error';
import { chunked, Pool, serializeError, type PoolOptions, type RequestFunction, type WireEvent } from '../lowhaio';
import { BatchCoalescer, DEFAULT_BATCH_LIMITS, type BatchLimits } from './batching';
import { CaptureWriteError } from './capture-file';
import { recoverInterrupted } from './capture-recovery';
import { CaptureStore, type CaptureWriter } from './capture-store';
import { DecodedBodies } from './decoded-bodies';
import type { BodyForm, BodyInfo, ExportKind, FindResult } from '../../shared/inspector-api';
import { hexPattern, type FindQuery } from '../../shared/find-query';
import { findInFile } from './capture-search';
import { FileGrants, type OpenedFile } from './file-grants';
import { rechunk } from './rechunk';
import { multipartSegments } from '../../shared/multipart';
import { UploadRegistry } from './upload-source';
import type { ApiImplementation, ServiceMethod } from '../../shared/api-methods';
import { ServiceRefusal } from './service-errors';
import { exchangeIdFrom } from '../../shared/exchange-id';
import {
  forwarded,
  withConnectionEvent,
  type ConnectEvent,
  type ResolveEvent,
  type ReuseEvent,
  type TlsEvent,
} from '../../shared/wire-events';

export interface ExchangeServiceOptions {
  dataDir: string;
  batchLimits?: BatchLimits;
  /** Pool options other than TLS and timeouts, which each spec sets (tests use `resolve`). */
  pool?: Omit<PoolOptions, 'tls' | 'socketTimeout'>;
  /** Exchanges that may run at once (default MAX_RUNNING). */
  maxRunning?: number;
  /** A pool with nothing running is closed after this many ms (default POOL_IDLE_MS). */
  poolIdleMs?: number;
}

/** Exchanges that may run at once: past this, send() refuses with ERR_TOO_MANY_EXCHANGES. */
export const MAX_RUNNING = 64;
/** A pool (one per TLS setting) with nothing running is closed after this long. */
export const POOL_IDLE_MS = 60_000;
/** Pools with nothing running kept at most; past this the least recently used is closed at once. */
export const MAX_IDLE_POOLS = 8;

interface PoolEntry {
  request: RequestFunction;
  close: () => Promise<void>;
  running: number;
  lastUsed: number;
}

type Listener = (batch: ExchangeBatch) => void;

/** Passes pieces through, reporting the bytes passed and the seconds since the first. */
async function* countProgress(
  source: AsyncIterable<Uint8Array>,
  report: (sent: number, seconds: number) => void,
): AsyncGenerator<Uint8Array> {
  const started = performance.now();
  let sent = 0;
  for await (const piece of source) {
    yield piece;
    sent += piece.length;
    report(sent, (performance.now() - started) / 1000);
  }
}

function newId(): string {
  return exchangeIdFrom(Date.now(), randomBytes(4));
}

export class ExchangeService implements ApiImplementation<ServiceMethod> {
  private readonly store: CaptureStore;
  private readonly bodies: DecodedBodies;
  private readonly listeners = new Set<Listener>();
  private readonly running = new Map<string, AbortController>();
  private readonly pools = new Map<string, PoolEntry>();
  private readonly settled = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;
  /** Files offered by browser-mode pages, read as their exchanges need them. */
  readonly uploads = new UploadRegistry();
  /** Files of this machine the shell granted (its dialog, a drop); a spec names them by id only. */
  readonly files: FileGrants;

  constructor(private readonly options: ExchangeServiceOptions) {
    this.store = new CaptureStore(options.dataDir);
    this.bodies = new DecodedBodies(this.store);
    this.files = new FileGrants(options.dataDir);
    const idleMs = options.poolIdleMs ?? POOL_IDLE_MS;
    this.sweeper = setInterval(() => this.closeIdlePools(idleMs), Math.max(10, Math.min(idleMs / 2, 10_000)));
    this.sweeper.unref();
  }

  /** How many pools are open (one per TLS setting in use or used lately). */
  get poolCount(): number {
    return this.pools.size;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(batch: ExchangeBatch): void {
    for (const listener of this.listeners) listener(batch);
  }

  /**
   * One pool per TLS setting (what really differs between connections: a connection verified one
   * way must not carry a request that asked for another); the timeout is each request's own.
   */
  private poolFor(spec: ExchangeSpec): PoolEntry {
    const key = JSON.stringify([spec.verifyTls, spec.caPem ?? null]);
    let entry = this.pools.get(key);
    if (!entry) {
      const [request, close] = Pool({
        ...this.options.pool,
        tls: { rejectUnauthorized: spec.verifyTls, ...(spec.caPem ? { ca: spec.caPem } : {}) },
      });
      entry = { request, close, running: 0, lastUsed: Date.now() };
      this.pools.set(key, entry);
      this.closeIdlePools(this.options.poolIdleMs ?? POOL_IDLE_MS);
    }
    return entry;
  }

  /** Closes pools idle past `idleMs`, and the least recently used idle ones past MAX_IDLE_POOLS. */
  private closeIdlePools(idleMs: number): void {
    const now = Date.now();
    const idle = [...this.pools]
      .filter(([, entry]) => entry.running === 0)
      .sort(([, a], [, b]) => b.lastUsed - a.lastUsed);
    idle.forEach(([key, entry], index) => {
      if (now - entry.lastUsed < idleMs && index < MAX_IDLE_POOLS) return;
      this.pools.delete(key);
      void entry.close();
    });
  }

  /**
   * Marks captures left `running` by a process that is gone (killed, crashed) as `interrupted`,
   * keeping what reached the disk; run once at start. Returns their ids.
   */
  recover(log: (line: string) => void = (line) => console.error(line)): Promise<string[]> {
    return recoverInterrupted(this.store, log);
  }

  /**
   * Starts an exchange and returns its id: `id` when the caller chose one (the page does, so that it
   * knows the id before the first batch), else a new one. Its events arrive through subscribe().
   */
  send(spec: ExchangeSpec, id: string = newId()): string {
    const problems = specProblems(spec);
    if (problems.length > 0) throw new ServiceRefusal('ERR_INVALID_SPEC', problems.join(' '));
    if (this.running.has(id) || this.store.exists(id)) {
      throw new ServiceRefusal(
        'ERR_EXCHANGE_ID_TAKEN',
        `An exchange with the id ${id} exists already: choose a new id for each exchange. Nothing was sent.`,
      );
    }
    // Every granted file the body names must be granted still (a path the page made up never is).
    if (spec.body.kind === 'file' && spec.body.file.via === 'path') this.files.pathOf(spec.body.file.fileId);
    if (spec.body.kind === 'multipart')
      for (const part of spec.body.parts)
        if ('file' in part && part.file.via === 'path') this.files.pathOf(part.file.fileId);
    const limit = this.options.maxRunning ?? MAX_RUNNING;
    if (this.running.size >= limit) {
      throw new ServiceRefusal(
        'ERR_TOO_MANY_EXCHANGES',
        `${this.running.size} exchanges are running, as many as may run at once: wait for one to end, or cancel one, then send again. Nothing was sent.`,
      );
    }
    const controller = new AbortController();
    this.running.set(id, controller);
    const run = this.run(id, spec, controller.signal).finally(() => {
      this.running.delete(id);
      this.settled.delete(run);
    });
    this.settled.add(run);
    return id;
  }

  /** Cancels a running exchange; false when it is not running. */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  readBytes(id: string, direction: Direction, start: number, end: number): Promise<Uint8Array> {
    return this.store.readBytes(id, direction, start, end);
  }

  /** One page of a capture's frames (see InspectorApi.readFrames). */
  readFrames(id: string, cursor?: number) {
    return this.store.readFrames(id, cursor);
  }

  /** Every frame of a capture, page by page. */
  frames(id: string) {
    return this.store.frames(id);
  }

  /** Finds text or hex bytes in one direction of a capture (streamed from disk). */
  findInCapture(id: string, direction: Direction, query: FindQuery, from = 0): Promise<FindResult> {
    let pattern: Uint8Array;
    if (query.kind === 'text') pattern = Buffer.from(query.text, 'utf8');
    else {
      const parsed = hexPattern(query.hex);
      if ('problem' in parsed) throw new ServiceRefusal('ERR_INVALID_ARGUMENT', `findInCapture: ${parsed.problem}`);
      pattern = Uint8Array.from(parsed.bytes);
    }
    return findInFile(this.store.bytePath(id, direction), pattern, query.kind === 'hex' || query.caseSensitive, from);
  }

  /** A finished exchange's body decoded (once), and what decoding found. */
  describeBody(id: string, direction: Direction = 'rx'): Promise<BodyInfo> {
    this.refuseRunning(id, 'describeBody');
    return this.bodies.describe(id, direction);
  }

  /** Bytes [start, end) of a finished exchange's decoded body (the response's, or the request's). */
  readBody(id: string, start: number, end: number, direction: Direction = 'rx'): Promise<Uint8Array> {
    this.refuseRunning(id, 'readBody');
    return this.bodies.read(id, start, end, direction);
  }

  /** A body is decoded once its exchange is over: its bytes are all there then. */
  private refuseRunning(id: string, method: string): void {
    if (this.running.has(id))
      throw new ServiceRefusal(
        'ERR_EXCHANGE_RUNNING',
        `${method}: exchange ${id} is still running; its body can be decoded once it is over.`,
      );
  }

  /** A capture's response body, streamed from disk (for saving): decoded, or as sent. */
  exportBody(id: string, form: BodyForm = 'decoded'): AsyncIterable<Uint8Array> {
    return form === 'wire' ? this.store.streamBody(id) : this.bodies.stream(id);
  }

  /**
   * What saving `what` of a capture writes: the file name offered, and the bytes, streamed from disk
   * once asked for (after the person has chosen where). Both shells save through this.
   */
  exported(id: string, what: ExportKind): { name: string; source: () => AsyncIterable<Uint8Array> } {
    if (what === 'body' || what === 'body-wire') {
      const form = what === 'body' ? 'decoded' : 'wire';
      return { name: `${id}-body${form === 'wire' ? '-as-sent' : ''}.bin`, source: () => this.exportBody(id, form) };
    }
    return {
      name: `${id}-${what === 'tx' ? 'request' : 'response'}.raw`,
      source: () => this.exportRaw(id, what),
    };
  }

  /** The exact wire bytes of one direction of a capture, streamed from disk (for saving). */
  exportRaw(id: string, direction: Direction): AsyncIterable<Uint8Array> {
    return this.store.streamRaw(id, direction);
  }

  listHistory(): Promise<ExchangeSummary[]> {
    return this.store.list();
  }

  /** The request an exchange sent (null for captures of versions that kept none). */
  getSpec(id: string): Promise<ExchangeSpec | null> {
    return this.store.spec(id);
  }

  /** Deletes every capture but those of running exchanges; returns how many it deleted. */
  async clearHistory(): Promise<number> {
    const ids = (await this.store.ids()).filter((id) => !this.running.has(id));
    for (const id of ids) await this.store.delete(id);
    return ids.length;
  }

  deleteHistory(id: string): Promise<void> {
    return this.store.delete(id);
  }

  /** Cancels what runs, waits for it to settle, and closes every pool. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const controller of this.running.values()) controller.abort();
    await Promise.allSettled([...this.settled]);
    await Promise.all([...this.pools.values()].map((entry) => entry.close()));
    this.pools.clear();
  }

  /** The request body's source and length; `opened` are granted files the exchange must close. */
  private async body(
    spec: ExchangeSpec,
  ): Promise<{ source: (() => AsyncIterable<Uint8Array>) | undefined; length: number | null; opened?: OpenedFile[] }> {
    const body = spec.body;
    if (body.kind === 'none') return { source: undefined, length: null };
    if (body.kind === 'text') {
      const bytes = new TextEncoder().encode(body.text);
      return {
        source: () =>
          rechunk(
            (async function* () {
              yield bytes;
            })(),
            body.chunkSize,
          ),
        length: bytes.length,
      };
    }
    if (body.kind === 'multipart') return this.multipartBody(body);
    const file = body.file;
    if (file.via === 'upload') {
      const size = this.uploads.size(file.uploadId);
      return { source: () => this.uploads.stream(file.uploadId, body.chunkSize), length: size };
    }
    const opened = await this.files.open(file.fileId);
    return {
      source: () => rechunk(opened.stream(body.chunkSize), body.chunkSize),
      length: opened.size,
      opened: [opened],
    };
  }

  /**
   * A multipart/form-data body: its text pieces (shared/multipart.ts) and its files streamed in
   * order, cut into the chosen chunk size; its length is known before the first byte.
   */
  private async multipartBody(body: Extract<ExchangeSpec['body'], { kind: 'multipart' }>) {
    // Text pieces encoded once (a redirect or a retry that sends the body again reuses them).
    const segments = multipartSegments(body.boundary, body.parts).map((segment) =>
      segment.kind === 'text' ? { kind: 'bytes' as const, bytes: Buffer.from(segment.text) } : segment,
    );
    const granted = new Map<string, OpenedFile>();
    try {
      for (const segment of segments)
        if (segment.kind === 'file' && segment.file.via === 'path' && !granted.has(segment.file.fileId))
          granted.set(segment.file.fileId, await this.files.open(segment.file.fileId));
    } catch (error) {
      await Promise.all([...granted.values()].map((file) => file.close()));
      throw error;
    }
    const length = segments.reduce(
      (sum, segment) =>
        sum +
        (segment.kind === 'bytes'
          ? segment.bytes.length
          : segment.file.via === 'path'
            ? granted.get(segment.file.fileId)!.size
            : this.uploads.size(segment.file.uploadId)),
      0,
    );
    const uploads = this.uploads;
    const pieces = async function* () {
      for (const segment of segments) {
        if (segment.kind === 'bytes') yield segment.bytes;
        else if (segment.file.via === 'path') yield* granted.get(segment.file.fileId)!.stream(body.chunkSize);
        else yield* uploads.stream(segment.file.uploadId, body.chunkSize);
      }
    };
    return { source: () => rechunk(pieces(), body.chunkSize), length, opened: [...granted.values()] };
  }

  private async run(id: string, spec: ExchangeSpec, signal: AbortSignal): Promise<void> {
    const startedAt = Date.now();
    const summary: ExchangeSummary = {
      id,
      method: spec.method,
      url: spec.url,
      status: 'running',
      code: null,
      startedAt,
      durationMs: null,
      bytesSent: 0,
      bytesReceived: 0,
    };
    const batches = new BatchCoalescer(
      id,
      (batch) => this.emit(batch),
      this.options.batchLimits ?? DEFAULT_BATCH_LIMITS,
    );
    let capture: CaptureWriter | null = null;
    let opened: OpenedFile[] = [];
    const pool = this.poolFor(spec);
    pool.running++;
    let status: ExchangeStatus = 'done';
    let failure: SerializedError | undefined;
    const totals = { tx: 0, rx: 0 };
    try {
      capture = await this.store.create(id, summary, spec);
      const startT = performance.now();
      batches.add({ type: 'started', t: startT, method: spec.method, url: spec.url });
      const writer = capture;
      const planned = await this.body(spec);
      const { source, length } = planned;
      opened = planned.opened ?? [];
      const headers = wireHeaders(spec, length);
      // Upload progress counts body bytes as they are handed to the connection (which waits for
      // the socket to drain, so this is the pace of the network).
      const progressed = source
        ? () =>
            countProgress(source(), (sent, seconds) =>
              batches.add({
                type: 'progress',
                t: performance.now(),
                sent,
                total: length,
                bytesPerSecond: sent / Math.max(seconds, 1e-3),
              }),
            )
        : undefined;
      const observe = (event: WireEvent) => {
        switch (event.type) {
          case 'bytes':
            writer.appendBytes(event.direction, event.data);
            batches.addBytes(event.direction, event.offset, event.data, event.t);
            totals[event.direction] = event.offset + event.data.length;
            break;
          case 'frame':
            writer.appendFrame(event.direction, event.frame, event.t - startT);
            batches.addFrame(event.direction, event.frame, event.t);
            break;
          case 'upload-stopped':
            summary.uploadStopped = { code: event.code, sent: event.sent, total: event.total };
            batches.add(forwarded(event));
            break;
          case 'response-head':
            summary.code = event.code;
            summary.framing = event.framing;
            batches.add(forwarded(event));
            break;
          case 'resolve':
          case 'connect':
          case 'tls':
          case 'reuse': {
            const told = forwarded(event) as ResolveEvent | ConnectEvent | TlsEvent | ReuseEvent;
            summary.connection = withConnectionEvent(summary.connection ?? {}, told);
            batches.add(told);
            break;
          }
          // The end and the error are the exchange's own to report (its end event, below); the
          // extraneous bytes and interim heads are in the bytes and frames already.
          default:
            break;
        }
      };
      const params = wireParams(spec);
      const [, , body] = await pool.request(spec.method, spec.url, {
        socketTimeout: spec.timeoutMs,
        headers,
        ...(params.length > 0 ? { params } : {}),
        ...(progressed ? { body: bodyPlan(spec).chunkEncode ? () => chunked(progressed()) : progressed } : {}),
        signal,
        observe,
      });
      for await (const _piece of body) {
        // The bytes are in the capture already (observer); wait for the disk when it lags.
        if (writer.needsDrain) await writer.drained();
      }
    } catch (error) {
      status = signal.aborted ? 'cancelled' : 'error';
      if (!signal.aborted) failure = serializeError(error);
    } finally {
      pool.running--;
      pool.lastUsed = Date.now();
      await Promise.all(
        opened.map((file) =>
          file
            .close()
            .catch((error: Error) =>
              console.error(`Could not close the uploaded file of exchange ${id}: ${error.message}`),
            ),
        ),
      );
      // The exchange is over once its capture is whole on disk (history can reopen it): close the
      // files first, and report a capture that could not be written as the exchange's error.
      if (capture) {
        try {
          await capture.close();
        } catch (error) {
          if (status === 'done') status = 'error';
          failure ??= serializeError(error);
        }
      }
      summary.status = status;
      summary.durationMs = Date.now() - startedAt;
      summary.bytesSent = totals.tx;
      summary.bytesReceived = totals.rx;
      if (failure) summary.error = failure;
      if (capture) {
        try {
          await capture.writeSummary(summary);
        } catch (error) {
          status = summary.status = 'error';
          failure ??= summary.error = serializeError(
            new CaptureWriteError(join(capture.directory, 'meta.json'), error),
          );
        }
      }
      batches.add({
        type: 'end',
        t: performance.now(),
        status,
        bytesSent: totals.tx,
        bytesReceived: totals.rx,
        ...(failure ? { error: failure } : {}),
      });
      batches.flush();
    }
  }
}
