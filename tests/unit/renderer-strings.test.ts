import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(process.cwd(), 'renderer', 'src', 'i18n');

describe('string files', () => {
  it('no top-level key is in two files (they are merged shallowly, so one would silently replace the other)', () => {
    // Per language: en-people.json and es-people.json hold the same keys, each merged into its own language.
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      for (const key of Object.keys(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object)) {
        const owner = `${file.slice(0, 2)}:${key}`;
        owners.set(owner, [...(owners.get(owner) ?? []), file]);
      }
    }
    const shared = [...owners].filter(([, files]) => files.length > 1);
    expect(shared).toEqual([]);
    expect(owners.size).toBeGreaterThan(20);
  });
});
