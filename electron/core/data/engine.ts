import type { Kysely, Transaction } from 'kysely';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import type { Database } from './schema';

/** Domain code takes this: the open records, or the transaction a change runs in. */
export type Data = Kysely<Database> | Transaction<Database>;

/**
 * What differs between the two engines, behind one interface each (DESIGN.md, "The data layer and its
 * two engines"). Everything else is plain Kysely and runs unchanged on both.
 */
export interface PeopleSearchIndex {
  /** Makes a person findable by client code, name and preferred name (call after an insert or an edit). */
  index(data: Data, person: { id: number; clientCode: string; name: string | null; preferredName: string | null }): Promise<void>;
  remove(data: Data, personId: number): Promise<void>;
  /** Makes every living person findable again from the people table (after a bulk load that bypassed `index`). */
  rebuild(data: Data): Promise<void>;
  /** Ids of live people matching a fragment, an exact client code first, then the most recently seen. */
  match(data: Data, query: string, limit: number): Promise<number[]>;
}

/**
 * The monthly figures (month_stats, person_month) are kept current by triggers on contacts, written
 * per engine (SQLite: migration 0003). A rebuild recounts them from the contacts, after the absence
 * threshold changes or to repair.
 */
export interface MonthStats {
  rebuild(data: Data): Promise<void>;
}

/**
 * What keeps derived data and the audit chain right with several writers (a clinic hub's
 * workstations). SQLite has one writer at a time (every write transaction takes the file's write
 * lock at BEGIN), so these are no-ops there; PostgreSQL takes row and advisory locks, held until the
 * transaction ends.
 */
export interface WriteLocks {
  /** Before reading the audit chain's head to append to it: appends are one chain, one at a time. */
  auditChain(data: Data): Promise<void>;
  /**
   * Before changing a person's contacts: their calendar days, gaps and summary are recomputed from
   * all of them in the same transaction, which must see every other change to that person.
   */
  person(data: Data, personId: number): Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  peopleSearch: PeopleSearchIndex;
  monthStats: MonthStats;
  locks: WriteLocks;
}

/** The engine behind each open data layer, by its Kysely adapter (a transaction shares its database's). */
const engines = new WeakMap<object, Engine>();

/** Called by each engine's constructor of the data layer (sqliteData, postgresData). */
export function registerEngine(data: Kysely<Database>, engine: Engine): Kysely<Database> {
  engines.set(data.getExecutor().adapter, engine);
  return data;
}

/** The engine a data layer (or a transaction on it) runs on: for the few rules that differ by engine. */
export function engineOf(data: Data): Engine {
  const engine = engines.get(data.getExecutor().adapter);
  if (!engine) throw new Error('This data layer was not made by sqliteData or postgresData, so its engine is unknown.');
  return engine;
}

/**
 * What a session whose role may not read clinical content is told when something asks for it: the
 * SQLite data layer has no clinical connection to give it, and a hub's front-desk login has no grant.
 */
export const clinicalClosed = () =>
  new DoorwayError('FORBIDDEN', msg('data.clinicalClosed'));
