// How this works: the built-in demo server. A raw TCP server on 127.0.0.1 (a random port by
// default) that reads requests with RequestReader and answers each with a scenario from
// scenarios.ts, keeping the connection alive unless the scenario ends it or the request asked for
// its close (RFC 9112 section 9.6; the response then says "Connection: close"). GET / lists the
// scenarios as JSON. It keeps the rules it teaches: a request with two Host lines, or with both
// Content-Length and Transfer-Encoding, is answered 400 and the connection closed (RFC 9112
// sections 3.2 and 6.1); a body it cannot take gets 413; HEAD and HTTP/1.0 requests get answers
// rewritten for them (response-adapter.ts), but for the malformed scenarios, whose bytes are fixed.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { hostCountProblem } from '../lowhaio/request-validation';
import { RequestReader, type DemoRequest } from './request-reader';
import { ResponseAdapter, type AdaptedRequest } from './response-adapter';
import { DemoParameterError, SCENARIOS, asksToClose, findScenario, responseHead, type Outcome } from './scenarios';

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function serve(socket: Socket): Promise<void> {
  const reader = new RequestReader(socket);
  for (;;) {
    const request = await reader.next(
      (path) => findScenario(path)?.keepsBody === true,
      (path) => findScenario(path)?.answersBeforeBody === true,
    );
    if (request === null) return void socket.end();
    const outcome = await answer(socket, request);
    // RFC 9112 section 9.6: a server that receives "close" closes the connection after its response;
    // an HTTP/1.0 client keeps it only by asking with keep-alive (section 9.3).
    if (outcome === 'close' || asksToClose(request) || (request.version === 'HTTP/1.0' && !keepsAlive(request))) {
      reader.discard();
      return void socket.end();
    }
  }
}

/**
 * Writes a whole response of the server's own (not a scenario's), framed by Content-Length; `close` says so in its
 * head.
 */
function respond(
  socket: Socket,
  request: DemoRequest,
  status: string,
  contentType: string,
  body: string,
  outcome: Outcome = 'keep-alive',
): Outcome {
  const fields = [
    `Content-Type: ${contentType}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(outcome === 'close' ? ['Connection: close'] : []),
  ];
  socket.write(responseHead(request, status, fields) + body);
  return outcome;
}

/** The request's Connection options, lower-cased (RFC 9110 section 7.6.1). */
function connectionOptions(request: DemoRequest): Set<string> {
  return new Set(
    request.headers
      .filter(([name]) => name.toLowerCase() === 'connection')
      .flatMap(([, value]) => value.split(','))
      .map((option) => option.trim().toLowerCase())
      .filter((option) => option.length > 0),
  );
}

function keepsAlive(request: DemoRequest): boolean {
  return connectionOptions(request).has('keep-alive');
}

/**
 * The socket a response to `request` is written to: the socket itself, or, for HEAD and HTTP/1.0,
 * one whose writes go through a ResponseAdapter (which may make the connection close after it).
 */
function writerFor(socket: Socket, request: DemoRequest): { out: Socket; adapter: ResponseAdapter | null } {
  const adapted: AdaptedRequest = {
    method: request.method,
    version: request.version,
    connectionOptions: connectionOptions(request),
  };
  if (!ResponseAdapter.needed(adapted)) return { out: socket, adapter: null };
  const adapter = new ResponseAdapter(adapted);
  const write = (data: string | Uint8Array, ...rest: unknown[]): boolean => {
    const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    let room = true;
    for (const piece of adapter.adapt(bytes)) room = socket.write(piece);
    callback?.();
    return room;
  };
  const out = new Proxy(socket, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { out, adapter };
}

/** Writes the response to `request`: its scenario's, the list of scenarios, a 404 or a 400. */
async function answer(socket: Socket, request: DemoRequest): Promise<Outcome> {
  const scenario = findScenario(request.path);
  // The malformed scenarios' bytes are the lesson: written as they are, whatever the request.
  const { out, adapter } = scenario?.path.startsWith('/malformed/')
    ? { out: socket, adapter: null }
    : writerFor(socket, request);
  const outcome = await answerOn(out, request, scenario);
  return adapter?.closes ? 'close' : outcome;
}

async function answerOn(
  socket: Socket,
  request: DemoRequest,
  scenario: ReturnType<typeof findScenario>,
): Promise<Outcome> {
  const text = 'text/plain; charset=utf-8';
  if (request.problem)
    return respond(socket, request, request.problem.status, text, `${request.problem.message}\n`, 'close');
  const hosts = request.headers.filter(([name]) => name.toLowerCase() === 'host').length;
  // More than one Host is a 400 (RFC 9112 section 3.2); none is let through, as HTTP/1.0 may omit it.
  const twoHosts = hosts > 1 ? hostCountProblem(hosts) : null;
  if (twoHosts) return respond(socket, request, '400 Bad Request', text, `${twoHosts}\n`, 'close');
  // RFC 9112 section 6.1: a server MAY reject a request with both, and MUST close the connection after.
  const named = (wanted: string) => request.headers.some(([name]) => name.toLowerCase() === wanted);
  if (named('content-length') && named('transfer-encoding'))
    return respond(
      socket,
      request,
      '400 Bad Request',
      text,
      'The request has both Content-Length and Transfer-Encoding, which a sender must not send (RFC 9112 section 6.2); this server refuses it and closes the connection (section 6.1).\n',
      'close',
    );
  if (request.path === '/' || scenario === undefined) {
    const known = request.path === '/';
    const body = JSON.stringify(
      {
        scenarios: SCENARIOS.map(({ path, title, description, params }) => ({
          path,
          title,
          description,
          params: params ?? {},
        })),
      },
      null,
      2,
    );
    return respond(socket, request, known ? '200 OK' : '404 Not Found', 'application/json', body);
  }
  try {
    return await scenario.run(socket, request);
  } catch (error) {
    if (!(error instanceof DemoParameterError)) throw error;
    return respond(socket, request, '400 Bad Request', text, `${error.message}\n`);
  }
}

export async function startDemoServer(options: { host?: string; port?: number } = {}): Promise<DemoServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serve(socket).catch(() => socket.destroy());
  });
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
