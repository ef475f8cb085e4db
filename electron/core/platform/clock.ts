/** The time every module asks for, so tests can set it and a whole call sees one clock. */
export interface Clock {
  now(): Date;
  nowIso(): string;
}

export function createClock(now: () => Date = () => new Date()): Clock {
  return { now, nowIso: () => now().toISOString() };
}
