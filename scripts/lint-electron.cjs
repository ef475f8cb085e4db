#!/usr/bin/env node
/**
 * `npm run lint:electron`: Doyensec's Electronegativity over the app's own sources (electron/ and
 * renderer/), offline, failing on any finding of HIGH severity and on any file it could not parse
 * (a file it cannot read is a file it did not check).
 *
 * Offline on purpose, so it gives the same answer on a laptop without network and in CI:
 * - the tool fetches translations on start; its HTTP client is replaced by one that answers "not
 *   found" at once, so it uses its bundled English and never opens a connection;
 * - AvailableSecurityFixesGlobalCheck (it asks the network for Electron releases) is excluded.
 * Suppressions, if ever needed, sit next to the code they concern as `// eng-disable CHECK_ID` with
 * the reason on the same line.
 */
'use strict';
const { readdirSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const root = resolve(__dirname, '..');
const DEFAULT_TARGETS = ['electron', 'renderer/src', 'renderer/index.html'];
// Other paths (files or folders, relative to the project) may be given, e.g. by the test that proves a
// HIGH finding fails the run.
const TARGETS = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_TARGETS;
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
const SCANNED = /\.(ts|tsx|js|mjs|cjs|html)$/;

const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json', { paths: [root] }));
const gotPath = require.resolve('got', { paths: [toolDir] });
const notFound = () => Promise.resolve({ statusCode: 404, body: '' });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: Object.assign(notFound, { default: notFound }) };

function sourcesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(p));
    else if (SCANNED.test(entry.name)) out.push(p);
  }
  return out;
}

// One scan over exactly these files, so the global checks (navigation limits, permission handler, CSP)
// see main and renderer together; the tool's own folder walk would also descend into node_modules.
const util = require(join(toolDir, 'dist', 'util', 'index.js'));
util.list_files = async () => [
  ...TARGETS.flatMap((t) => (SCANNED.test(t) ? [resolve(root, t)] : sourcesUnder(resolve(root, t)))),
  join(root, 'package.json'),
];

const run = require(join(toolDir, 'dist', 'runner.js'));
const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version;

async function main() {
  const result = await run({
    input: root,
    customScan: [],
    excludeFromScan: EXCLUDED,
    electronVersionOverride: electronVersion,
    isRelative: false,
    parserPlugins: [],
  });
  const unreadable = result.errors.filter((e) => !e.tolerable);
  for (const e of unreadable) console.error(`could not parse ${relative(root, e.file)}: ${e.message}`);
  let high = 0;
  for (const issue of result.issues) {
    const where = issue.file && issue.file !== 'N/A' ? `${relative(root, issue.file)}:${issue.location.line}:${issue.location.column}` : '(whole app)';
    const text = `${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id.padEnd(40)} ${where}${issue.manualReview ? ' (review)' : ''}`;
    if (issue.severity.name === 'HIGH') {
      high++;
      console.error(text);
    } else console.log(text);
  }
  const version = require(join(toolDir, 'package.json')).version;
  console.log(
    `Electronegativity ${version}, Electron ${electronVersion}: ${result.issues.length} finding(s), ${high} of high severity, ` +
      `${unreadable.length} file(s) not parsed. See docs/SECURITY.md for how each is handled.`,
  );
  if (high > 0 || unreadable.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exitCode = 1;
});
