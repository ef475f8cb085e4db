/**
 * On one computer the records are one SQLite connection. A long change that gives the event loop a
 * turn between its steps (a spreadsheet import, so the window stays responsive) keeps its transaction
 * open across those turns: any other call run meanwhile would read its unfinished rows, or write into
 * it and be rolled back with it. While such a change holds the connection, the router holds other calls
 * back until it ends (the calls that end the session and the import's cancel excepted: a lock rolls the
 * change back first, vault/session.ts). On a clinic hub each call has a connection of its own from the
 * pool, so nothing is held.
 */

interface Held {
  done: Promise<void>;
  release: () => void;
}

/** Per vault session object (one per core), so two cores in one process (tests) never wait on each other. */
const held = new WeakMap<object, Held>();

/** Marks the connection as held by a long change; the returned function lets the waiting calls go. */
export function holdConnection(owner: object): () => void {
  if (held.has(owner)) throw new Error('the records connection is already held by a long change');
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const entry: Held = { done, release };
  held.set(owner, entry);
  return () => {
    if (held.get(owner) === entry) held.delete(owner);
    release();
  };
}

/** Resolves once no long change holds the connection (at once when none does). */
export async function connectionFree(owner: object): Promise<void> {
  for (let h = held.get(owner); h; h = held.get(owner)) await h.done;
}

/** True while a long change holds the connection: what runs on a timer (the daily backup) waits for its next turn. */
export const connectionHeld = (owner: object): boolean => held.has(owner);
