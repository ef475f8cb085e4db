import type { Kysely, Transaction } from 'kysely';
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

export interface Engine {
  name: 'sqlite' | 'postgres';
  peopleSearch: PeopleSearchIndex;
  monthStats: MonthStats;
}
