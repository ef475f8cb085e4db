import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permissionsMarkdown } from '../../electron/core/users/permissions-doc';
import { channelNames, channels } from '../../shared/contract';
import { ROLES } from '../../shared/roles';

const DOC = join(__dirname, '../../docs/PERMISSIONS.md');

describe('docs/PERMISSIONS.md', () => {
  it('says exactly what the contract enforces (run `npm run docs:permissions` after changing an access list)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(permissionsMarkdown());
  });

  it('has one row per channel, whose cells are that channel’s access list', () => {
    const doc = readFileSync(DOC, 'utf8');
    for (const name of channelNames) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      const cells = row!.split('|').slice(3, 3 + ROLES.length).map((c) => c.trim());
      const access = channels[name].access;
      expect(cells, name).toEqual(ROLES.map((r) => (access === 'public' ? 'anyone' : access.includes(r) ? 'yes' : '—')));
    }
  });
});
