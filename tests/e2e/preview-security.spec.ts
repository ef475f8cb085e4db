import { request as httpRequest } from 'node:http';
import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { MAX_BODY_BYTES } from '../../electron/preview/rpc';

test.use({ vault: 'ready' });

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP call, so the test can send any Host header (fetch would not allow it). */
function call(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

const signInBody = (password: string) => JSON.stringify({ name: 'session.signIn', input: { username: ADMIN.username, password } });

test('the preview answers /rpc only with the secret and its own Host, and never calls the router otherwise', async ({ preview }) => {
  const { port, secret } = preview;
  const json = { 'Content-Type': 'application/json' };

  // Six wrong sign-ins that are refused at the door: if they reached the router they would throttle the user.
  const refusals: Reply[] = [];
  for (let i = 0; i < 2; i++) refusals.push(await call(port, '/rpc', { method: 'POST', headers: json, body: signInBody('wrong') }));
  for (let i = 0; i < 2; i++) {
    refusals.push(await call(port, '/rpc', { method: 'POST', headers: { ...json, 'X-Doorway-Secret': secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A') }, body: signInBody('wrong') }));
  }
  refusals.push(await call(port, '/rpc', { method: 'POST', headers: { ...json, 'X-Doorway-Secret': secret, Host: `evil.example:${port}` }, body: signInBody('wrong') }));
  refusals.push(await call(port, '/rpc', { method: 'POST', headers: { ...json, 'X-Doorway-Secret': secret, Host: `127.0.0.1:${port + 1}` }, body: signInBody('wrong') }));
  refusals.push(await call(port, '/rpc', { method: 'POST', headers: { ...json, 'X-Doorway-Secret': secret, Origin: 'http://evil.example' }, body: signInBody('wrong') }));
  for (const r of refusals) {
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('ok');
  }

  // The event stream is guarded the same way.
  expect((await call(port, '/events')).status).toBe(403);
  expect((await call(port, '/events', { headers: { 'X-Doorway-Secret': secret, Host: `attacker.test:${port}` } })).status).toBe(403);

  // With the secret and our Host, the router answers; the refused calls left no throttle behind.
  const wrong = await call(port, '/rpc', { method: 'POST', headers: { ...json, 'X-Doorway-Secret': secret }, body: signInBody('wrong') });
  expect(wrong.status).toBe(200);
  expect(JSON.parse(wrong.body)).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
  const right = await call(port, '/rpc', { method: 'POST', headers: { ...json, 'X-Doorway-Secret': secret, Host: `localhost:${port}` }, body: signInBody(ADMIN.password) });
  expect(JSON.parse(right.body)).toMatchObject({ ok: true, value: { user: { username: ADMIN.username } } });
});

test('the preview refuses oversized and malformed calls and sends the strict CSP everywhere', async ({ preview }) => {
  const { port, secret } = preview;
  const headers = { 'Content-Type': 'application/json', 'X-Doorway-Secret': secret };

  // The largest call is a spreadsheet import with its file (electron/preview/rpc.ts): anything past that is refused, read to its end.
  const big = await call(port, '/rpc', { method: 'POST', headers, body: JSON.stringify({ name: 'import.preview', input: { file: { name: 'x.csv', base64: 'x'.repeat(MAX_BODY_BYTES) } } }) });
  expect(big.status).toBe(413);
  expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'That request is too large. Nothing was changed.' } });
  expect((await call(port, '/rpc', { method: 'POST', headers, body: '{not json' })).status).toBe(400);
  expect((await call(port, '/rpc', { method: 'GET', headers })).status).toBe(405);
  expect((await call(port, '/rpc', { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' })).status).toBe(415);
  const unknown = await call(port, '/rpc', { method: 'POST', headers, body: JSON.stringify({ name: 'vault.exportKey', input: {} }) });
  expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });

  const index = await call(port, '/');
  expect(index.status).toBe(200);
  // The very policy the packaged app sends (one definition in shared/csp.ts).
  expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  expect(index.headers['x-content-type-options']).toBe('nosniff');
  expect(index.headers['cache-control']).toBe('no-store');
  expect(index.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
  expect(index.body).not.toMatch(/<style|style=/);

  for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
    expect((await call(port, path)).status).toBe(404);
  }
  const rpcRefusal = await call(port, '/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(rpcRefusal.headers['content-security-policy']).toContain("default-src 'none'");
  expect((await call(port, '/', { headers: { Host: `rebound.example:${port}` } })).status).toBe(403);
});
