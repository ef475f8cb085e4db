import type { ChannelName, DoorwayBridge, EventName, Events, InputOf, OutputOf } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import i18n from '../i18n/i18n';
import { parseEventLine, type IncomingEvent } from './events';
import { LineSplitter } from './line-splitter';

const SECRET_HEADER = 'X-Doorway-Secret';
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 15_000;

function transportFailure<T>(key: 'errors.previewUnreachable' | 'errors.previewRefused' | 'errors.previewUnreadable'): Result<T> {
  return { ok: false, error: { code: 'INTERNAL', message: i18n.t(key) } };
}

function looksLikeResult(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in value;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string';
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

type AnyListener = (payload: Events[EventName]) => void;

/**
 * One long-lived GET /events shared by every subscriber, opened with the first and closed with the
 * last. If the stream drops it reconnects with a growing pause, so a restarted preview is picked up
 * without a storm of requests.
 */
class EventConnection {
  private readonly listeners = new Map<EventName, Set<AnyListener>>();
  private controller: AbortController | null = null;

  constructor(
    private readonly secret: string | null,
    /** Asked after a reconnect: is anyone still signed in? A lock may have happened while the stream was down. */
    private readonly stillSignedIn: () => Promise<boolean | null>,
  ) {}

  add(name: EventName, listener: AnyListener): () => void {
    const set = this.listeners.get(name) ?? new Set<AnyListener>();
    set.add(listener);
    this.listeners.set(name, set);
    if (!this.controller) this.start();
    return () => {
      set.delete(listener);
      if ([...this.listeners.values()].every((s) => s.size === 0)) this.stop();
    };
  }

  private start(): void {
    const controller = new AbortController();
    this.controller = controller;
    void this.run(controller.signal);
  }

  private stop(): void {
    this.controller?.abort();
    this.controller = null;
  }

  private async run(signal: AbortSignal): Promise<void> {
    let pause = FIRST_RETRY_MS;
    let connectedBefore = false;
    while (!signal.aborted) {
      try {
        const res = await fetch('/events', {
          headers: this.secret ? { [SECRET_HEADER]: this.secret } : {},
          cache: 'no-store',
          credentials: 'omit',
          signal,
        });
        if (res.ok && res.body) {
          pause = FIRST_RETRY_MS;
          if (connectedBefore) void this.catchUp();
          connectedBefore = true;
          await this.read(res.body, signal);
        }
      } catch {
        // A dropped or refused stream is retried below.
      }
      if (signal.aborted) return;
      await sleep(pause, signal);
      pause = Math.min(pause * 2, LONGEST_RETRY_MS);
    }
  }

  /** A lock sent while the stream was down would be lost; if nobody is signed in now, say so. */
  private async catchUp(): Promise<void> {
    if ((await this.stillSignedIn()) === false) this.dispatch({ name: 'session.locked', payload: { reason: 'system' } });
  }

  private dispatch(event: IncomingEvent): void {
    for (const listener of this.listeners.get(event.name) ?? []) listener(event.payload);
  }

  private async read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const lines = new LineSplitter();
    try {
      while (!signal.aborted) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const line of lines.push(decoder.decode(value, { stream: true }))) {
          const event = parseEventLine(line);
          if (event) this.dispatch(event);
        }
      }
    } finally {
      reader.releaseLock();
    }
  }
}

/** The browser preview's bridge: the same shape as Electron's preload, over HTTP to 127.0.0.1. */
export function createPreviewBridge(secret: string | null): DoorwayBridge {
  const bridge: DoorwayBridge = {
    async invoke<K extends ChannelName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
      let res: Response;
      try {
        res = await fetch('/rpc', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(secret ? { [SECRET_HEADER]: secret } : {}) },
          body: JSON.stringify({ name, input }),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch {
        return transportFailure('errors.previewUnreachable');
      }
      if (res.status === 403) return transportFailure('errors.previewRefused');
      const body: unknown = await res.json().catch(() => null);
      // The server's Result is trusted in shape only; its value was already checked by the router's output schema.
      return looksLikeResult(body) ? (body as Result<OutputOf<K>>) : transportFailure('errors.previewUnreadable');
    },
    subscribe<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
      return events.add(name, listener as AnyListener);
    },
  };
  const events = new EventConnection(secret, async () => {
    const state = await bridge.invoke('session.state', {});
    return state.ok ? state.value.session !== null : null;
  });
  return bridge;
}
