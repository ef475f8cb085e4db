import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No import cycles inside core (DESIGN.md, Architecture): a cycle is how a god object grows back
 * (app.ts -> backup/service.ts -> users/accounts.ts -> app.ts was one). Type-only imports count too:
 * they tie the modules' designs together all the same.
 */
const CORE = resolve(__dirname, '..', '..', 'electron', 'core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function resolveImport(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (candidate.startsWith(root) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function findCycles(root: string, files: string[]): string[][] {
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"`;]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    graph.set(f, specs.map((s) => resolveImport(root, f, s)).filter((x): x is string => x !== null));
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'visiting');
    stack.push(f);
    for (const next of graph.get(f) ?? []) {
      if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map((p) => relative(root, p)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return cycles;
}

describe('electron/core imports', () => {
  it('has no import cycles', () => {
    expect(findCycles(CORE, sources(CORE))).toEqual([]);
  });

  it('finds a cycle when there is one, type-only imports included (the check itself works)', () => {
    const root = mkdtempSync(join(tmpdir(), 'doorway-cycles-'));
    try {
      writeFileSync(join(root, 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
      writeFileSync(join(root, 'b.ts'), "import type { C } from './c';\nexport const b = 1 as unknown as C;\n");
      writeFileSync(join(root, 'c.ts'), "import { a } from './a';\nexport type C = typeof a;\n");
      expect(findCycles(root, sources(root))).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
