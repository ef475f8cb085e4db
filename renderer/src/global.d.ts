import type { DoorwayBridge } from '../../shared/contract';

declare global {
  interface Window {
    /** Set by Electron's preload; absent in the browser preview. */
    doorway?: DoorwayBridge;
  }
}

export {};
