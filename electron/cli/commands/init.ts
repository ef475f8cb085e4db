import { existsSync, rmSync } from 'node:fs';
import type { z } from 'zod';
import { clinicNameSchema, displayNameSchema, newPasswordSchema, peopleWordSchema, usernameSchema } from '../../../shared/contract/schemas';
import { isValidTimeZone } from '../../../shared/continuity/days';
import { passwordStrength } from '../../../shared/password-strength';
import { PEOPLE_WORDS } from '../../../shared/people-word';
import { createDoorway } from '../../core';
import { DEFAULT_SETTINGS } from '../../core/settings/settings';
import { defineCommand } from '../command';
import { dataFolder, requireNoVault } from '../data-folder';
import { UsageError } from '../errors';
import { issueText } from '../../../shared/messages/issues';
import { EXIT, line, type CliIo } from '../io';
import { readSecret } from '../secrets';

const NAME = 'init';

/** Checks one value with the same schema the first-run screen uses; returns the cleaned value or a message. */
export function check<T>(schema: z.ZodType<T>, flag: string, value: unknown, problems: string[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(`${flag}: ${issueText(result.error.issues[0]) ?? 'this value is not accepted.'}`);
  return undefined;
}

export const initCommand = defineCommand({
  name: NAME,
  summary: 'Set up a new vault: the clinic, its first administrator and the recovery code.',
  flags: {
    'data-dir': { type: 'string', placeholder: 'DIR', required: true, env: 'DOORWAY_DATA_DIR', description: 'Data folder for the vault; created if needed.' },
    clinic: { type: 'string', placeholder: 'NAME', required: true, description: 'The clinic or program name.' },
    admin: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Username of the first administrator.' },
    'display-name': { type: 'string', placeholder: 'NAME', description: "The administrator's name as others see it (default: the username)." },
    'time-zone': {
      type: 'string',
      placeholder: 'ZONE',
      description: "The clinic's time zone, e.g. America/Chicago: days between visits are counted there (default: this computer's).",
    },
    'people-word': {
      type: 'string',
      placeholder: PEOPLE_WORDS.join('|'),
      description: `The word for the people served (default: ${DEFAULT_SETTINGS.peopleWord}).`,
    },
  },
  notes: [
    "The administrator's password comes from DOORWAY_PASSWORD, or is asked for (hidden, twice) in a terminal.",
    'The recovery code is shown once at the end: print it or write it down.',
  ],
  async run(values, { io, options }) {
    // Everything is checked before anything is created, so a mistake leaves no folder or file behind.
    const { clinicName, username, displayName, peopleWord, timeZone } = checkClinic(values, NAME);
    const paths = dataFolder(values['data-dir']);
    requireNoVault(paths);
    const password = await newAdminPassword(io, username, NAME);

    const createdFolder = !existsSync(paths.dir);
    const { core } = createDoorway({ dataDir: paths.dir, kdfCost: options.kdfCost });
    try {
      const pending = core.beginSetup();
      const groups = pending.recoveryCode.split('-');
      // The person confirms the code on paper after this; here the confirmation is the code itself.
      await core.completeSetup({
        clinicName,
        peopleWord,
        admin: { username, displayName, password },
        confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
        timeZone,
      });
      core.close();

      const out = io.stdout;
      line(out, `Doorway is set up for ${clinicName}.`);
      line(out, `Data folder: ${paths.dir}`);
      line(out, `Administrator: ${username}`);
      line(out, `Time zone: ${timeZone}`);
      showRecoveryCode(io, pending.recoveryCode);
      return EXIT.ok;
    } catch (e) {
      core.close();
      // A setup that stopped part-way before writing the key file leaves nothing usable: take away what this run made.
      if (createdFolder && !existsSync(paths.keyslots)) rmSync(paths.dir, { recursive: true, force: true });
      throw e;
    }
  },
});

/** The clinic's details as the first-run screen checks them, for `init` and `hub init`; all problems at once. */
export function checkClinic(values: { clinic?: string; admin?: string; 'display-name'?: string; 'people-word'?: string; 'time-zone'?: string }, command: string) {
  const problems: string[] = [];
  const clinicName = check(clinicNameSchema, '--clinic', values.clinic, problems);
  const username = check(usernameSchema, '--admin', values.admin, problems);
  const displayName = check(displayNameSchema, '--display-name', values['display-name'] ?? values.admin, problems);
  const peopleWord = check(peopleWordSchema, '--people-word', values['people-word'] ?? DEFAULT_SETTINGS.peopleWord, problems);
  const timeZone = values['time-zone'] ?? DEFAULT_SETTINGS.timeZone;
  if (!isValidTimeZone(timeZone)) problems.push(`--time-zone: "${timeZone}" is not a time zone this computer knows. Use a name such as America/Chicago or Europe/Madrid.`);
  if (problems.length > 0 || !clinicName || !username || !displayName || !peopleWord) {
    throw new UsageError(problems.join('\n'), command);
  }
  return { clinicName, username, displayName, peopleWord, timeZone };
}

/** The first administrator's password: from DOORWAY_PASSWORD or typed twice, checked as the first-run screen checks it. */
export async function newAdminPassword(io: CliIo, username: string, command: string): Promise<string> {
  const password = await readSecret(io, {
    env: 'DOORWAY_PASSWORD',
    what: 'password',
    prompt: `New password for ${username}: `,
    confirm: 'Type the same password again: ',
    command,
  });
  const passwordProblems: string[] = [];
  check(newPasswordSchema, 'Password', password, passwordProblems);
  if (passwordProblems.length > 0) throw new UsageError(`${passwordProblems.join('\n')} Nothing was changed.`, command);
  const strength = passwordStrength(password);
  if (strength.level !== 'strong') line(io.stderr, `Password hint: ${strength.hint}`);
  return password;
}

export function showRecoveryCode(io: CliIo, code: string): void {
  const out = io.stdout;
  line(out);
  line(out, `Recovery code: ${code}`);
  line(out);
  line(out, 'This recovery code is shown only this once. Please print it or write it down now, and keep it');
  line(out, 'somewhere safe away from this computer. If a password is forgotten, the code lets an administrator');
  line(out, 'set a new one, so no records are lost. Anyone who has it can open the records, so keep it private.');
}
