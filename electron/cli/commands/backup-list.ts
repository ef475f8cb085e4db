import { resolve } from 'node:path';
import { listBundles, toSummary } from '../../core/backup/catalog';
import { unavailable } from '../../core/backup/files';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { madeBy, openKeysForBackup, SECRET_NOTES, WHERE_FLAGS, sizeText, TO_FLAG, USER_FLAG, when } from './backup-shared';

const NAME = 'backup list';

const STATE_WORDS = {
  verified: 'verified',
  unverified: 'NOT verified (never counted as a good backup)',
  otherVault: 'from another vault (left alone)',
  unreadable: "can't be checked with this vault's key (damaged, or made before the key was changed; left alone)",
} as const;

/** Only for bundles that hold the clinical records file. */
const CLINICAL_WORDS = {
  checked: '; main and clinical records',
  notChecked: "; main and clinical records (the clinical records' pages not yet checked with the clinical key: \"backup verify\" does it)",
} as const;

export const backupListCommand = defineCommand({
  name: NAME,
  summary: "List the vault's backups in a folder, newest first, with whether each one was verified.",
  flags: { to: TO_FLAG, ...WHERE_FLAGS, user: USER_FLAG },
  notes: [
    ...SECRET_NOTES,
    "The vault's key is needed because each backup's description is sealed (and partly encrypted) with it.",
  ],
  async run(values, ctx) {
    const dest = resolve(values.to);
    const opened = await openKeysForBackup(values, ctx, NAME);
    try {
      const listing = listBundles(dest, opened.access.dataKey, opened.access.vaultId);
      if (!listing.available) throw unavailable(dest);
      const out = ctx.io.stdout;
      if (listing.bundles.length === 0) line(out, `There are no backups in ${dest} yet.`);
      for (const entry of listing.bundles) {
        const s = toSummary(entry);
        const detail = s.madeBy ? `, made by ${madeBy(s)}` : '';
        const clinical = s.clinical === undefined || s.clinical === null ? '' : CLINICAL_WORDS[s.clinical];
        line(out, `${s.name}  ${when(s.createdAt)}  ${sizeText(s.sizeBytes)}  ${STATE_WORDS[s.state]}${detail}${clinical}`);
      }
      if (listing.unfinished.length > 0) {
        line(
          out,
          `${listing.unfinished.length} unfinished folder(s) from backups that stopped part-way: never counted as backups; "backup prune" removes them once nothing is writing them.`,
        );
      }
      return EXIT.ok;
    } finally {
      opened.close();
    }
  },
});
