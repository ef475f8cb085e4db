import type { Data } from '../data/engine';

/**
 * The same file imported before: found by its SHA-256 in the audit trail, where each import records
 * it. Importing a file twice would add every contact in it twice, so it is refused with who imported
 * it and when.
 */
export async function earlierImport(data: Data, sha256: string): Promise<{ at: string; by: string | null } | null> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
  const row = await data
    .selectFrom('audit_events as a')
    .leftJoin('staff_users as s', 's.id', 'a.actor_id')
    .select(['a.at', 's.display_name', 'a.actor_username'])
    .where('a.action', '=', 'records.import')
    .where('a.details', 'like', `%"sha256":"${sha256}"%`)
    .orderBy('a.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { at: row.at, by: row.display_name ?? row.actor_username } : null;
}
