/** How the lock shortcut is written on this computer: ⌘L on a Mac, Ctrl+L elsewhere. */
export function lockShortcutLabel(): string {
  return /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘L' : 'Ctrl+L';
}
