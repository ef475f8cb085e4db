import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoorway } from '../../electron/core';
import { cliRun } from '../support/cli';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';

/** `import people|contacts` through the command-line runner, on a vault it made itself. */

const ENV = { DOORWAY_PASSWORD: ADMIN.password };
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function setUp(): Promise<{ root: string; data: string }> {
  const root = tempDir('doorway-cli-import-');
  dirs.push(root);
  const data = join(root, 'data');
  const made = await cliRun(['init', '--data-dir', data, '--clinic', 'Harbour Street Clinic', '--admin', ADMIN.username], ENV);
  expect(made.code).toBe(0);
  return { root, data };
}

function put(root: string, name: string, content: string): string {
  const path = join(root, name);
  writeFileSync(path, content);
  return path;
}

/** What the vault holds, read as the administrator. */
async function counts(data: string) {
  const { core } = createDoorway({ dataDir: data, kdfCost: TEST_KDF });
  try {
    await core.signIn(ADMIN.username, ADMIN.password);
    const n = (sql: string) => core.db.prepare(sql).pluck().get() as number;
    return {
      people: n('SELECT count(*) FROM people'),
      contacts: n('SELECT count(*) FROM contacts'),
      imports: n("SELECT count(*) FROM audit_events WHERE action = 'records.import'"),
    };
  } finally {
    core.close();
  }
}

const PEOPLE = '\uFEFFCódigo;Nombre;OK para llamar\nKT-0412;"Flores, Ana";sí\n\nMB-2207;;no\nRS-0033;"Stone;\nRiver";x\n';

describe('import people|contacts', () => {
  it('a dry run reports and writes nothing; the import then adds everyone, audited once', async () => {
    const { root, data } = await setUp();
    const path = put(root, 'personas.csv', PEOPLE);
    const dry = await cliRun(['import', 'people', '--data-dir', data, '--user', ADMIN.username, '--file', path, '--dry-run'], ENV);
    expect(dry.err).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Read personas.csv (CSV, 3 rows; SHA-256 ');
    expect(dry.out).toContain('Columns guessed from the headers: clientCode = "Código", name = "Nombre", okToCall = "OK para llamar".');
    expect(dry.out).toContain('Dry run: every row is in order. Importing would add 3 new people. Nothing was written');
    expect(await counts(data)).toEqual({ people: 0, contacts: 0, imports: 0 });

    const run = await cliRun(['import', 'people', '--data-dir', data, '--user', ADMIN.username, '--file', path], ENV);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Imported 3 new people in [\d.]+ s, in one step\. The audit trail records it with the file's name and SHA-256\./);
    expect(await counts(data)).toEqual({ people: 3, contacts: 0, imports: 1 });
  });

  it('exits 1 and writes nothing when any row is refused, naming the row and column', async () => {
    const { root, data } = await setUp();
    const lines = ['Client code,Date,Setting,Syringes'];
    for (let i = 2; i <= 10_000; i++) lines.push(`HS-${i % 300},${i === 9_000 ? '31/02/2025' : '2025-03-05'},SSP,${i % 20}`);
    const path = put(root, 'log.csv', lines.join('\n'));
    const r = await cliRun(['import', 'contacts', '--data-dir', data, '--user', ADMIN.username, '--file', path], ENV);
    expect(r.code).toBe(1);
    expect(r.out).toContain('1 problem to fix in the file:\n  Row 9000, Date: 31/02/2025 is not a date.\n');
    expect(r.err).toBe('Nothing was imported: 1 problem (listed above). Fix the file, or the mapping, and run this again.\n');
    expect(await counts(data)).toEqual({ people: 0, contacts: 0, imports: 0 });
  });

  it('takes a mapping file and a date order, and matches people already there only with --match-existing', async () => {
    const { root, data } = await setUp();
    await cliRun(['import', 'people', '--data-dir', data, '--user', ADMIN.username, '--file', put(root, 'p.csv', 'Client code\nKT-0412\n')], ENV);
    const path = put(root, 'visits.csv', 'Who,When,Where,Kits\nKT-0412,05/03/2025,van,Safer smoking kit x2\nNEW-1,06/03/2025,outreach,\n');
    const mapping = put(root, 'mapping.json', JSON.stringify({ clientCode: 'Who', date: 'When', setting: 'Where', supplies: 'Kits' }));
    const args = ['import', 'contacts', '--data-dir', data, '--user', ADMIN.username, '--file', path, '--mapping', mapping, '--date-order', 'dmy'];

    const refused = await cliRun(args, ENV);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('Columns from the mapping: clientCode = "Who", date = "When", setting = "Where", supplies = "Kits".');
    expect(refused.out).toContain('Dates that read both ways are read day first (31/12/2025), as chosen: 2 rows have one.');
    expect(refused.out).toContain('1 person in the file is already in Doorway (same client code):\n  KT-0412 (row 2)\n');
    expect(refused.out).toContain('Row 2, Who: KT-0412 is already in Doorway.');
    expect(await counts(data)).toMatchObject({ people: 1, contacts: 0 });

    const matched = await cliRun([...args, '--match-existing'], ENV);
    expect(matched.code).toBe(0);
    expect(matched.out).toContain('Imported 1 new person and 2 contacts, 1 person already in Doorway matched');
    expect(await counts(data)).toEqual({ people: 2, contacts: 2, imports: 2 });
  });

  it('says what is wrong with the call itself before asking for anything', async () => {
    const { root, data } = await setUp();
    const path = put(root, 'c.csv', 'Client code,Date\nKT-1,2025-03-05\n');
    const order = await cliRun(['import', 'contacts', '--data-dir', data, '--user', ADMIN.username, '--file', path, '--date-order', 'ymd'], ENV);
    expect(order.code).toBe(2);
    expect(order.err).toMatch(/^--date-order is dmy \(day first\) or mdy \(month first\)\./);
    const setting = await cliRun(['import', 'contacts', '--data-dir', data, '--user', ADMIN.username, '--file', path, '--setting', 'moon'], ENV);
    expect(setting.code).toBe(2);
    const missing = await cliRun(['import', 'people', '--data-dir', data, '--user', ADMIN.username, '--file', join(root, 'nope.csv')], ENV);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('There is no file at');
    const badMapping = await cliRun(['import', 'people', '--data-dir', data, '--user', ADMIN.username, '--file', path, '--mapping', put(root, 'm.json', '{not json')], ENV);
    expect(badMapping.code).toBe(2);
    expect(badMapping.err).toMatch(/The mapping file is not JSON/);
    // With a setting for rows without one, the same file goes in.
    const ok = await cliRun(['import', 'contacts', '--data-dir', data, '--user', ADMIN.username, '--file', path, '--setting', 'street outreach'], ENV);
    expect(ok.code).toBe(0);
    expect(await counts(data)).toMatchObject({ people: 1, contacts: 1 });
    const help = await cliRun(['import'], {});
    expect(help.out + help.err).toMatch(/import people .*\n.*import contacts/);
  });
});
