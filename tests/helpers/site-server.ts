import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 answering each path with its route (404 otherwise); what a site looks like from the network. */
export interface SiteServer {
  origin: string;
  port: number;
  routes: Map<string, Route>;
  /** Every request seen: path and headers. */
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function startSiteServer(routes: Record<string, Route> = {}): Promise<SiteServer> {
  const table = new Map(Object.entries(routes));
  const requests: SiteServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const route = table.get(path) ?? table.get(path.split('?')[0] ?? '');
    if (route === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    route(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    routes: table,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A route answering `body` with a content type (and optional headers such as an ETag). */
export function serve(contentType: string, body: string | Buffer, headers: Record<string, string> = {}): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, ...headers }).end(body);
  };
}

/** A route that redirects to `location`. */
export function redirect(location: string, status = 302): Route {
  return (_request, response) => {
    response.writeHead(status, { location }).end();
  };
}
