import type { DoorwayBridge } from '../../../shared/contract';
import { createPreviewBridge } from './preview-transport';
import { takePreviewSecret } from './preview-secret';

let bridge: DoorwayBridge | null = null;

/**
 * Electron's preload puts the bridge on `window.doorway`; without it we are in the development
 * preview and talk to its local server instead. Either way the renderer sees one API.
 */
export function getBridge(): DoorwayBridge {
  bridge ??= window.doorway ?? createPreviewBridge(takePreviewSecret());
  return bridge;
}

/** The system's folder picker when Doorway runs as the desktop app; null in the preview (type the path there). */
export function folderPicker(): (() => Promise<string | null>) | null {
  const b = getBridge();
  return b.chooseFolder ? () => b.chooseFolder!() : null;
}
