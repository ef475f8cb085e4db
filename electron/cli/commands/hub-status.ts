import { homedir } from 'node:os';
import { sql } from 'kysely';
import { pgSchemaVersions } from '../../core/db/pg-migrate';
import { diskEncryptionOf } from '../../core/platform/disk-encryption';
import { readSettingsIn } from '../../core/settings/settings';
import { countStaff } from '../../core/users/staff';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { HUB_FLAG, hubTarget, withHubSession } from './hub-shared';

const NAME = 'hub status';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export const hubStatusCommand = defineCommand({
  name: NAME,
  summary: 'Sign in to the clinic hub and show what it is and what protects it: versions, logins, TLS, and the disk at rest.',
  flags: {
    hub: { ...HUB_FLAG, required: true, description: "The clinic hub's address (postgres://USER:PASSWORD@SERVER:PORT/DATABASE)." },
    user: { type: 'string', placeholder: 'USERNAME', required: true, description: 'Your staff username (password from DOORWAY_PASSWORD).' },
  },
  notes: [
    "At rest a hub's records are protected by the disk they are on (BitLocker, FileVault or LUKS), not by an encrypted",
    "file as on one computer: this says what was found, or that it can't be checked from here.",
  ],
  async run(values, ctx) {
    const { io } = ctx;
    const target = hubTarget(values.hub, NAME);
    const url = new URL(target.connectionString);
    return withHubSession(values.hub, values.user, ctx, NAME, async (session) => {
      const data = session.data;
      const settings = await readSettingsIn(data);
      const versions = await pgSchemaVersions(data as never);
      const server = (await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(data)).rows[0]!.v;
      const tls = (await sql<{ ssl: boolean; version: string | null }>`SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(data)).rows[0];
      const roles = (await sql<{ role: string }>`SELECT DISTINCT role FROM (SELECT role FROM hub.logins UNION ALL SELECT 'administrator' FROM hub.admin_logins) r ORDER BY role`.execute(data)).rows.map((r) => r.role.replace('_', ' '));
      const out = io.stdout;
      line(out, `Clinic: ${settings.clinicName}`);
      line(out, `Hub: ${url.hostname}:${url.port || '5432'}${url.pathname}, PostgreSQL ${server}`);
      line(out, `Schema version: ${versions.main} (clinical ${versions.clinical}, hub ${versions.hub})`);
      line(out, `Staff users: ${await countStaff(data)}`);
      line(out, `PostgreSQL logins, one per role with only its grants: ${roles.join(', ')}`);
      line(out, tls?.ssl ? `Connection: encrypted (${tls.version ?? 'TLS'})` : 'Connection: NOT encrypted (TLS is off on this connection)');
      if (LOOPBACK.has(url.hostname)) {
        const disk = await diskEncryptionOf(homedir());
        const said = { encrypted: 'encrypted', notEncrypted: 'NOT encrypted', unknown: "can't be checked" }[disk.state];
        line(out, `At rest: the hub runs on this computer; its disk is ${said}. ${disk.detail}`);
      } else {
        line(out, `At rest: the hub runs on another computer (${url.hostname}); run "hub status" there to check its disk, or ask whoever runs the server.`);
      }
      return EXIT.ok;
    });
  },
});
