/**
 * The hostile server: one case per path (`/case/<name>`), on 127.0.0.1. It reads the request
 * first (so every client has sent its SessionID), then answers as the case says.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostileCase } from './cases.js';

export interface HostileServer {
  /** The endpoint of a case. */
  urlOf(name: string): string;
  close(): Promise<void>;
}

export async function startHostileServer(cases: readonly HostileCase[]): Promise<HostileServer> {
  const byName = new Map(cases.map((c) => [c.name, c]));
  const server = createServer((req, res) => {
    const name = /^\/case\/([\w-]+)$/.exec(req.url ?? '')?.[1];
    const hostile = name === undefined ? undefined : byName.get(name);
    req.resume();
    req.on('end', () => {
      if (hostile === undefined) {
        res.writeHead(404).end();
        return;
      }
      hostile.serve(req, res);
    });
    // A client that gives up mid-answer resets the socket: that is the point of most cases.
    res.on('error', () => {});
    req.on('error', () => {});
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    urlOf: (name) => `http://127.0.0.1:${port}/case/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
