import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppRequest, responseHeaders } from './policy';

/**
 * Must run before `app` is ready. `standard` gives app:// real origins and relative URL resolution,
 * `secure` makes it a secure context (like https), `supportFetchAPI` lets the renderer fetch its own
 * files. Nothing else is granted: no service workers, no CORS bypass.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

function plain(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, ...extra },
  });
}

/** Serves the built renderer from `rootDir` on app://doorway, and nothing else on the app scheme. */
export function serveRenderer(rootDir: string, log: (message: string, error?: unknown) => void): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    const resolved = resolveAppRequest(request.url, rootDir, isFile);
    if (resolved.kind === 'forbidden') return plain(403, 'Forbidden.');
    if (resolved.kind === 'not-found') return plain(404, 'Not found.');
    try {
      const body = request.method === 'HEAD' ? null : await readFile(resolved.filePath);
      return new Response(body, { status: 200, headers: responseHeaders(resolved.contentType) });
    } catch (e) {
      log(`could not read ${resolved.filePath}`, e);
      return plain(500, 'Could not read this part of Doorway.');
    }
  });
}
