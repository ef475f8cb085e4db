import { recordAudit } from '../../core/audit/audit';
import { openUnlocked, recordSettlement } from '../../core/vault/rotation';
import { unlockWithRecovery } from '../../core/vault/vault';
import { defineCommand } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line } from '../io';
import { readSecret } from '../secrets';

const NAME = 'export-key';

/** The statements that open the file, for people who leave Doorway or need their records elsewhere. */
export function openingPragmas(hexKey: string): { sqlcipher: string[]; multipleCiphers: string[] } {
  const key = `PRAGMA key = "x'${hexKey}'";`;
  return {
    // SQLCipher 4's defaults are exactly the format Doorway writes, so the raw key is all it needs.
    sqlcipher: [key],
    // SQLite3 Multiple Ciphers defaults to another cipher; legacy=4 selects the SQLCipher 4 format.
    multipleCiphers: ["PRAGMA cipher = 'sqlcipher';", 'PRAGMA legacy = 4;', key],
  };
}

export const exportKeyCommand = defineCommand({
  name: NAME,
  summary: 'Show the raw key of the records file, so it can be opened with standard SQLCipher 4 tools.',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', required: true, env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
  },
  notes: ['The recovery code comes from DOORWAY_RECOVERY_CODE, or is asked for (hidden) in a terminal.'],
  async run(values, { io }) {
    const paths = dataFolder(values['data-dir']);
    requireVault(paths);
    const code = await readSecret(io, { env: 'DOORWAY_RECOVERY_CODE', what: 'recovery code', prompt: 'Recovery code: ', command: NAME });

    // Opening the file proves the key belongs to it before it is shown (and finishes a key change that
    // an interruption left half-done), and the export is recorded.
    const opened = openUnlocked(paths, await unlockWithRecovery(paths, code));
    try {
      const db = opened.db;
      try {
        db.transaction(() => {
          recordSettlement(db, opened.settled, new Date().toISOString(), { id: null, username: null });
          recordAudit(db, {
            at: new Date().toISOString(),
            actor: { id: null, username: null },
            action: 'vault.exportKey',
            details: { with: 'recoveryCode', from: 'commandLine' },
          });
        })();
      } finally {
        db.close();
      }
      const hex = opened.dataKey.toString('hex');
      const pragmas = openingPragmas(hex);
      const out = io.stdout;
      line(out, `key: ${hex}`);
      line(out);
      line(out, 'To open doorway.db with standard SQLCipher 4 tools (for example the sqlcipher shell), run this first:');
      for (const p of pragmas.sqlcipher) line(out, `  ${p}`);
      line(out, "It uses SQLCipher 4's default settings, so nothing else needs setting.");
      line(out);
      line(out, 'With SQLite3 Multiple Ciphers (for example better-sqlite3-multiple-ciphers), run these first instead:');
      for (const p of pragmas.multipleCiphers) line(out, `  ${p}`);
      line(out);
      line(out, 'Close Doorway first, and work on a copy of doorway.db (with doorway.db-wal beside it, if there is one).');
      // On stderr, so the warning is still seen when the output is sent to a file.
      line(io.stderr, 'Keep this key private: it opens every record in this vault, with no password. Do not save it in');
      line(io.stderr, 'a shared place, an email or a chat message, and clear the terminal when you are done.');
      return EXIT.ok;
    } finally {
      opened.dataKey.fill(0);
    }
  },
});
