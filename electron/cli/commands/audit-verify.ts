import { invoke, createDoorway } from '../../core';
import { DoorwayError } from '../../core/errors';
import { defineCommand } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';

const NAME = 'audit verify';

/**
 * `audit verify`: walks the audit chain, as the administrator's "Verify chain" does, for scheduled
 * checks. Exit 0 when every event holds; 1 with the first broken event named.
 */
export const auditVerifyCommand = defineCommand({
  name: NAME,
  summary: 'Check that no audit event was changed, removed or inserted outside Doorway (administrators).',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', required: true, env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Your staff username (an administrator).' },
  },
  notes: [
    'The password comes from DOORWAY_PASSWORD, or is asked for (hidden) in a terminal.',
    'Exit codes: 0 the chain is intact, 1 it is broken (the first broken event is named) or the check could not run.',
  ],
  async run(values, { io, options }) {
    const paths = dataFolder(values['data-dir']);
    requireVault(paths);
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${values.user}: `, command: NAME });

    // Through the router, so the same role check applies as on the audit screen, and the check itself
    // is attributed (the sign-in is an audit event too).
    const { core, router } = createDoorway({ dataDir: paths.dir, kdfCost: options.kdfCost });
    try {
      await core.signIn(values.user, password);
      const checked = await invoke(router, 'audit.verify', {});
      if (!checked.ok) throw new DoorwayError(checked.error.code, checked.error.message);
      const { intact, events, firstBroken } = checked.value;
      if (intact) {
        line(io.stdout, `The audit trail is intact: ${events} events checked, none changed, removed or inserted.`);
        return EXIT.ok;
      }
      const broken = firstBroken!;
      line(io.stdout, `The audit trail is broken at event ${broken.id}${broken.action ? ` (${broken.action}${broken.at ? `, ${broken.at}` : ''})` : ''}.`);
      line(
        io.stdout,
        'That event, or one just before it, was changed, removed or inserted outside Doorway. Events before it are intact. ' +
          'Keep this data folder as it is and tell whoever looks after the clinic\'s data security.',
      );
      return EXIT.failed;
    } finally {
      core.close();
    }
  },
});
