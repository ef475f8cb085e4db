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
