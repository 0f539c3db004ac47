// How this works: the built-in demo server. A raw TCP server on 127.0.0.1 (a random port by
// default) that reads requests with RequestReader and answers each with a scenario from
// scenarios.ts, keeping the connection alive unless the scenario ends it or the request asked for
// its close (RFC 9112 section 9.6; the response then says "Connection: close"). GET / lists the
// scenarios as JSON.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { hostCountProblem } from '../lowhaio/request-validation';
import { RequestReader, type DemoRequest } from './request-reader';
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
    // RFC 9112 section 9.6: a server that receives "close" closes the connection after its response.
    if (outcome === 'close' || asksToClose(request)) {
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

/** Writes the response to `request`: its scenario's, the list of scenarios, a 404 or a 400. */
async function answer(socket: Socket, request: DemoRequest): Promise<Outcome> {
  const hosts = request.headers.filter(([name]) => name.toLowerCase() === 'host').length;
  // More than one Host is a 400 (RFC 9112 section 3.2); none is let through, as HTTP/1.0 may omit it.
  const twoHosts = hosts > 1 ? hostCountProblem(hosts) : null;
  if (twoHosts)
    return respond(socket, request, '400 Bad Request', 'text/plain; charset=utf-8', `${twoHosts}\n`, 'close');
  const scenario = findScenario(request.path);
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
    return respond(socket, request, '400 Bad Request', 'text/plain; charset=utf-8', `${error.message}\n`);
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
