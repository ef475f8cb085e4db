/**
 * Run by the records metric in its own process: opens the demo vault as the app does, does a morning's
 * work (searches, person pages, contacts recorded) and prints the process's resident memory as JSON.
 * Usage: node --import tsx tests/bench/rss-child.ts DATA_DIR USERNAME PASSWORD
 */
import { createDoorway, invoke } from '../../electron/core';
import { Random } from '../../electron/core/demo/random';
import { BENCH_KDF } from './fixtures';

async function main(): Promise<void> {
  const [dataDir, username, password] = process.argv.slice(2);
  if (!dataDir || !username || !password) throw new Error('usage: rss-child.ts DATA_DIR USERNAME PASSWORD');
  const { core, router } = createDoorway({ dataDir, kdfCost: BENCH_KDF });
  await core.signIn(username, password);
  const rng = new Random(9);
  const people = core.db.prepare('SELECT id, client_code FROM people').all() as { id: number; client_code: string }[];
  const busiest = core.db.prepare('SELECT id FROM people ORDER BY contact_count DESC LIMIT 50').pluck().all() as number[];
  const supply = core.db.prepare("SELECT id FROM catalog_items WHERE kind = 'supply' AND active = 1 LIMIT 1").pluck().get() as number;
  for (let i = 0; i < 300; i++) {
    const p = rng.pick(people);
    const steps = [
      invoke(router, 'people.search', { query: p.client_code.slice(0, 3), limit: 20 }),
      invoke(router, 'people.get', { id: rng.pick(busiest) }),
      invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in', services: [], supplies: [{ itemId: supply, quantity: 1 }], whatMattered: '', note: '' }),
    ];
    for (const r of await Promise.all(steps)) if (!r.ok) throw new Error(r.error.message);
  }
  const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  core.close();
  console.log(JSON.stringify({ rssMb }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
