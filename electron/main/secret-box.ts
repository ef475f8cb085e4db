import { safeStorage } from 'electron';
import type { SecretBox } from '../core/hub/link';

/**
 * This computer's hub login, sealed by the operating system (DPAPI on Windows, the Keychain on macOS,
 * the desktop's secret store on Linux). Where Linux has no secret store, Electron would fall back to a
 * fixed key ("basic_text"), which protects nothing: then the core keeps the file's permissions alone
 * and says so, rather than calling it sealed. The synchronous calls are what Electron 45 offers
 * without a keychain prompt per call; they run once when joining and once per start.
 */
export function keychainBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    kind: 'keychain',
    seal: (text) => safeStorage.encryptString(text).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
