import { DEFAULT_SETTINGS } from '../../core/settings/settings';
import { postgresData, postgresPool } from '../../core/data/postgres';
import { initHub } from '../../core/hub/init';
import { defineCommand } from '../command';
import { PG_URL_FLAG, postgresUrl } from './hub-shared';
import { EXIT, line } from '../io';
import { checkClinic, newAdminPassword, showRecoveryCode } from './init';

const NAME = 'hub init';

/** The server and database a URL names, without its password: what may be printed. */
function describeUrl(url: URL): string {
  return `${url.hostname}:${url.port || '5432'}/${decodeURIComponent(url.pathname.slice(1)) || '(default)'}`;
}

export const hubInitCommand = defineCommand({
  name: NAME,
  summary: "Make a PostgreSQL database (14 or newer) the clinic's shared record: the clinic, its first administrator and the recovery code.",
  flags: {
    'pg-url': PG_URL_FLAG,
    clinic: { type: 'string', placeholder: 'NAME', required: true, description: 'The clinic or program name.' },
    admin: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Username of the first administrator.' },
    'display-name': { type: 'string', placeholder: 'NAME', description: "The administrator's name as others see it (default: the username)." },
    'time-zone': { type: 'string', placeholder: 'ZONE', description: "The clinic's time zone, e.g. America/Chicago (default: this computer's)." },
    'people-word': { type: 'string', placeholder: 'WORD', description: `The word for the people served (default: ${DEFAULT_SETTINGS.peopleWord}).` },
  },
  notes: [
    "The administrator's password comes from DOORWAY_PASSWORD, or is asked for (hidden, twice) in a terminal.",
    'Doorway makes one PostgreSQL login per role with only its grants; their passwords are kept sealed in the hub, opened by staff passwords.',
    'The recovery code is shown once at the end: print it or write it down.',
  ],
  async run(values, { io, options }) {
    const clinic = checkClinic(values, NAME);
    const url = postgresUrl(values['pg-url'], '--pg-url', NAME);
    const password = await newAdminPassword(io, clinic.username, NAME);
    const pool = postgresPool({ connectionString: url.toString(), max: 2 });
    const hub = postgresData(pool);
    try {
      const made = await initHub(
        hub,
        {
          settings: { ...DEFAULT_SETTINGS, clinicName: clinic.clinicName, peopleWord: clinic.peopleWord, timeZone: clinic.timeZone },
          admin: { username: clinic.username, displayName: clinic.displayName, password },
          now: new Date().toISOString(),
        },
        { kdfCost: options.kdfCost },
      );
      line(io.stdout, `The clinic hub is set up for ${clinic.clinicName}.`);
      line(io.stdout, `Database: ${describeUrl(url)}`);
      line(io.stdout, `Administrator: ${clinic.username}`);
      line(io.stdout, `Time zone: ${clinic.timeZone}`);
      showRecoveryCode(io, made.recoveryCode);
      return EXIT.ok;
    } finally {
      await hub.destroy();
    }
  },
});
