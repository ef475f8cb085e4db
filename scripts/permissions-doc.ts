/**
 * `npm run docs:permissions`: rewrites docs/PERMISSIONS.md from the contract's access lists.
 * tests/unit/permissions-doc.test.ts fails while the file and the contract disagree.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { permissionsMarkdown } from '../electron/core/users/permissions-doc';

const target = fileURLToPath(new URL('../docs/PERMISSIONS.md', import.meta.url));
writeFileSync(target, permissionsMarkdown());
console.log(`Wrote ${target}`);
