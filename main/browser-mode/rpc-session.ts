// How this works: one page's WebSocket, from its hello to its close. States:
//   waiting-hello --hello with a good token--> open     (welcome sent, batches flow)
//   waiting-hello --anything else, or HELLO_TIMEOUT_MS--> closed (4401 with the reason)
//   open --close--> closed                              (its uploads are forgotten, its pulls fail)
// In `open`, each request's arguments are checked against the method's schema (shared/api-schema.ts)
// before anything runs; a file in a spec must be an upload this very page offered (an upload id is
// bound to the socket that offered it), never a path. No message, however malformed, ends the
// process: every failure becomes an error answer or a close with a reason, and a log line.
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { API_METHODS, isApiMethod, type ApiImplementation, type BackendMethod } from '../../shared/api-methods';
import { ApiArgumentError, checkedParams } from '../../shared/api-schema';
import type { ExchangeBatch } from '../../shared/exchange-events';
import type { ExchangeSpec } from '../../shared/exchange-spec';
import type { ExportKind } from '../../shared/inspector-api';
import {
  CLOSE_UNAUTHORIZED,
  decodeMessage,
  encodeMessage,
  type RpcMessage,
  type RpcRequest,
} from '../../shared/rpc-protocol';
import { summarize } from '../exchange/batching';
import { SLICE, type UploadRegistry } from '../exchange/upload-source';
import { serializeError } from '../lowhaio';
import { tokenRefusal, type AccessToken, type Tickets } from './access';

/** How long a new WebSocket may take to say hello. */
export const HELLO_TIMEOUT_MS = 5_000;
/** Files one page may have offered at once; past this the oldest not being sent is forgotten. */
export const MAX_UPLOADS_PER_PAGE = 32;

export interface ExportTicket {
  id: string;
  what: ExportKind;
}

/** Upload slices asked of pages and not yet answered, by pull id (the HTTP route answers them). */
export class PendingSlices {
  private readonly asked = new Map<string, { length: number; settle: (result: Uint8Array | Error) => void }>();

  ask(length: number, settle: (result: Uint8Array | Error) => void): string {
    const pullId = randomBytes(18).toString('base64url');
    this.asked.set(pullId, { length, settle });
    return pullId;
  }

  /** The pull waiting under this id, taken (a pull is answered once); undefined when there is none. */
  take(pullId: string): { length: number; settle: (result: Uint8Array | Error) => void } | undefined {
    const pull = this.asked.get(pullId);
    this.asked.delete(pullId);
    return pull;
  }
}

export interface SessionContext {
  backend: ApiImplementation<BackendMethod>;
  uploads: UploadRegistry;
  subscribe: (listener: (batch: ExchangeBatch) => void) => () => void;
  token: AccessToken;
  tickets: Tickets<ExportTicket>;
  slices: PendingSlices;
  /** Bytes queued on a socket past which batches are summarized. */
  maxQueued: number;
  maxUploadsPerPage: number;
  helloTimeoutMs: number;
  log: (line: string) => void;
}

function isBackendMethod(method: string): method is BackendMethod {
  return isApiMethod(method) && (API_METHODS[method].by === 'service' || API_METHODS[method].by === 'app');
}

