import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { DoorwayCore, type CoreOptions } from './app';
import { handlers } from './handlers';
import { createRouter, type Router } from './router';

export { DoorwayCore } from './app';
export type { CoreOptions, Session } from './app';
export type { Router } from './router';

/** Builds the core and its router; both transports (Electron IPC, browser preview) call this router. */
export function createDoorway(options: CoreOptions): { core: DoorwayCore; router: Router } {
  const core = new DoorwayCore(options);
  return { core, router: createRouter(core, handlers) };
}

/** A typed call through a router, for in-process callers (CLI, bench, tests). */
export function invoke<K extends ChannelName>(router: Router, name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
  return router(name, input) as Promise<Result<OutputOf<K>>>;
}
