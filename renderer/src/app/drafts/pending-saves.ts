/**
 * Every form that keeps a draft registers here, so the session can act on all of them at once:
 * flush before our own lock, sign-out or switch of user (the last keys typed reach the vault before
 * the session closes), and cancel when the session is already gone (main's idle lock), so nothing of
 * what was typed stays in memory waiting for a timer.
 */
export interface DraftSaver {
  /** Sends what is waiting for its timer now. */
  flush(): Promise<void>;
  /** Forgets what is waiting, without sending it. */
  cancel(): void;
}

const savers = new Set<DraftSaver>();
let listening = false;

function flushOnHide(): void {
  if (document.visibilityState === 'hidden') void flushDraftSaves();
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  // A window closing, reloading or going to the background: send what is waiting while we still can.
  document.addEventListener('visibilitychange', flushOnHide);
  window.addEventListener('pagehide', () => void flushDraftSaves());
}

export function registerDraftSaver(saver: DraftSaver): () => void {
  listen();
  savers.add(saver);
  return () => {
    savers.delete(saver);
  };
}

export async function flushDraftSaves(): Promise<void> {
  await Promise.allSettled([...savers].map((s) => s.flush()));
}

export function cancelDraftSaves(): void {
  for (const s of savers) s.cancel();
}
