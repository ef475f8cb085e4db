import { assertRecordsNotInUse } from '../../core/backup/in-use';
import { postgresData, postgresPool } from '../../core/data/postgres';
import { sqliteData } from '../../core/data/sqlite';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../../core/errors';
import { moveVaultOntoHub } from '../../core/hub/init';
import { staffBySlot } from '../../core/users/staff';
import { openClinicalStore, openVaultDb, unlockWithPassword } from '../../core/vault/vault';
import { defineCommand } from '../command';
import { PG_URL_FLAG, postgresUrl } from './hub-shared';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';

const NAME = 'hub move';

export const hubMoveCommand = defineCommand({
  name: NAME,
  summary: "Move this computer's records onto a new clinic hub, which becomes the clinic's record (administrators).",
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', required: true, env: 'DOORWAY_DATA_DIR', description: "This computer's data folder (Doorway closed)." },
    'pg-url': PG_URL_FLAG,
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: "An administrator's username (password from DOORWAY_PASSWORD)." },
  },
  notes: [
    'Every staff password and the recovery code go on working on the hub: its keys and key slots come with it.',
    "Every table is counted on both sides; any difference and nothing is changed on the hub. This computer's files are only read:",
    'they stay as they are until an administrator removes them.',
  ],
  async run(values, { io, options }) {
    const url = postgresUrl(values['pg-url'], '--pg-url', NAME);
    const paths = dataFolder(values['data-dir']);
    requireVault(paths);
    const password = await readSecret(io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${values.user}: `, command: NAME });
    const unlocked = await unlockWithPassword(paths, values.user, password, { kdfCost: options.kdfCost });
    const { dataKey, clinicalKey } = unlocked;
    try {
      // Doorway (or another command) must not be writing while the records move.
      assertRecordsNotInUse(paths.db, dataKey);
      const main = openVaultDb(paths, dataKey);
      try {
        const user = await staffBySlot(sqliteData(main), unlocked.slot.id);
        if (!user || user.disabled || user.role !== 'administrator' || !clinicalKey) {
          throw new DoorwayError('FORBIDDEN', msg('cli.forbidden.move', { username: values.user }));
        }
        const { clinical } = openClinicalStore(paths, clinicalKey, main);
        const hub = postgresData(postgresPool({ connectionString: url.toString(), max: 2 }));
        try {
          const moved = await moveVaultOntoHub(hub, sqliteData(main, clinical), { file: unlocked.file, dataKey, clinicalKey }, { id: user.id, username: user.username }, new Date().toISOString());
          const n = (table: string) => (moved.rows[table] ?? 0).toLocaleString('en-US');
          line(io.stdout, `Moved onto the clinic hub at ${url.hostname}:${url.port || '5432'}${url.pathname}: ${n('people')} people, ${n('contacts')} contacts and ${n('audit_events')} audit entries, every table counted on both sides.`);
          line(io.stdout, 'Every password and the recovery code work on the hub as they did here.');
          line(io.stdout, `The records on this computer (${paths.dir}) are unchanged. Once every workstation uses the hub, an administrator can remove them.`);
          return EXIT.ok;
        } finally {
          clinical.close();
          await hub.destroy();
        }
      } finally {
        main.close();
      }
    } finally {
      dataKey.fill(0);
      clinicalKey?.fill(0);
    }
  },
});
