import { afterEach, expect, it } from 'vitest';
import { pgMigrations } from '../../../electron/core/db/migrations/pg';
import { applySteps, describePg, dropPgDatabases, freshPgDatabase, sql } from '../../support/pg';

afterEach(dropPgDatabases);

describePg('PostgreSQL migration 0006 staff language', () => {
  it("gives existing staff no language of their own, takes English or Spanish, refuses anything else", async () => {
    const db = await freshPgDatabase();
    await applySteps(db.data, pgMigrations, 5);
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('river', 'River', 'administrator', 's1', 't')`.execute(db.data);
    await applySteps(db.data, pgMigrations.filter((m) => m.version === 6), 6);
    const language = async () => (await sql<{ language: string | null }>`SELECT language FROM staff_users`.execute(db.data)).rows[0]!.language;
    expect(await language()).toBeNull();
    await sql`UPDATE staff_users SET language = 'es'`.execute(db.data);
    expect(await language()).toBe('es');
    await expect(sql`UPDATE staff_users SET language = 'fr'`.execute(db.data)).rejects.toThrow();
    expect(await language()).toBe('es');
  });
});
