import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { CLINICAL_ENTRY_KINDS } from '../../../shared/contract/record-schemas';
import { clinicalMigrations } from '../db/clinical-migrations';
import { openClinical, tuneClinical, type Db } from '../db/database';
import { migrate } from '../db/migrate';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import { isSealedSlot, readKeyslots, writeKeyslots, type KeyslotFile, type SealedSlot } from './keyslots';
import type { RotationRecipient } from './rotation';
import { hasClinicalStore, markClinicalStore, openClinicalStore, withClinicalSeal, type VaultOptions, type VaultPaths } from './vault';

/**
 * Moves a vault made before the clinical store (one file, one key) to two stores and two keys, the
 * first time someone whose role may read clinical content signs in (or the recovery code is used).
 *
 * Each step leaves the folder in a state the next sign-in finishes, whatever kill -9 interrupts:
 *   1. a new clinical key; clinical.db.partial is written whole with the clinical content copied from
 *      the main store, then closed (no journal left);
 *   2. keyslots.json gets the clinical key sealed to each clinical role's slot and the recovery slot
 *      (one atomic write): the commit point of the key;
 *   3. clinical.db.partial is renamed clinical.db;
 *   4. one transaction on the main store empties the clinical content there, marks the store as split
 *      and writes the audit event; VACUUM then rewrites the main file without the freed pages, so the
 *      main key (a front-desk password) no longer reaches the old text anywhere in it.
 * Before step 2 no slot holds the new key, so a leftover partial file is thrown away and the move
 * starts over; after it, the partial file is complete and only steps 3-4 remain.
 */

export interface SplitOutcome {
  clinical: Db;
  clinicalKey: Buffer;
  /** For the audit event: what moved, and who could not be given the key (a slot from before sealed slots). */
  moved: { notes: number; entries: number; history: number };
  slotsWithKey: number;
  withoutKey: string[];
  resumed: boolean;
}

const partialOf = (p: VaultPaths) => `${p.clinical}.partial`;

