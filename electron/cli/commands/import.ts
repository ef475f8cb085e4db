import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { importMappingSchema, problemText, type ImportKind, type ImportResult } from '../../../shared/contract/import';
import { messageText } from '../../../shared/messages';
import { contactSettingSchema } from '../../../shared/contract/record-schemas';
import { invoke } from '../../core';
import { fieldsOf } from '../../core/import/mapping';
import { defineCommand, type Command } from '../command';
import { CliFailure, refusedAgain, UsageError } from '../errors';
import { EXIT, line, type Writer } from '../io';
import { ADMIN_USER_FLAG, asAdministrator, SECRET_NOTE, WHERE_FLAGS } from './users-shared';

/**
 * `import people|contacts`: the app's own import (channel import.run, through the router), so the
 * same checks, refusals and audit event as the import screen. Nothing is written unless every row is
 * in order; exit 1 when any row is refused.
 */

const DATE_ORDERS = { dmy: 'day_first', mdy: 'month_first' } as const;

const number = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`;

function readMapping(path: string, name: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(resolve(path), 'utf8');
  } catch {
    throw new CliFailure(`The mapping file ${resolve(path)} could not be read. Check the --mapping path. Nothing was changed.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`The mapping file is not JSON. It looks like {"clientCode": "Código", "date": "Fecha"}: each field, then its column's header.`, name);
  }
  const parsed = importMappingSchema.safeParse(json);
  if (!parsed.success) throw new UsageError('The mapping file should be one JSON object of field names to column headers, like {"clientCode": "Código", "date": "Fecha"}.', name);
  return parsed.data;
}

function readFile(path: string): { name: string; base64: string } {
  const full = resolve(path);
  try {
    if (!statSync(full).isFile()) throw new Error('not a file');
    return { name: basename(full), base64: readFileSync(full).toString('base64') };
  } catch {
    throw new CliFailure(`There is no file at ${full}. Check the --file path. Nothing was changed.`);
  }
}

const ORDER_WORDS = { day_first: 'day first (31/12/2025)', month_first: 'month first (12/31/2025)' } as const;

function printReport(out: Writer, r: ImportResult): void {
  line(out, `Read ${r.fileName} (${r.format.toUpperCase()}, ${plural(r.counts.rows, 'row', 'rows')}; SHA-256 ${r.sha256}).`);
  const from = { given: 'from the mapping', remembered: 'as used last time for a file with these headers', guessed: 'guessed from the headers' }[r.mappingFrom];
  line(out, `Columns ${from}: ${Object.entries(r.mapping).map(([field, column]) => `${field} = "${column}"`).join(', ') || 'none'}.`);
  // The date order matters once rows were read (not when the mapping itself stopped the import).
  if (r.kind === 'contacts' && r.problems.every((p) => p.row !== null)) {
    const from = { clinic: "the clinic's order", chosen: 'as chosen', file: "the file's own order (its other dates show it)" }[r.dateOrderFrom];
    line(out, `Dates that read both ways are read ${ORDER_WORDS[r.dateOrder]}, ${from}${r.ambiguousDates ? `: ${plural(r.ambiguousDates, 'row has one', 'rows have one')}` : '; no row has one'}.`);
  }
  if (r.matches.length > 0) {
    line(out, `${plural(r.matches.length, 'person in the file is', 'people in the file are')} already in Doorway (same client code):`);
    for (const m of r.matches.slice(0, 20)) line(out, `  ${m.clientCode} (row ${m.row}${m.rows > 1 ? ` and ${plural(m.rows - 1, 'other row', 'other rows')}` : ''})`);
    if (r.matches.length > 20) line(out, `  and ${number(r.matches.length - 20)} more`);
  }
  if (r.problemCount > 0) {
    line(out, `${plural(r.problemCount, 'problem', 'problems')} to fix in the file:`);
    for (const p of r.problems) line(out, `  ${problemText(p, messageText)}`);
    if (r.problemCount > r.problems.length) line(out, `  and ${number(r.problemCount - r.problems.length)} more (the first ${number(r.problems.length)} are shown).`);
  }
}

