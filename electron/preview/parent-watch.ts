/**
 * `npm run preview` runs the preview under npm and a shell. Stopping npm (Ctrl+C in some terminals,
 * SIGTERM from a script or a test runner) ends the shell but not its child, which would keep serving
 * the records on its port. So the preview stops itself as soon as the process that started it is gone
 * (the operating system hands an orphan to another parent, so its parent id changes).
 */
export function whenParentExits(onExit: () => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onExit();
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
