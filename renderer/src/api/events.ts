import { eventNames, type EventName, type Events } from '../../../shared/contract';

export interface IncomingEvent<E extends EventName = EventName> {
  name: E;
  payload: Events[E];
}

/** Reads one line of the preview's event stream; anything unexpected is ignored rather than trusted. */
export function parseEventLine(line: string): IncomingEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { name, payload } = value as { name?: unknown; payload?: unknown };
  if (typeof name !== 'string' || !(eventNames as string[]).includes(name)) return null;
  if (typeof payload !== 'object' || payload === null) return null;
  return { name: name as EventName, payload: payload as Events[EventName] };
}
