import { join } from 'node:path';
import { createDoorway, invoke, type Doorway, type Router } from '../../electron/core';
import { recomputePersonContactDays } from '../../electron/core/continuity/contact-days';
import { Random } from '../../electron/core/demo/random';
import { refreshContactSummary } from '../../electron/core/records/people';
import { readSettings } from '../../electron/core/settings/settings';
import { generateDemo } from '../../electron/core/demo/generate';
import { unlockWithPassword, vaultPaths, type VaultPaths } from '../../electron/core/vault/vault';
import type { BenchContext } from './bench';

export interface BenchVault {
  paths: VaultPaths;
  username: string;
  password: string;
  dataKey: Buffer;
}

/** A vault made exactly as first run makes it, with the production key derivation cost. */
export function productionVault(ctx: BenchContext): Promise<BenchVault> {
  return ctx.shared('production-vault', async () => {
    const dataDir = join(ctx.workDir, 'vault');
    const username = 'bench-admin';
    const password = 'a calm bench password';
    const { core } = createDoorway({ dataDir });
    const pending = core.beginSetup();
    const groups = pending.recoveryCode.split('-');
    await core.completeSetup({
      clinicName: 'Bench Clinic',
      peopleWord: 'participant',
      admin: { username, displayName: 'Bench Admin', password },
      confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
    });
    core.close();
    const paths = vaultPaths(dataDir);
    const { dataKey } = await unlockWithPassword(paths, username, password);
    return { paths, username, password, dataKey };
  });
}

export interface DemoBenchVault {
  dataDir: string;
  username: string;
  password: string;
  people: number;
  contacts: number;
}

/**
 * A demo clinic of the bench size (large: 20,000 people, 1,000,000 contacts), made once per run and
 * shared by the metrics that measure daily work on it. A cheap key derivation: unlock is measured elsewhere.
 */
export function demoBenchVault(ctx: BenchContext): Promise<DemoBenchVault> {
  return ctx.shared('demo-vault', async () => {
    const dataDir = join(ctx.workDir, 'demo-vault');
    const username = 'bench';
    const password = 'a calm bench password';
    const { core } = createDoorway({ dataDir, kdfCost: BENCH_KDF });
    const pending = core.beginSetup();
    const groups = pending.recoveryCode.split('-');
    const session = await core.completeSetup({
      clinicName: 'Bench Clinic',
      peopleWord: 'participant',
      admin: { username, displayName: 'Bench Admin', password },
      confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
    });
    const t = Date.now();
    const made = await generateDemo({ data: core.vault.open().data, engine: core.context.engine }, { size: ctx.size, seed: 11, now: core.now(), actorId: session.user.id, actorRole: 'administrator' });
    ctx.log(`  demo vault: ${made.people} people, ${made.contacts} contacts in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    core.close();
    return { dataDir, username, password, ...made };
  });
}

export const BENCH_KDF = { N: 2 ** 14 } as const;

/** Opens the shared demo vault and signs in, as the app would. */
export async function openDemoVault(ctx: BenchContext) {
  const v = await demoBenchVault(ctx);
  const doorway = createDoorway({ dataDir: v.dataDir, kdfCost: BENCH_KDF });
  await doorway.core.signIn(v.username, v.password);
  return { ...doorway, vault: v };
}

/**
 * Adds one person with a long history (5,000 contacts over ten years by default), in the research's
 * pattern: runs of frequent contact, then time away. Shared by the timeline data and render metrics
 * so both measure the same person.
 */
export async function addLongHistoryPerson(core: Doorway, router: Router, contacts = 5_000): Promise<number> {
  const created = await invoke(router, 'people.create', { clientCode: 'TL5000', preferredName: 'Timeline' });
  if (!created.ok) throw new Error(created.error.message);
  const personId = created.value.id;
  const rng = new Random(21);
  const staff = core.db.prepare('SELECT id FROM staff_users').pluck().all() as number[];
  const insert = core.db.prepare(
    'INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 1, ?, 1)',
  );
  // Bulk inserts on the connection itself, inside the same transaction as the summary the records feature keeps.
  await core.vault.open().data.transaction().execute(async (trx) => {
    let t = Date.now() - 10 * 365 * 86_400_000;
    for (let i = 0; i < contacts; i++) {
      t += (i % 60 === 59 ? rng.int(61, 150) : rng.int(0, 1)) * 86_400_000 + rng.int(0, 3) * 3_600_000;
      const at = new Date(Math.min(t, Date.now() - 60_000)).toISOString();
      insert.run(personId, at, at, rng.pick(['drop_in', 'ssp_exchange', 'street_outreach', 'van', 'clinic_visit'] as const), rng.pick(staff), at);
    }
    await refreshContactSummary(trx, personId);
    await recomputePersonContactDays(trx, readSettings(core.db).timeZone, personId, '0000');
  });
  return personId;
}

/** A fragment of someone's client code, name or preferred name (2 to 6 characters), as staff type into search. */
export function searchQuery(rng: Random, people: readonly { client_code: string; name: string | null; preferred_name: string | null }[]): string {
  const p = rng.pick(people);
  const source = rng.pick([p.client_code, p.name ?? p.client_code, p.preferred_name ?? p.client_code]);
  const len = rng.int(2, Math.min(6, source.length));
  const start = rng.int(0, source.length - len);
  return source.slice(start, start + len);
}
