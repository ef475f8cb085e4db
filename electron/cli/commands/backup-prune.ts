import { resolve } from 'node:path';
import { readBackupSettings } from '../../core/backup/store';
import { tidyBackups } from '../../core/backup/use-cases';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { openKeysForBackup, SECRET_NOTES, WHERE_FLAGS, TO_FLAG, USER_FLAG } from './backup-shared';

const NAME = 'backup prune';

export const backupPruneCommand = defineCommand({
  name: NAME,
  summary: "Remove old backups by the vault's retention policy (keep daily 7, weekly 4, monthly 12 unless changed).",
  flags: { to: TO_FLAG, ...WHERE_FLAGS, user: USER_FLAG },
  notes: [
    ...SECRET_NOTES,
    'The policy is the one set on the Backups screen, in the clinic\'s time zone. The newest verified backup is',
    'never removed; unverified backups never count; backups of another vault, or that this vault\'s key',
    "can't check, are never touched. Folders left by backups that stopped part-way are removed.",
  ],
  async run(values, ctx) {
    const opened = await openKeysForBackup(values, ctx, NAME);
    try {
      const policy = await readBackupSettings(opened.access.data);
      const result = await tidyBackups(opened.access, { actor: opened.actor, via: 'commandLine' }, {
        dest: resolve(values.to),
        policy,
        timeZone: opened.timeZone,
        now: Date.now(),
      });
      const out = ctx.io.stdout;
      line(out, `Kept ${result.kept.length} backup(s) (keep daily ${policy.keepDaily}, weekly ${policy.keepWeekly}, monthly ${policy.keepMonthly}).`);
      line(out, result.removed.length ? `Removed ${result.removed.length}: ${result.removed.join(', ')}` : 'Removed none.');
      if (result.unfinishedRemoved) line(out, `Removed ${result.unfinishedRemoved} unfinished folder(s) left by backups that stopped part-way.`);
      return EXIT.ok;
    } finally {
      opened.close();
    }
  },
});
