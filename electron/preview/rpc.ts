import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../core';
import type { AppError } from '../../shared/result';

/**
 * The largest call is a spreadsheet import, which carries its file (up to 140 MB as base64,
 * shared/contract/import.ts); this is just above it. Only a caller with the per-run secret gets this far
 * (server.ts checks it first), and a runaway request still cannot fill memory without bound.
 */
export const MAX_BODY_BYTES = 150 * 1024 * 1024;

/** Past this the sender is not a browser making a mistake, and the connection is simply dropped. */
const MAX_DRAINED_BYTES = MAX_BODY_BYTES + 16 * 1024 * 1024;

type Body = { ok: true; data: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads the body, keeping at most `limit` bytes. An oversized body is read to its end and thrown
 * away, so the client gets a clear 413 instead of a reset connection halfway through its upload.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAINED_BYTES) {
        req.destroy();
        return;
      }
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolvePromise(size > limit ? { ok: false, tooLarge: true } : { ok: true, data: Buffer.concat(chunks) }));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('The request ended early.'));
    });
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, error: AppError): void {
  sendJson(res, status, { ok: false, error });
}

/** POST /rpc `{name, input}` → the router's Result, exactly as Electron's IPC transport would return it. */
export async function handleRpc(req: IncomingMessage, res: ServerResponse, router: Router): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    refuse(res, 405, { code: 'INVALID_INPUT', message: 'Calls are sent with POST.' });
    return;
  }
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) {
    refuse(res, 415, { code: 'INVALID_INPUT', message: 'Calls are sent as JSON.' });
    return;
  }
  const declared = Number(req.headers['content-length']);
  let body: Body;
  if (Number.isFinite(declared) && declared > MAX_DRAINED_BYTES) {
    res.setHeader('Connection', 'close');
    body = { ok: false, tooLarge: true };
  } else {
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch {
      res.destroy();
      return;
    }
  }
  if (!body.ok) {
    refuse(res, 413, { code: 'INVALID_INPUT', message: 'That request is too large. Nothing was changed.' });
    return;
  }
  let call: unknown;
  try {
    call = JSON.parse(body.data.toString('utf8'));
  } catch {
    refuse(res, 400, { code: 'INVALID_INPUT', message: 'That request could not be read. Nothing was changed.' });
    return;
  }
  if (typeof call !== 'object' || call === null || Array.isArray(call) || !('name' in call)) {
    refuse(res, 400, { code: 'INVALID_INPUT', message: 'A call names an action and its input. Nothing was changed.' });
    return;
  }
  const { name, input } = call as { name: unknown; input?: unknown };
  // The router answers every call, including refusals, with a Result; only transport failures use other statuses.
  sendJson(res, 200, await router(name, input));
}
