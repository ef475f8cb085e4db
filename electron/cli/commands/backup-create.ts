import { resolve } from 'node:path';
import { destinationProblem } from '../../core/backup/files';
import { makeBackup } from '../../core/backup/use-cases';
import { makeHubBackup } from '../../core/hub/backup';
import { DoorwayError } from '../../core/errors';
import { defineCommand, type CommandContext } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { UsageError } from '../errors';
import { msg } from '../../../shared/messages';
import { EXIT, line } from '../io';
import { HUB_FLAG, whereRecordsAre, withHubSession } from './hub-shared';
import { DATA_DIR_FLAG, openForBackup, partLines, progressLines, SECRET_NOTES, sizeText, TO_FLAG, USER_FLAG } from './backup-shared';

const NAME = 'backup create';

export const backupCreateCommand = defineCommand({
  name: NAME,
  summary: 'Write an encrypted backup of the vault into a folder, then check it completely.',
  flags: { 'data-dir': { ...DATA_DIR_FLAG, required: false }, hub: HUB_FLAG, to: TO_FLAG, user: USER_FLAG },
  notes: [
    ...SECRET_NOTES,
    'The backup is a folder doorway-backup-<time>-<id> holding the encrypted records (doorway.db, and',
    'clinical.db under its own key), the key slots and a sealed manifest. It counts as a good backup only once the check after writing has passed.',
    'Old backups are removed by "backup prune", not by this command.',
  ],
  async run(values, ctx) {
    const where = whereRecordsAre(values, NAME);
    if ('hub' in where) return backupOfHub(where.hub, values, ctx);
    const paths = dataFolder(where.dataDir);
    requireVault(paths);
    const dest = resolve(values.to);
    // Before any secret is asked for: a missing drive is the most common reason a backup can't start.
    // The same check as the Backups screen's, so the data folder (or a folder in it) is refused here too.
    const problem = destinationProblem(dest, paths.dir);
    if (problem) throw problem;
    const opened = await openForBackup(paths, values.user, ctx, NAME);
    try {
      // The app's own use case: written, checked completely and audited the same way as from the Backups screen.
      const made = await makeBackup(
        opened.access,
        { actor: opened.actor, maker: opened.maker, via: 'commandLine' },
        { dest, now: () => new Date(), hooks: ctx.options.backupHooks, onProgress: progressLines(ctx.io) },
      );
      const bytes = made.manifest.parts.reduce((s, p) => s + p.bytes, 0);
      line(ctx.io.stdout, `Backup written and verified: ${made.dir}`);
      line(
        ctx.io.stdout,
        `${sizeText(bytes)}; every part matches its fingerprint, every page was read back and checked, and all ${made.verified.rows.toLocaleString('en-US')} rows are there:`,
      );
      for (const text of partLines(made.verified)) line(ctx.io.stdout, text);
      return EXIT.ok;
    } finally {
      opened.close();
    }
  },
});

/** `backup create --hub URL`: the same bundle, made from the clinic hub by an administrator signed in to it. */
async function backupOfHub(hubUrl: string, values: { to: string; user?: string }, ctx: CommandContext): Promise<number> {
  const dest = resolve(values.to);
  const problem = destinationProblem(dest);
  if (problem) throw problem;
  if (!values.user) throw new UsageError('Missing --user USERNAME: a clinic hub is backed up by an administrator signed in to it.', NAME);
  return withHubSession(hubUrl, values.user, ctx, NAME, async (session) => {
    if (session.user.role !== 'administrator' || !session.clinicalKey) {
      throw new DoorwayError('FORBIDDEN', msg('cli.forbidden.backup', { username: session.user.username }));
    }
    const u = session.user;
    const made = await makeHubBackup(
      session.data,
      { actor: { id: u.id, username: u.username }, via: 'commandLine' },
      {
        dest,
        dataKey: session.dataKey,
        clinicalKey: session.clinicalKey,
        maker: { id: u.id, username: u.username, displayName: u.displayName, via: 'commandLine' },
        now: () => new Date(),
        onProgress: progressLines(ctx.io),
      },
    );
    const bytes = made.manifest.parts.reduce((s, p) => s + p.bytes, 0);
    line(ctx.io.stdout, `Backup of the clinic hub written and verified: ${made.dir}`);
    line(ctx.io.stdout, `${sizeText(bytes)}; every part matches its fingerprint, every page was read back and checked, and all ${made.verified.rows.toLocaleString('en-US')} rows are there:`);
    for (const text of partLines(made.verified)) line(ctx.io.stdout, text);
    return EXIT.ok;
  });
}
