import { createDoorway } from '../../core';
import { recordAudit, recordAuditIn, type AuditActor } from '../../core/audit/audit';
import { openClinical } from '../../core/db/database';
import { DoorwayError } from '../../core/errors';
import { openUnlocked, recordSettlement } from '../../core/vault/rotation';
import { hasClinicalStore, unlockWithRecovery, type VaultPaths } from '../../core/vault/vault';
import { defineCommand, type SpecContext } from '../command';
import { dataFolder, requireVault } from '../data-folder';
import { EXIT, line, type Writer } from '../io';
import { UsageError } from '../errors';
import { msg } from '../../../shared/messages';
import { readSecret } from '../secrets';
import { HUB_FLAG, whereRecordsAre, withHubSession } from './hub-shared';

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

/**
 * The keys one secret reaches, each already proven to open its file. `clinical` is null when the slot
 * holds no clinical key (a front-desk account), or the vault has no clinical store yet (its clinical
 * content is still in doorway.db, under the main key).
 */
interface ExportedKeys {
  main: Buffer;
  clinical: Buffer | null;
  /** Why there is no clinical key, for the note under the keys. */
  noClinical: 'notInSlot' | 'noStore' | 'unavailable' | null;
}

/** Whether the clinical key opens clinical.db (the same check sign-in makes). */
function clinicalOpens(paths: VaultPaths, key: Buffer): boolean {
  try {
    openClinical(paths.clinical, key).close();
    return true;
  } catch (e) {
    if (e instanceof DoorwayError) return false;
    throw e;
  }
}

/**
 * With the recovery code: opening the records proves the key belongs to them (and finishes a key change
 * an interruption left half-done); the export is recorded with no one's name, as the code has none.
 */
async function withRecoveryCode(paths: VaultPaths, ctx: SpecContext): Promise<ExportedKeys> {
  const code = await readSecret(ctx.io, { env: 'DOORWAY_RECOVERY_CODE', what: 'recovery code', prompt: 'Recovery code: ', command: NAME });
  const opened = openUnlocked(paths, await unlockWithRecovery(paths, code));
  const db = opened.db;
  let clinical = opened.clinicalKey;
  try {
    const store = hasClinicalStore(db);
    if (clinical && (!store || !clinicalOpens(paths, clinical))) {
      clinical.fill(0);
      clinical = null;
    }
    const keys: ExportedKeys = { main: opened.dataKey, clinical, noClinical: clinical ? null : store ? 'unavailable' : 'noStore' };
    const actor: AuditActor = { id: null, username: null };
    db.transaction(() => {
      recordSettlement(db, opened.settled, new Date().toISOString(), actor);
      recordAudit(db, { at: new Date().toISOString(), actor, action: 'vault.exportKey', details: auditDetails('recoveryCode', keys) });
    })();
    return keys;
  } catch (e) {
    opened.dataKey.fill(0);
    clinical?.fill(0);
    throw e;
  } finally {
    db.close();
  }
}

/**
 * With a staff member's password: signing in through the core keeps the app's checks (one message for
 * an unknown user or a wrong password, turned-off accounts, the sign-in throttle) and its audit. Only
 * the keys that person's slot holds are shown: a front-desk slot holds no clinical key.
 */
async function withPassword(paths: VaultPaths, user: string, ctx: SpecContext): Promise<ExportedKeys> {
  const password = await readSecret(ctx.io, { env: 'DOORWAY_PASSWORD', what: 'password', prompt: `Password for ${user}: `, command: NAME });
  const { core } = createDoorway({ dataDir: paths.dir, kdfCost: ctx.options.kdfCost });
  try {
    const session = await core.signIn(user, password);
    if (session.mustChangePassword) {
      throw new DoorwayError('PASSWORD_CHANGE_REQUIRED', msg('cli.temporaryPasswordStill'));
    }
    const { vault } = core;
    const store = hasClinicalStore(vault.db);
    const keys: ExportedKeys = {
      main: Buffer.from(vault.dataKey),
      // The session holds the clinical key only for a role that may read clinical content, and only once it opened clinical.db.
      clinical: vault.clinicalKey ? Buffer.from(vault.clinicalKey) : null,
      noClinical: null,
    };
    if (!keys.clinical) keys.noClinical = session.user.role === 'front_desk' ? 'notInSlot' : store ? 'unavailable' : 'noStore';
    await vault.auditIn({ action: 'vault.exportKey', details: auditDetails('password', keys) });
    return keys;
  } finally {
    core.close();
  }
}

/**
 * On a clinic hub the records are PostgreSQL's, under its logins; these keys open what leaves it: its
 * backups, the same doorway.db and clinical.db as one computer's. Signed in as on the hub, with the
 * keys that person's slot holds, and audited there.
 */
async function withHubPassword(hubUrl: string, user: string, ctx: SpecContext): Promise<ExportedKeys> {
  return withHubSession(hubUrl, user, ctx, NAME, async (session) => {
    if (session.user.mustChangePassword) {
      throw new DoorwayError('PASSWORD_CHANGE_REQUIRED', msg('cli.temporaryPasswordStill'));
    }
    const keys: ExportedKeys = {
      main: Buffer.from(session.dataKey),
      clinical: session.clinicalKey ? Buffer.from(session.clinicalKey) : null,
      noClinical: session.clinicalKey ? null : 'notInSlot',
    };
    const actor = { id: session.user.id, username: session.user.username };
    await session.data.transaction().execute((trx) =>
      recordAuditIn(trx, { at: new Date().toISOString(), actor, action: 'vault.exportKey', details: { ...auditDetails('password', keys), hub: true } }),
    );
    return keys;
  });
}

