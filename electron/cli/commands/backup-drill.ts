import { resolve } from 'node:path';
import { practiseRestore } from '../../core/backup/use-cases';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { openKeysForBackup, progressLines, SECRET_NOTES, WHERE_FLAGS, TO_FLAG, USER_FLAG, when } from './backup-shared';

const NAME = 'backup drill';

export const backupDrillCommand = defineCommand({
  name: NAME,
  summary: 'Practise a restore: restore the newest verified backup into a temporary folder, check it, delete it.',
  flags: { to: TO_FLAG, ...WHERE_FLAGS, user: USER_FLAG },
  notes: [
    ...SECRET_NOTES,
    'Nothing in the data folder or the backup folder changes, except that the vault records when the',
    'last verified restore happened (shown on the Backups screen and the administrator\'s home screen).',
  ],
  async run(values, ctx) {
    const opened = await openKeysForBackup(values, ctx, NAME);
    try {
      const result = await practiseRestore(opened.access, { actor: opened.actor, via: 'commandLine' }, {
        dest: resolve(values.to),
        now: () => new Date(),
        onProgress: progressLines(ctx.io),
      });
      line(ctx.io.stdout, `Restore drill passed: the backup made ${when(result.bundleCreatedAt)} (${result.bundle}) restored into a temporary folder,`);
      line(
        ctx.io.stdout,
        `opened with the vault's keys (the clinical records with their own), passed the page-by-page check and held all ${result.rows.toLocaleString('en-US')} rows. The practice copy is deleted. (${(result.durationMs / 1000).toFixed(1)} s)`,
      );
      return EXIT.ok;
    } finally {
      opened.close();
    }
  },
});
