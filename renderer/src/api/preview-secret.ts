const STORAGE_KEY = 'doorway.previewSecret';

/**
 * The preview prints a URL with `#secret=...`. The secret moves into sessionStorage (so a reload in
 * the same tab still works) and out of the address bar, before the hash router ever reads the hash.
 */
export function takePreviewSecret(): string | null {
  const match = /^#secret=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  if (match?.[1]) {
    try {
      window.sessionStorage.setItem(STORAGE_KEY, match[1]);
    } catch {
      // Storage can be disabled; the secret still works for this page load.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}
