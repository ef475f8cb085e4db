import type { ServerResponse } from 'node:http';
import type { EventName, Events } from '../../shared/contract';

/** Keeps proxies and the browser from treating a quiet stream as dead; the renderer ignores blank lines. */
const HEARTBEAT_MS = 25_000;

/**
 * The preview's side of `subscribe`: every GET /events response stays open and receives one JSON
 * line per event, `{"name":...,"payload":...}`.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;

  attach(res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    // Send headers now so the renderer's fetch resolves and it knows it is connected.
    res.flushHeaders();
    this.clients.add(res);
    res.on('close', () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopHeartbeat();
    });
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.write('\n'), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  publish<E extends EventName>(name: E, payload: Events[E]): void {
    this.write(`${JSON.stringify({ name, payload })}\n`);
  }

  get size(): number {
    return this.clients.size;
  }

  closeAll(): void {
    this.stopHeartbeat();
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(chunk: string): void {
    for (const res of this.clients) res.write(chunk);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
