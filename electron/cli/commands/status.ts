import { createDoorway } from '../../core';
import { schemaVersion } from '../../core/db/migrate';
import { pgSchemaVersions } from '../../core/db/pg-migrate';
import { readSettingsIn } from '../../core/settings/settings';
import { countStaff } from '../../core/users/staff';
import { defineCommand } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';
import { HUB_FLAG, whereRecordsAre, withHubSession } from './hub-shared';

const NAME = 'status';

export const statusCommand = defineCommand({
  name: NAME,
  summary: 'Sign in and show the vault (or the clinic hub): its schema version and how many staff users it has.',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
    hub: HUB_FLAG,
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Your staff username.' },
  },
  notes: ['The password comes from DOORWAY_PASSWORD, or is asked for (hidden) in a terminal.'],
  async run(values, ctx) {
    const { io, options } = ctx;
    const where = whereRecordsAre(values, NAME);
    if ('hub' in where) {
      // On the hub: signed in through the key slots to the role's own login, as a workstation would.
      return withHubSession(where.hub, values.user, ctx, NAME, async (session) => {
        const settings = await readSettingsIn(session.data);
        const versions = await pgSchemaVersions(session.data as never);
        line(io.stdout, `Clinic hub: ${new URL(where.hub).hostname}`);
        line(io.stdout, `Clinic: ${settings.clinicName}`);
        line(io.stdout, `Schema version: ${versions.main} (clinical ${versions.clinical}, hub ${versions.hub})`);
        line(io.stdout, `Staff users: ${await countStaff(session.data)}`);
        line(io.stdout, `Signed in as: ${session.user.username} (${session.user.role.replace('_', ' ')})`);
        return EXIT.ok;
      });
    }
    const paths = dataFolder(where.dataDir);
    requireVault(paths);
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${values.user}: `, command: NAME });

    // Signing in through the core keeps the same checks as the app (one message for an unknown user or a
    // wrong password, turned-off accounts) and attributes this look at the vault in the audit trail.
    const { core } = createDoorway({ dataDir: paths.dir, kdfCost: options.kdfCost });
    try {
      const session = await core.signIn(values.user, password);
      const version = schemaVersion(core.db);
      const staff = await countStaff(core.vault.open().data);
      line(io.stdout, `Data folder: ${paths.dir}`);
      line(io.stdout, `Clinic: ${session.settings.clinicName}`);
      line(io.stdout, `Schema version: ${version}`);
      line(io.stdout, `Staff users: ${staff}`);
      return EXIT.ok;
    } finally {
      core.close();
    }
  },
});
