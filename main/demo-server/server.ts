// How this works: the built-in demo server. A raw TCP server on 127.0.0.1 (a random port by
// default) that reads requests with RequestReader and answers each with a scenario from
// scenarios.ts, keeping the connection alive unless the scenario ends it. GET / lists the
// scenarios as JSON.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { RequestReader } from './request-reader';
import { DemoParameterError, SCENARIOS, findScenario, type Outcome } from './scenarios';

export interface DemoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function serve(socket: Socket): Promise<void> {
  const reader = new RequestReader(socket);
  for (;;) {
    const request = await reader.next((path) => findScenario(path)?.keepsBody === true);
    if (request === null) return void socket.end();
    const scenario = findScenario(request.path);
    if (request.path === '/' || scenario === undefined) {
      const known = request.path === '/';
      const body = JSON.stringify(
        { scenarios: SCENARIOS.map(({ path, title, description, params }) => ({ path, title, description, params: params ?? {} })) },
        null,
        2,
      );
      socket.write(`HTTP/1.1 ${known ? '200 OK' : '404 Not Found'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      continue;
    }
    let outcome: Outcome;
    try {
      outcome = await scenario.run(socket, request);
    } catch (error) {
      if (!(error instanceof DemoParameterError)) throw error;
      const body = `${error.message}\n`;
      socket.write(`HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      continue;
    }
    if (outcome === 'close') return void socket.end();
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
