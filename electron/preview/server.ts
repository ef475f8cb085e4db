import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Router } from '../core';
import type { EventStream } from './event-stream';
import { handleRpc } from './rpc';
import { hostAllowed, requestAuthorized, SECURITY_HEADERS } from './security';
import { serveStatic } from './static-files';

export interface PreviewServerOptions {
  router: Router;
  events: EventStream;
  secret: string;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  log?: (message: string, error?: unknown) => void;
}

function forbidden(res: ServerResponse): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end('Forbidden.\n');
}

/**
 * The development preview: the built renderer plus two endpoints that reach the same router as
 * Electron's IPC. Listen on 127.0.0.1 only; the port is known once listening, so checks read it then.
 */
export function createPreviewServer(options: PreviewServerOptions): Server {
  const { router, events, secret, rendererDir, log } = options;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : -1;
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const handle = async () => {
      if (pathname === '/rpc' || pathname === '/events') {
        if (!requestAuthorized(req, port, secret)) return forbidden(res);
        if (pathname === '/rpc') return handleRpc(req, res, router);
        if (req.method !== 'GET') {
          res.writeHead(405, { Allow: 'GET' }).end();
          return;
        }
        return events.attach(res);
      }
      // The static files hold no data, but a rebinding page has no business reading them either.
      if (!hostAllowed(req.headers.host, port)) return forbidden(res);
      return serveStatic(req, res, rendererDir);
    };
    handle().catch((e: unknown) => {
      log?.(`preview request ${req.method} ${pathname} failed`, e);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Something went wrong.\n');
      else res.destroy();
    });
  });
  return server;
}