function importCommand(kind: ImportKind): Command {
  const name = `import ${kind}`;
  return defineCommand({
    name,
    summary:
      kind === 'people'
        ? 'Add people from a spreadsheet (CSV or XLSX): every row checked, all written or none.'
        : 'Add contacts, with services and supplies given, from a spreadsheet (CSV or XLSX): all or none.',
    flags: {
      ...WHERE_FLAGS,
      user: { ...ADMIN_USER_FLAG, placeholder: 'USERNAME', description: 'Your staff username (an administrator or a clinician).' },
      file: { type: 'string', placeholder: 'FILE', required: true, description: 'The spreadsheet: .csv (comma, semicolon or tab) or .xlsx (its first sheet).' },
      mapping: { type: 'string', placeholder: 'M.json', description: 'Which column holds which field, e.g. {"clientCode": "Código", "date": "Fecha"}. If left out: the one used last time for a file with these headers, else a guess from them.' },
      'date-order': { type: 'string', placeholder: 'dmy|mdy', description: "How dates like 03/04/2025 are read: dmy (day first) or mdy (month first). If left out: the file's own order when its other dates show one, else the clinic's." },
      ...(kind === 'contacts'
        ? { setting: { type: 'string', placeholder: 'SETTING', description: 'The setting of rows that have none, e.g. ssp_exchange or street_outreach.' } as const }
        : {}),
      'match-existing': { type: 'boolean', description: 'Rows whose client code is already in Doorway go with that person. Without it they are refused, never merged.' },
      'dry-run': { type: 'boolean', description: 'Check everything and report; write nothing.' },
    },
    notes: [
      SECRET_NOTE,
      `Fields for a mapping: ${fieldsOf(kind).map((f) => f.field).join(', ')}${kind === 'contacts' ? ', and supply:NAME for a column of one supply\'s quantities' : ''}.`,
      'Nothing is written unless every row is in order: each problem is listed by row and column, and the command exits with 1.',
      ...(kind === 'contacts'
        ? ['People the file names who are not in Doorway yet are added with their client code. Supplies can be one column each (the header is the supply\'s name) or one "Supplies" column such as "Syringes x20; Naloxone (nasal) x2".']
        : []),
    ],
    async run(values, ctx) {
      const v = values as typeof values & { setting?: string };
      const order = v['date-order'];
      if (order !== undefined && !(order in DATE_ORDERS)) throw new UsageError('--date-order is dmy (day first) or mdy (month first).', name);
      let defaultSetting: ReturnType<typeof contactSettingSchema.parse> | undefined;
      if (v.setting !== undefined) {
        const s = contactSettingSchema.safeParse(v.setting.trim().toLowerCase().replace(/[\s-]+/g, '_'));
        if (!s.success) throw new UsageError(`"${v.setting}" is not a setting. Use one of: ${contactSettingSchema.options.join(', ')}.`, name);
        defaultSetting = s.data;
      }
      const mapping = v.mapping === undefined ? undefined : readMapping(v.mapping, name);
      const file = readFile(v.file);
      const out = ctx.io.stdout;
      const started = Date.now();
      const r = await asAdministrator(v, ctx, name, async (router) => {
        const result = await invoke(router, 'import.run', {
          kind,
          file,
          mapping,
          dateOrder: order === undefined ? undefined : DATE_ORDERS[order as keyof typeof DATE_ORDERS],
          defaultSetting,
          matchExisting: v['match-existing'],
          dryRun: v['dry-run'],
        });
        if (result.ok) return result.value;
        const { code } = result.error;
        if (code === 'FORBIDDEN') throw refusedAgain(result.error, 'importForbidden');
        if (code === 'PASSWORD_CHANGE_REQUIRED') throw refusedAgain(result.error, 'appPasswordFirst');
        throw refusedAgain(result.error);
      });
      printReport(out, r);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const would = `${plural(r.counts.peopleAdded, 'new person', 'new people')}${kind === 'contacts' ? ` and ${plural(r.counts.contactsAdded, 'contact', 'contacts')}` : ''}${r.counts.peopleMatched ? `, ${plural(r.counts.peopleMatched, 'person', 'people')} already in Doorway matched` : ''}`;
      if (r.problemCount > 0) {
        line(ctx.io.stderr, `Nothing was imported: ${plural(r.problemCount, 'problem', 'problems')} (listed above). Fix the file, or the mapping, and run this again.`);
        return EXIT.failed;
      }
      if (r.dryRun) {
        line(out, `Dry run: every row is in order. Importing would add ${would}. Nothing was written (${seconds} s).`);
        return EXIT.ok;
      }
      line(out, `Imported ${would} in ${seconds} s, in one step. The audit trail records it with the file's name and SHA-256.`);
      return EXIT.ok;
    },
  });
}

export const importPeopleCommand = importCommand('people');
export const importContactsCommand = importCommand('contacts');
