import { DEMO_SIZES, generateDemo, type DemoSize } from '../../core/demo/generate';
import { createDoorway } from '../../core';
import { actorOf } from '../../core/audit/actor';
import { recordAuditIn } from '../../core/audit/audit';
import { postgresEngine } from '../../core/data/postgres';
import { defineCommand } from '../command';
import { HUB_FLAG, whereRecordsAre, withHubSession } from './hub-shared';
import { dataFolder, requireVault } from '../data-folder';
import { UsageError } from '../errors';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';

const NAME = 'demo';

function progressBar(done: number, total: number, startedAt: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(0);
  return `\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} contacts, ${seconds} s`;
}

export const demoCommand = defineCommand({
  name: NAME,
  summary: 'Fill an empty vault with realistic synthetic people and contacts, for training and trying Doorway out.',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
    hub: HUB_FLAG,
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Your staff username.' },
    size: { type: 'string', placeholder: 'small|medium|large', required: true, description: 'small = 200 people / 5,000 contacts; medium = 2,000 / 100,000; large = 20,000 / 1,000,000.' },
    seed: { type: 'string', placeholder: 'N', description: 'The same seed always makes the same demo clinic (default 1).' },
  },
  notes: [
    'The password comes from DOORWAY_PASSWORD, or is asked for (hidden) in a terminal.',
    'Demo data only goes into a vault with no records, so it is never mixed with real ones.',
  ],
  async run(values, ctx) {
    const { io, options } = ctx;
    if (!(values.size in DEMO_SIZES)) throw new UsageError('--size is small, medium or large.', NAME);
    const size = values.size as DemoSize;
    const seed = values.seed === undefined ? 1 : Number(values.seed);
    if (!Number.isSafeInteger(seed) || seed < 0) throw new UsageError('--seed is a whole number, 0 or more.', NAME);
    const where = whereRecordsAre(values, NAME);
    if ('hub' in where) {
      // The same demo clinic on the hub, through the same domain code, in one transaction on the administrator's login.
      return withHubSession(where.hub, values.user, ctx, NAME, async (session) => {
        const startedAt = Date.now();
        line(io.stderr, `Making a ${size} demo clinic (seed ${seed}) on the clinic hub ...`);
        const result = await generateDemo({ data: session.data, engine: postgresEngine }, {
          size,
          seed,
          now: new Date(),
          actorId: session.user.id,
          actorRole: session.user.role,
          record: (data, made) =>
            recordAuditIn(data, {
              at: new Date().toISOString(),
              actor: { id: session.user.id, username: session.user.username },
              action: 'demo.create',
              details: { size, seed, people: made.people, contacts: made.contacts, from: 'commandLine', hub: true },
            }),
        });
        line(io.stdout, `Added ${result.people.toLocaleString('en-US')} people and ${result.contacts.toLocaleString('en-US')} contacts to the clinic hub in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
        return EXIT.ok;
      });
    }
    const paths = dataFolder(where.dataDir);
    requireVault(paths);
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${values.user}: `, command: NAME });

    const { core } = createDoorway({ dataDir: paths.dir, kdfCost: options.kdfCost });
    try {
      const session = await core.signIn(values.user, password);
      const signedIn = core.vault.session;
      if (!signedIn) throw new Error('the session ended before the demo started');
      const startedAt = Date.now();
      let shownAt = 0;
      line(io.stderr, `Making a ${size} demo clinic (seed ${seed}) ...`);
      const result = await generateDemo({ data: core.vault.open().data, engine: core.context.engine }, {
        size,
        seed,
        now: core.now(),
        actorId: session.user.id,
        actorRole: session.user.role,
        onProgress: (done, total) => {
          // Redrawn in place at most twice a second, and always at the end.
          if (done < total && Date.now() - shownAt < 500) return;
          shownAt = Date.now();
          io.stderr.write(progressBar(done, total, startedAt));
        },
        // In the demo's own transaction: the event and the data land together or not at all.
        record: (data, made) =>
          recordAuditIn(data, {
            at: core.clock.nowIso(),
            actor: actorOf(signedIn),
            action: 'demo.create',
            details: { size, seed, people: made.people, contacts: made.contacts, from: 'commandLine' },
          }),
      });
      io.stderr.write('\n');
      core.vault.noteAuditWritten();
      line(io.stdout, `Added ${result.people.toLocaleString('en-US')} people and ${result.contacts.toLocaleString('en-US')} contacts in ${((Date.now() - startedAt) / 1000).toFixed(1)} s.`);
      return EXIT.ok;
    } finally {
      core.close();
    }
  },
});
