import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import boundaries (DESIGN.md, Architecture) are enforced by the linter, not by memory. This
 * proves the rules bite: each forbidden import in each layer is reported, and allowed ones are not.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<boolean> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports');
}

describe('import boundaries', () => {
  it.each([
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/x.tsx', "import { readFileSync } from 'node:fs';"],
    ['renderer/src/x.ts', "import path from 'path';"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';"],
    ['shared/x.ts', "import { app } from 'electron';"],
    ['shared/contract/x.ts', "import { createHash } from 'node:crypto';"],
    ['shared/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';"],
    ['electron/core/x.ts', "import { app } from 'electron';"],
    ['electron/cli/x.ts', "import { app } from 'electron';"],
    ['electron/core/db/migrations/0009_x.ts', "import { DEFAULT_CATALOG } from '../../records/catalog';"],
    ['electron/core/db/migrations/0009_x.ts', "import { calendarDay } from '../../../../shared/continuity/days';"],
    ['electron/core/records/handlers.ts', "import { continuityHandlers } from '../continuity/handlers';"],
    ['electron/core/vault/x.ts', "import { finishInterruptedRestore } from '../backup/swap';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(true);
  });

  it.each([
    ['electron/main/x.ts', "import { app } from 'electron';"],
    ['electron/core/x.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/core/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';"],
    ['renderer/src/x.ts', "import { z } from 'zod';"],
    ['electron/core/db/migrations/0009_x.ts', "import type { Db } from '../database';"],
    ['electron/core/records/handlers.ts', "import { readSettings } from '../settings/settings';"],
    ['electron/core/handlers/index.ts', "import { recordHandlers } from '../records/handlers';"],
    ['electron/core/backup/x.ts', "import { openVaultDb } from '../vault/vault';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restricted(file, `${code}\nexport {};\n`)).toBe(false);
  });
});