function auditDetails(via: 'recoveryCode' | 'password', keys: ExportedKeys): Record<string, unknown> {
  return { with: via, from: 'commandLine', keys: keys.clinical ? ['main', 'clinical'] : ['main'] };
}

function printOpening(out: Writer, keys: ExportedKeys, onHub: boolean): void {
  const main = keys.main.toString('hex');
  const clinical = keys.clinical?.toString('hex') ?? null;
  line(out, `key: ${main}`);
  if (clinical) line(out, `clinical-key: ${clinical}`);
  line(out);
  line(out, 'To open doorway.db with standard SQLCipher 4 tools (for example the sqlcipher shell), run this first:');
  for (const p of openingPragmas(main).sqlcipher) line(out, `  ${p}`);
  if (clinical) {
    line(out, 'To open clinical.db with standard SQLCipher 4 tools, run this first (the clinical key):');
    for (const p of openingPragmas(clinical).sqlcipher) line(out, `  ${p}`);
  }
  line(out, "It uses SQLCipher 4's default settings, so nothing else needs setting.");
  line(out);
  line(out, 'With SQLite3 Multiple Ciphers (for example better-sqlite3-multiple-ciphers), run these first instead:');
  for (const p of openingPragmas(main).multipleCiphers) line(out, `  ${p}`);
  if (clinical) {
    line(out, 'For clinical.db with SQLite3 Multiple Ciphers, run these first (the clinical key):');
    for (const p of openingPragmas(clinical).multipleCiphers) line(out, `  ${p}`);
  }
  line(out);
  if (onHub) {
    line(out, "On a clinic hub the records are in PostgreSQL, under its own logins. These keys open the hub's backups:");
    line(out, `doorway.db${clinical ? ' and clinical.db' : ''} in each backup folder, the same files as one computer's. Work on copies.`);
  } else if (clinical) {
    line(out, 'Close Doorway first, and work on copies of doorway.db and clinical.db (each with its -wal file beside it, if there is one).');
    return;
  }
  if (!onHub) line(out, 'Close Doorway first, and work on a copy of doorway.db (with doorway.db-wal beside it, if there is one).');
  if (clinical) return;
  if (keys.noClinical === 'notInSlot') {
    line(out, 'Clinical records (clinical.db) have a key of their own, which this account does not hold: clinicians,');
    line(out, 'administrators and the recovery code do.');
  } else if (keys.noClinical === 'unavailable') {
    line(out, 'The clinical records (clinical.db) could not be opened, so their key is not shown. An administrator can');
    line(out, 'restore the latest backup.');
  }
}

export const exportKeyCommand = defineCommand({
  name: NAME,
  summary: 'Show the raw keys of the records files, so they can be opened with standard SQLCipher 4 tools.',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', env: 'DOORWAY_DATA_DIR', description: 'The data folder that holds the vault.' },
    hub: { ...HUB_FLAG, description: "The clinic hub's address, instead of --data-dir: the keys of its backups (needs --user)." },
    user: {
      type: 'string',
      placeholder: 'USERNAME',
      description: "A staff username (password from DOORWAY_PASSWORD): shows only the keys that person's slot holds. Without it, the recovery code is used.",
    },
  },
  notes: [
    'Without --user, the recovery code comes from DOORWAY_RECOVERY_CODE; with --user, the password comes from',
    'DOORWAY_PASSWORD. In a terminal, a missing one is asked for (hidden).',
    'The recovery code shows both keys: key (doorway.db) and clinical-key (clinical.db). A front-desk',
    "account's password shows only key: its slot never holds the clinical key.",
  ],
  async run(values, ctx) {
    const { io } = ctx;
    const where = whereRecordsAre(values, NAME);
    let keys: ExportedKeys;
    if ('hub' in where) {
      if (!values.user) throw new UsageError('On a clinic hub, give --user USERNAME: the keys are shown after signing in. Nothing was shown.', NAME);
      keys = await withHubPassword(where.hub, values.user, ctx);
    } else {
      const paths = dataFolder(where.dataDir);
      requireVault(paths);
      keys = values.user ? await withPassword(paths, values.user, ctx) : await withRecoveryCode(paths, ctx);
    }
    const onHub = 'hub' in where;
    try {
      printOpening(io.stdout, keys, onHub);
      // On stderr, so the warning is still seen when the output is sent to a file.
      const reach = keys.clinical ? ' but the clinical ones, and the clinical key opens those,' : keys.noClinical === 'noStore' ? ',' : ' but the clinical ones (clinical.db),';
      line(io.stderr, `Keep this key private: it opens every record in ${onHub ? "this clinic's backups" : 'this vault'}${reach} with no password.`);
      line(io.stderr, 'Do not save it in a shared place, an email or a chat message, and clear the terminal when you are done.');
      return EXIT.ok;
    } finally {
      keys.main.fill(0);
      keys.clinical?.fill(0);
    }
  },
});