function removePartial(p: VaultPaths): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partialOf(p)}${suffix}`, { force: true });
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const CLINICAL_KINDS_SQL = CLINICAL_ENTRY_KINDS.map((k) => `'${k}'`).join(', ');

/** A history row's previous values, split into what stays in the main store and what is clinical. */
function splitPrevious(recordType: string, entryIsClinical: boolean, previous: string): { main: string; clinical: string } | null {
  const values = JSON.parse(previous) as Record<string, unknown>;
  const clinicalField = recordType === 'contact' ? 'note' : recordType === 'entry' && entryIsClinical ? 'data' : null;
  if (!clinicalField || !(clinicalField in values)) return null;
  const { [clinicalField]: moved, ...rest } = values;
  return { main: JSON.stringify(rest), clinical: JSON.stringify({ [clinicalField]: moved }) };
}

interface HistoryRow {
  id: number;
  record_type: string;
  previous: string;
  clinical_entry: number;
}

const historyRows = (main: Db) =>
  main
    .prepare(
      `SELECT h.id, h.record_type, h.previous,
              (h.record_type = 'entry' AND EXISTS (SELECT 1 FROM person_entries e WHERE e.id = h.record_id AND e.kind IN (${CLINICAL_KINDS_SQL}))) AS clinical_entry
       FROM record_history h WHERE h.record_type IN ('contact', 'entry')`,
    )
    .iterate() as IterableIterator<HistoryRow>;

/** Step 1: the clinical store written whole beside the main one, under the new key. */
function writePartial(p: VaultPaths, main: Db, key: Buffer, opts: VaultOptions): SplitOutcome['moved'] {
  removePartial(p);
  const c = openClinical(partialOf(p), key, { create: true, nativeBinding: opts.nativeBinding });
  const moved = { notes: 0, entries: 0, history: 0 };
  try {
    tuneClinical(c);
    migrate(c, clinicalMigrations, 'clinical');
    c.transaction(() => {
      const note = c.prepare('INSERT INTO clinical.contact_notes (contact_id, note) VALUES (?, ?)');
      for (const r of main.prepare("SELECT id, note FROM contacts WHERE note <> ''").iterate() as IterableIterator<{ id: number; note: string }>) {
        note.run(r.id, r.note);
        moved.notes++;
      }
      const text = c.prepare('INSERT INTO clinical.entry_texts (entry_id, data) VALUES (?, ?)');
      for (const r of main.prepare(`SELECT id, data FROM person_entries WHERE kind IN (${CLINICAL_KINDS_SQL})`).iterate() as IterableIterator<{ id: number; data: string }>) {
        text.run(r.id, r.data);
        moved.entries++;
      }
      const detail = c.prepare('INSERT INTO clinical.history_details (history_id, previous) VALUES (?, ?)');
      for (const r of historyRows(main)) {
        const parts = splitPrevious(r.record_type, r.clinical_entry === 1, r.previous);
        if (!parts) continue;
        detail.run(r.id, parts.clinical);
        moved.history++;
      }
      // The copy is not a change anyone could undo, and the two stores start counting together.
      c.exec('DELETE FROM clinical.undo');
    })();
    c.pragma('clinical.wal_checkpoint(TRUNCATE)');
  } finally {
    c.close();
  }
  fsyncFile(partialOf(p));
  return moved;
}

/** Step 2: the clinical key sealed to every recipient's slot, in one write of keyslots.json. */
function sealToRecipients(p: VaultPaths, key: Buffer, recipients: RotationRecipient[]): { file: KeyslotFile; sealed: number; without: string[] } {
  const file = readKeyslots(p.keyslots);
  const byId = new Map(recipients.map((r) => [r.slotId, r]));
  const without: string[] = [];
  let sealed = 0;
  const slots = file.slots.map((s) => {
    const r = byId.get(s.id);
    if (!r) return s;
    // The public key must be the one the records hold (slot-keys.ts): a key swapped into keyslots.json
    // by someone who cannot open the records must not receive the clinical key.
    if (!isSealedSlot(s) || s.publicKey !== r.publicKey) {
      without.push(r.label);
      return s;
    }
    sealed++;
    return withClinicalSeal(file.vaultId, s as SealedSlot, key);
  });
  const next = { ...file, slots };
  writeKeyslots(p.keyslots, next);
  return { file: next, sealed, without };
}

/**
 * Step 4: the main store without its clinical content, then VACUUM (the emptied text would otherwise
 * stay readable in free pages under the main key), then the mark and the audit event. Emptying is
 * idempotent, so an interruption anywhere here is finished by running it again.
 */
function emptyMainStore(main: Db, audit: () => void): void {
  main.transaction(() => {
    main.exec("UPDATE contacts SET note = '' WHERE note <> ''");
    main.exec(`UPDATE person_entries SET data = '{}' WHERE kind IN (${CLINICAL_KINDS_SQL}) AND data <> '{}'`);
    const update = main.prepare('UPDATE record_history SET previous = ? WHERE id = ?');
    const changes: [string, number][] = [];
    for (const r of historyRows(main)) {
      const parts = splitPrevious(r.record_type, r.clinical_entry === 1, r.previous);
      if (parts) changes.push([parts.main, r.id]);
    }
    for (const [previous, id] of changes) update.run(previous, id);
  })();
  main.exec('VACUUM');
  main.pragma('wal_checkpoint(TRUNCATE)');
  crashPoint(4);
  main.transaction(() => {
    markClinicalStore(main);
    audit();
  })();
}

/**
 * Splits the vault (see above), or finishes a split an interruption cut short. `clinicalKey` is the key
 * the signing-in slot already holds, if any: it means step 2 happened. The recovery slot must be able
 * to take the key, or the recovery code would stop reaching clinical content: then nothing is done.
 */
export function splitClinicalStore(input: {
  paths: VaultPaths;
  main: Db;
  clinicalKey: Buffer | null;
  recipients: RotationRecipient[];
  opts: VaultOptions;
  audit: (details: Record<string, unknown>) => void;
}): SplitOutcome | null {
  const { paths: p, main, opts } = input;
  if (hasClinicalStore(main)) throw new Error('the clinical store already exists');
  const recovery = readKeyslots(p.keyslots).slots.find((s) => s.kind === 'recovery');
  if (!input.clinicalKey && (!recovery || !isSealedSlot(recovery))) return null;

  let key: Buffer;
  let moved: SplitOutcome['moved'];
  let sealed = 0;
  let without: string[] = [];
  const resumed = input.clinicalKey !== null;
  if (input.clinicalKey) {
    // Step 2 happened: the partial file (or clinical.db, after step 3) is complete.
    key = input.clinicalKey;
    if (!existsSync(p.clinical) && !existsSync(partialOf(p))) {
      throw new DoorwayError('DATABASE_MISSING', msg('access.vault.clinicalMissing'));
    }
    moved = { notes: 0, entries: 0, history: 0 };
  } else {
    rmSync(p.clinical, { force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(`${p.clinical}${suffix}`, { force: true });
    key = randomBytes(32);
    moved = writePartial(p, main, key, opts);
    crashPoint(1);
    ({ sealed, without } = sealToRecipients(p, key, input.recipients));
    crashPoint(2);
  }
  if (!existsSync(p.clinical)) renameSync(partialOf(p), p.clinical);
  crashPoint(3);
  const opened = openClinicalStore(p, key, main, opts);
  try {
    emptyMainStore(main, () => input.audit({ moved, slotsWithKey: sealed, withoutKey: without, resumed }));
  } catch (e) {
    opened.clinical.close();
    throw e;
  }
  return { clinical: opened.clinical, clinicalKey: key, moved, slotsWithKey: sealed, withoutKey: without, resumed };
}

/** Test-only: `DOORWAY_TEST_CRASH_AT=split:N` kills the process after step N (4: emptied, not yet marked). */
function crashPoint(step: number): void {
  if (process.env.DOORWAY_TEST_CRASH_AT === `split:${step}`) process.kill(process.pid, 'SIGKILL');
}
