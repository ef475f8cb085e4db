import { createDoorway } from '../../core';
import { schemaVersion } from '../../core/db/migrate';
import { countStaff } from '../../core/users/staff';
import { defineCommand } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';

const NAME = 'status';

export const statusCommand = defineCommand({
  name: NAME,
  summary: 'Sign in and show the vault: its schema version and how many staff users it has.',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', required: true, env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Your staff username.' },
  },
  notes: ['The password comes from DOORWAY_PASSWORD, or is asked for (hidden) in a terminal.'],
  async run(values, { io, options }) {
    const paths = dataFolder(values['data-dir']);
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
