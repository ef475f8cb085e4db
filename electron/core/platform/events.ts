import type { EventName, Events } from '../../../shared/contract';
import type { Log } from './log';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/**
 * What core pushes to the window (lock, key change and backup progress). A failing listener is
 * logged and never stops the others or the change that emitted the event.
 */
export class EventBus {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  constructor(private readonly log: Log) {}

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as Listener<EventName>);
    this.listeners.set(name, set);
    return () => set.delete(listener as Listener<EventName>);
  }

  emit<E extends EventName>(name: E, payload: Events[E]): void {
    for (const l of this.listeners.get(name) ?? []) {
      try {
        l(payload);
      } catch (e) {
        this.log('event listener failed', e);
      }
    }
  }
}