export function serveSocket(ws: WebSocket, context: SessionContext): void {
  let state: 'waiting-hello' | 'open' | 'closed' = 'waiting-hello';
  let unsubscribe = () => {};
  /** Files this page offered, oldest first. */
  const offered = new Set<string>();
  /** Slices asked of this page and not yet answered. */
  const mine = new Map<string, (result: Uint8Array | Error) => void>();

  const send = (message: RpcMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeMessage(message));
  };
  const shut = (code: number, reason: string) => {
    context.log(`browser mode: closed a WebSocket (${code}): ${reason}`);
    // A close reason is at most 123 bytes.
    ws.close(code, Buffer.from(reason).subarray(0, 123).toString());
  };
  const helloTimer = setTimeout(
    () => shut(CLOSE_UNAUTHORIZED, 'No hello with the access token came in time.'),
    context.helloTimeoutMs,
  );

  ws.on('error', (error) => context.log(`browser mode: WebSocket error: ${error.message}`));
  ws.on('close', () => {
    state = 'closed';
    clearTimeout(helloTimer);
    unsubscribe();
    for (const id of offered) context.uploads.forget(id);
    for (const settle of [...mine.values()]) settle(new Error('The page that offered this upload has closed.'));
  });

  const pullSlice = (uploadId: string, offset: number, length: number): Promise<Uint8Array> => {
    if (ws.readyState !== ws.OPEN) return Promise.reject(new Error('The page that offered this upload has closed.'));
    if (length > SLICE)
      return Promise.reject(new RangeError(`an upload slice is at most ${SLICE} bytes, not ${length}`));
    return new Promise<Uint8Array>((resolve, reject) => {
      const settle = (result: Uint8Array | Error) => {
        mine.delete(pullId);
        context.slices.take(pullId);
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const pullId = context.slices.ask(length, settle);
      mine.set(pullId, settle);
      send({ kind: 'upload-pull', uploadId, pullId, offset, length });
    });
  };

  const beginUpload = (size: number): string => {
    if (offered.size >= context.maxUploadsPerPage) {
      const oldest = [...offered].find((id) => !context.uploads.inUse(id));
      if (oldest === undefined) {
        throw new ApiArgumentError(
          `This page is sending ${offered.size} files already, as many as it may offer at once: wait for one to finish.`,
          'ERR_TOO_MANY_UPLOADS',
        );
      }
      offered.delete(oldest);
      context.uploads.forget(oldest);
    }
    const id = context.uploads.register(size, (offset, length) => pullSlice(id, offset, length));
    offered.add(id);
    return id;
  };

  /** A spec from a page may upload only a file this page offered. */
  const checkFile = (spec: ExchangeSpec) => {
    if (spec.body.kind !== 'file') return;
    const file = spec.body.file;
    if (file.via === 'path')
      throw new ApiArgumentError(
        'Browser mode uploads only files offered by the page (choose or drop the file in the page); it reads no path of this machine.',
      );
    if (!offered.has(file.uploadId)) {
      throw new ApiArgumentError(
        `Upload ${file.uploadId} was not offered by this page (or was forgotten): choose the file again.`,
        'ERR_UPLOAD_NOT_YOURS',
      );
    }
  };

  const answer = async (request: RpcRequest): Promise<unknown> => {
    const method = request.method;
    const params = checkedParams(method, request.params);
    if (method === 'beginUpload') return beginUpload(params[0] as number);
    if (method === 'exportTicket')
      return context.tickets.issue({ id: params[0] as string, what: params[1] as ExportKind });
    if (!isBackendMethod(method))
      throw new ApiArgumentError(`${method} is the desktop app's own; browser mode does it in the page.`);
    if (method === 'send') checkFile(params[0] as ExchangeSpec);
    return (context.backend[method] as (...args: unknown[]) => Promise<unknown>)(...params);
  };

  const hello = (message: RpcMessage) => {
    if (message.kind !== 'hello')
      return shut(CLOSE_UNAUTHORIZED, 'The first message must be a hello with the access token.');
    const check = context.token.check(message.token);
    if (check !== 'ok') return shut(CLOSE_UNAUTHORIZED, tokenRefusal(check));
    clearTimeout(helloTimer);
    state = 'open';
    send({ kind: 'welcome' });
    unsubscribe = context.subscribe((batch) => {
      if (ws.readyState !== ws.OPEN) return;
      const slow = ws.bufferedAmount > context.maxQueued;
      send({ kind: 'batch', batch: slow ? summarize(batch) : batch });
    });
  };

  ws.on('message', (data, isBinary) => {
    if (state === 'closed') return;
    if (isBinary) return shut(1003, 'browser mode takes text messages only');
    let message: RpcMessage;
    try {
      message = decodeMessage(data.toString());
      if (message === null || typeof message !== 'object') throw new Error('not an object');
    } catch (error) {
      return shut(1007, `not a browser-mode message: ${(error as Error).message}`);
    }
    if (state === 'waiting-hello') return hello(message);
    if (message.kind === 'upload-error') {
      mine.get(String(message.pullId))?.(
        new Error(`The page could not send the file: ${String(message.message).slice(0, 2000)}`),
      );
      return;
    }
    if (message.kind !== 'request') return;
    const id = Number.isSafeInteger(message.id) ? message.id : -1;
    answer(message)
      .then(
        (result) => send({ kind: 'response', id, result }),
        (error: unknown) => send({ kind: 'response', id, error: serializeError(error) }),
      )
      .catch((error: Error) => context.log(`browser mode: could not answer request ${id}: ${error.message}`));
  });
}
