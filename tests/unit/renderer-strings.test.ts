import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(process.cwd(), 'renderer', 'src', 'i18n');

describe('string files', () => {
  it('no top-level key is in two files (they are merged shallowly, so one would silently replace the other)', () => {
    // Each language's files are merged on their own (en.json, en-people.json... and es-*.json),
    // so a key is only shared when two files of the same language hold it.
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      const language = /^[a-z]+/u.exec(file)![0];
      for (const key of Object.keys(JSON.parse(readFileSync(join(dir, file), 'utf8')) as object)) {
        owners.set(`${language}:${key}`, [...(owners.get(`${language}:${key}`) ?? []), file]);
      }
    }
    const shared = [...owners].filter(([, files]) => files.length > 1);
    expect(shared).toEqual([]);
    expect(owners.size).toBeGreaterThan(20);
  });
});
