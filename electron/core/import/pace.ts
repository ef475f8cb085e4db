import { performance } from 'node:perf_hooks';
import type { ImportProgress } from '../../../shared/contract/import';
import type { SignedInContext } from '../context';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';

/**
 * Keeps a long import from holding the main process: the loops that check and write rows call `step`
 * as they go; every few milliseconds it gives the event loop a turn (the window repaints, other
 * messages are answered, a cancel arrives), pushes the progress, and stops the import when it was
 * cancelled or the session ended. Thrown inside the run's transaction, the stop rolls everything back.
 */

type Operation = ImportProgress['operation'];
type Phase = 'checking' | 'writing';

/** How long the loop runs between turns of the event loop: short enough that the window never feels stuck. */
const SLICE_MS = 25;

/** Each phase's share of the bar: a run checks, then writes (the contacts, then each person's days). */
const SPAN: Record<Operation, Record<Phase, [number, number]>> = {
  preview: { checking: [0, 99], writing: [99, 99] },
  run: { checking: [0, 40], writing: [40, 99] },
};

export const CANCELLED = msg('import.cancelled');

export class Pace {
  private lastTurn = performance.now();
  private percent = -1;
  private cancelled = false;
  private last = { done: 0, total: 0 };

  constructor(
    readonly id: number,
    readonly operation: Operation,
    private readonly emit: (p: ImportProgress) => void,
    private readonly stillSignedIn: () => boolean,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }

  /** Called often (every few hundred rows); cheap unless it is time for a turn or the bar moves a whole percent. */
  async step(phase: Phase, done: number, total: number): Promise<void> {
    const [from, to] = SPAN[this.operation][phase];
    this.last = { done, total };
    const percent = Math.floor(from + ((to - from) * Math.min(done, total)) / Math.max(total, 1));
    if (percent > this.percent) {
      this.percent = percent;
      this.emit({ id: this.id, operation: this.operation, phase, done, total, percent });
    }
    if (performance.now() - this.lastTurn < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastTurn = performance.now();
    this.check();
  }

  /** Throws when the import must stop: cancelled, or the session it started in has ended (a lock). */
  check(): void {
    if (this.cancelled) throw new DoorwayError('CONFLICT', CANCELLED);
    if (!this.stillSignedIn()) throw new DoorwayError('NOT_SIGNED_IN', msg('import.sessionEnded'));
  }

  /** The last event: 'done' at 100, or 'cancelled' where the bar stopped. */
  finish(phase: 'done' | 'cancelled'): void {
    const { done, total } = this.last;
    this.emit({ id: this.id, operation: this.operation, phase, done: phase === 'done' ? total : done, total, percent: phase === 'done' ? 100 : Math.max(this.percent, 0) });
  }
}

/** The import running on each core (keyed by its event bus), so `import.cancel` can reach it. */
const running = new WeakMap<object, Pace>();
let lastId = 0;

/**
 * Runs `work` with a Pace registered for `import.cancel`. One import at a time per computer: a second
 * run is refused while one runs, and a new preview stops a preview still checking (only a look).
 */
export async function paced<T>(ctx: SignedInContext, operation: Operation, work: (pace: Pace) => Promise<T>): Promise<T> {
  const current = running.get(ctx.events);
  if (current && (current.operation === 'run' || operation === 'run')) {
    throw new DoorwayError('CONFLICT', msg('import.anotherRunning'));
  }
  current?.cancel();
  const session = ctx.session;
  const pace = new Pace(++lastId, operation, (p) => ctx.events.emit('import.progress', p), () => ctx.services.vault.session === session);
  running.set(ctx.events, pace);
  try {
    const out = await work(pace);
    pace.finish('done');
    return out;
  } catch (e) {
    if (e instanceof DoorwayError && e.said.key === CANCELLED.key) pace.finish('cancelled');
    throw e;
  } finally {
    if (running.get(ctx.events) === pace) running.delete(ctx.events);
  }
}

/** `import.cancel`: stops the import in progress, if any. */
export function cancelImport(ctx: SignedInContext): { cancelled: boolean } {
  const pace = running.get(ctx.events);
  pace?.cancel();
  return { cancelled: pace !== undefined };
}
