import { randomBytes, randomInt } from 'node:crypto';
import { formatRecoveryCode, isGroupValid, normalizeGroup, RECOVERY_CODE_BYTES, RECOVERY_GROUPS } from '../../../shared/recovery-code';
import type { ClinicSettings, SessionInfo } from '../../../shared/contract/schemas';
import type { PeopleWord } from '../../../shared/people-word';
import type { Language } from '../../../shared/languages';
import type { DataFolder } from '../data-folder';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import type { Clock } from '../platform/clock';
import type { SignInService } from '../session/sign-in';
import { sqliteData } from '../data/sqlite';
import { nameBuiltInCatalog } from '../records/catalog';
import { DEFAULT_SETTINGS } from '../settings/settings';
import { staffByUsername } from '../users/staff';
import { createVault } from '../vault/vault';
import type { HubLinkHolder } from '../hub/link';
import type { HubService } from '../hub/service';
import type { VaultSession } from '../vault/session';

export interface PendingSetup {
  recoveryCode: string;
  confirmGroups: [number, number];
}

/**
 * First run: a recovery code is shown, two of its groups are typed back, then the vault is created with
 * the first administrator, who is signed in straight away (the creation is the audit trail's first event).
 */
export class SetupService {
  private pending: PendingSetup | null = null;

  constructor(private readonly deps: { vault: VaultSession; folder: DataFolder; signIn: SignInService; clock: Clock; link: HubLinkHolder; hub: HubService }) {}

  /** A computer joined to a clinic hub works on the clinic's record, made on the hub: there is nothing to set up here. */
  vaultExists(): boolean {
    const { link } = this.deps;
    return link.target !== null || link.problem !== null || this.deps.folder.vaultExists();
  }

  begin(): PendingSetup {
    if (this.vaultExists()) throw new DoorwayError('VAULT_EXISTS', msg('setup.alreadySetUp'));
    const recoveryCode = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    const first = randomInt(1, RECOVERY_GROUPS + 1);
    let second = randomInt(1, RECOVERY_GROUPS + 1);
    while (second === first) second = randomInt(1, RECOVERY_GROUPS + 1);
    const confirmGroups: [number, number] = first < second ? [first, second] : [second, first];
    this.pending = { recoveryCode, confirmGroups };
    return this.pending;
  }

  async complete(input: {
    clinicName: string;
    peopleWord: PeopleWord;
    admin: { username: string; displayName: string; password: string };
    confirmation: string[];
    timeZone?: string;
    asHub?: boolean;
    language?: Language;
  }): Promise<SessionInfo> {
    const pending = this.pending;
    if (!pending) throw new DoorwayError('CONFLICT', msg('setup.startAgain'));
    const groups = pending.recoveryCode.split('-');
    const mismatched = pending.confirmGroups.filter((g, i) => normalizeGroup(input.confirmation[i] ?? '') !== groups[g - 1]);
    if (mismatched.length > 0) {
      const typo = mismatched.some((g) => isGroupValid(input.confirmation[pending.confirmGroups.indexOf(g)] ?? '', g - 1));
      // A group that passes its own check was copied from elsewhere in the code; one that fails it, mistyped.
      const [first, second] = mismatched;
      throw new DoorwayError(
        'RECOVERY_CODE_INVALID',
        second === undefined
          ? msg(typo ? 'setup.groupMismatch' : 'setup.groupMismatchCheck', { group: first! })
          : msg(typo ? 'setup.groupsMismatch' : 'setup.groupsMismatchCheck', { first: first!, second }),
      );
    }
    const { vault, clock } = this.deps;
    const settings: ClinicSettings = { ...DEFAULT_SETTINGS, clinicName: input.clinicName, peopleWord: input.peopleWord, timeZone: input.timeZone ?? DEFAULT_SETTINGS.timeZone, language: input.language ?? DEFAULT_SETTINGS.language };
    if (input.asHub) {
      // The clinic's record on a server Doorway runs here; this computer then signs in to it like any other.
      await this.deps.hub.makeHere({ settings, admin: input.admin, recoveryCode: pending.recoveryCode }, vault.options);
      this.pending = null;
      return this.deps.signIn.signIn(input.admin.username, input.admin.password);
    }
    const opened = await createVault(vault.paths, { settings, admin: input.admin, recoveryCode: pending.recoveryCode, now: clock.nowIso() }, vault.options);
    this.pending = null;
    const data = sqliteData(opened.db);
    // The services and supplies every site starts with, in the clinic's language (the hub does the same in initHub).
    await data.transaction().execute((trx) => nameBuiltInCatalog(trx, settings.language));
    const user = (await staffByUsername(data, input.admin.username))!;
    vault.begin(opened, vault.newSession(user, false));
    await vault.auditIn({ action: 'session.signIn', details: { firstRun: true } });
    return this.deps.signIn.sessionInfo();
  }
}
