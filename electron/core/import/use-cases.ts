import { createHash } from 'node:crypto';
import { fieldLabel, type ImportMapping, type ImportPreview, type ImportResult, type ParsedImportOptions } from '../../../shared/contract/import';
import { msg } from '../../../shared/messages';
import { calendarDay } from '../../../shared/continuity/days';
import { canReadClinical } from '../../../shared/roles';
import type { SignedInContext } from '../context';
import type { Data } from '../data/engine';
import { holdConnection } from '../data/long-change';
import { DoorwayError } from '../errors';
import { listCatalog } from '../records/catalog';
import { readSettingsIn } from '../settings/settings';
import { listStaffNames } from '../users/staff';
import { clinicDateOrder, fileDateOrder } from './dates';
import { earlierImport } from './earlier';
import { fieldsOf, guessMapping, resolveMapping, supplyField } from './mapping';
import { paced, type Pace } from './pace';
import { activeSupplyLabels, planImport, type Plan } from './plan';
import { readSheet, type Sheet } from './read';
import { rememberedMapping, rememberMapping } from './remembered';
import { writeContacts, writePeople } from './write';

/**
 * The import's two uses: a preview (the mapping guessed or checked, every row checked, the first rows
 * as Doorway will store them) and a run (the same checks, then every row written in one transaction
 * with one audit event naming the file and its SHA-256, or nothing when any row has a problem).
 */

interface Source {
  sheet: Sheet;
  sha256: string;
  fileName: string;
}

async function readSource(file: ParsedImportOptions['file']): Promise<Source> {
  const bytes = Buffer.from(file.base64, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // A turn of the event loop between decoding and reading a large file (the window repaints meanwhile).
  await new Promise<void>((resolve) => setImmediate(resolve));
  // Read before any transaction opens: a workbook streams in over several turns of the event loop.
  return { sheet: await readSheet(file.name, bytes), sha256, fileName: file.name };
}

async function optionsFor(data: Data, ctx: SignedInContext, input: ParsedImportOptions, sheet: Sheet) {
  const settings = await readSettingsIn(data);
  const supplies = input.kind === 'contacts' ? await activeSupplyLabels(data) : [];
  let remembered = input.mapping ? undefined : await rememberedMapping(data, input.kind, sheet.columns);
  // A remembered mapping that names a supply no longer in the list gives way to a fresh guess.
  if (remembered && resolveMapping(input.kind, remembered, sheet.columns, supplies).problems.length > 0) remembered = undefined;
  const mapping: ImportMapping = input.mapping ?? remembered ?? guessMapping(input.kind, sheet.columns, supplies);
  const dateColumn = input.kind === 'contacts' ? sheet.columns.findIndex((c) => c.toLowerCase() === (mapping.date ?? '').trim().toLowerCase()) : -1;
  const fromFile = input.dateOrder || dateColumn < 0 ? null : fileDateOrder(sheet.rows.map((r) => r.cells[dateColumn] ?? ''));
  if (input.kind === 'contacts' && (mapping.note ?? '').trim() !== '' && !canReadClinical(ctx.user.role)) {
    throw new DoorwayError('FORBIDDEN', msg('import.noNotesForRole'));
  }
  return {
    kind: input.kind,
    mapping,
    mappingFrom: input.mapping ? ('given' as const) : remembered ? ('remembered' as const) : ('guessed' as const),
    order: input.dateOrder ?? fromFile ?? clinicDateOrder(settings.timeZone),
    orderFrom: input.dateOrder ? ('chosen' as const) : fromFile ? ('file' as const) : ('clinic' as const),
    defaultSetting: input.defaultSetting,
    matchExisting: input.matchExisting,
    now: ctx.clock.nowIso(),
    timeZone: settings.timeZone,
    recipe: { mask: settings.clientCodeMask, hint: settings.clientCodeHint },
    importerId: ctx.user.id,
  };
}

function counts(plan: Plan) {
  const w = plan.work;
  return {
    rows: plan.sheet.rows.length,
    peopleAdded: !w ? 0 : w.kind === 'people' ? w.people.length : w.newCodes.length,
    peopleMatched: w?.matched.length ?? 0,
    contactsAdded: w?.kind === 'contacts' ? w.contacts.length : 0,
  };
}

function report(source: Source, plan: Plan, o: Awaited<ReturnType<typeof optionsFor>>) {
  return {
    kind: o.kind,
    format: source.sheet.format,
    fileName: source.fileName,
    sha256: source.sha256,
    dateOrder: o.order,
    dateOrderFrom: o.orderFrom,
    ambiguousDates: plan.ambiguousDates,
    counts: counts(plan),
    problems: plan.problems.list,
    problemCount: plan.problems.count,
    matches: plan.work?.matched ?? [],
    mapping: o.mapping,
    mappingFrom: o.mappingFrom,
  };
}

type PreviewValues = ImportPreview['rows'][number]['values'];

/** The first rows that would be stored, as Doorway stores them (ids shown as names). */
async function previewRows(data: Data, plan: Plan, limit: number, timeZone: string): Promise<ImportPreview['rows']> {
  const w = plan.work;
  if (!w || limit === 0) return [];
  const out: ImportPreview['rows'] = [];
  if (w.kind === 'people') {
    for (const p of w.people.slice(0, limit)) {
      const { contactPrefs, ...f } = p.fields;
      out.push({ row: p.row, values: { ...f, ...contactPrefs } as PreviewValues });
    }
    return out;
  }
  const catalog = new Map((await listCatalog(data, true)).map((i) => [i.id, i.label]));
  const staff = new Map((await listStaffNames(data)).map((s) => [s.id, s.displayName]));
  for (const c of w.contacts.slice(0, limit)) {
    out.push({
      row: c.row,
      values: {
        clientCode: c.code,
        newPerson: !w.matched.some((m) => m.clientCode === c.code),
        occurredAt: c.occurredAt,
        day: calendarDay(c.occurredAt, timeZone),
        setting: c.setting,
        staff: staff.get(c.staffId) ?? null,
        services: c.services.map((id) => catalog.get(id)).join('; '),
        supplies: c.supplies.map((s) => `${catalog.get(s.itemId)} × ${s.quantity}`).join('; '),
        whatMattered: c.whatMattered,
        note: c.note,
      },
    });
  }
  return out;
}

/** Plans the import, and refuses a file already imported (the same SHA-256 in the audit trail). */
async function planOf(data: Data, source: Source, o: Awaited<ReturnType<typeof optionsFor>>, pace: Pace): Promise<Plan> {
  const plan = await planImport(data, source.sheet, o, pace);
  const earlier = await earlierImport(data, source.sha256);
  if (earlier) {
    const on = earlier.at.slice(0, 10);
    plan.problems.file(earlier.by ? msg('import.importedBeforeBy', { on, by: earlier.by }) : msg('import.importedBefore', { on }));
  }
  return plan;
}

export function previewImport(ctx: SignedInContext, input: ParsedImportOptions & { previewRows: number }): Promise<ImportPreview> {
  return paced(ctx, 'preview', (pace) => preview(ctx, input, pace));
}

async function preview(ctx: SignedInContext, input: ParsedImportOptions & { previewRows: number }, pace: Pace): Promise<ImportPreview> {
  const source = await readSource(input.file);
  const o = await optionsFor(ctx.data, ctx, input, source.sheet);
  const plan = await planOf(ctx.data, source, o, pace);
  const fields = fieldsOf(input.kind).map((d) => ({ field: d.field, label: msg(d.label), required: d.required || (d.field === 'setting' && input.kind === 'contacts' && !input.defaultSetting), column: plan.mapping.column.get(d.field) ?? null }));
  if (input.kind === 'contacts') {
    for (const label of await activeSupplyLabels(ctx.data)) {
      fields.push({ field: supplyField(label), label: fieldLabel(supplyField(label)), required: false, column: plan.mapping.column.get(supplyField(label)) ?? null });
    }
  }
  return {
    ...report(source, plan, o),
    columns: source.sheet.columns,
    fields,
    rows: await previewRows(ctx.data, plan, input.previewRows, o.timeZone),
  };
}

export function runImport(ctx: SignedInContext, input: ParsedImportOptions & { dryRun: boolean }): Promise<ImportResult> {
  return paced(ctx, input.dryRun ? 'preview' : 'run', (pace) => run(ctx, input, pace));
}

async function run(ctx: SignedInContext, input: ParsedImportOptions & { dryRun: boolean }, pace: Pace): Promise<ImportResult> {
  const source = await readSource(input.file);
  if (input.dryRun) {
    const o = await optionsFor(ctx.data, ctx, input, source.sheet);
    const plan = await planOf(ctx.data, source, o, pace);
    return { ...report(source, plan, o), dryRun: true, written: false };
  }
  // The transaction stays open across the pace's turns of the event loop: on one computer, other calls wait for it (data/long-change.ts).
  const release = ctx.engine.name === 'sqlite' ? holdConnection(ctx.services.vault) : () => undefined;
  try {
    return await write(ctx, input, source, pace);
  } finally {
    release();
  }
}

function write(ctx: SignedInContext, input: ParsedImportOptions, source: Source, pace: Pace): Promise<ImportResult> {
  // Checked again inside the transaction that writes: what it checked is what it writes.
  return ctx.transact(async (trx) => {
    const o = await optionsFor(trx, ctx, input, source.sheet);
    const plan = await planOf(trx, source, o, pace);
    const out = report(source, plan, o);
    if (plan.problems.count > 0 || !plan.work) return { ...out, dryRun: false, written: false };
    // The plan holds every row as it will be stored: the file's cells can go before the writing starts.
    source.sheet.rows.length = 0;
    const actor = { id: ctx.user.id, at: ctx.clock.nowIso() };
    const w = plan.work;
    const written =
      w.kind === 'people' ? { peopleAdded: await writePeople(trx, ctx.engine, w, actor, pace), contactsAdded: 0 } : await writeContacts(trx, ctx.engine, w, actor, o.timeZone, pace);
    // A cancel that came during the last turn still stops it here, before the audit event and the commit.
    pace.check();
    await rememberMapping(trx, input.kind, source.sheet.columns, o.mapping);
    await ctx.audit({
      action: 'records.import',
      subjectType: 'import',
      details: {
        kind: input.kind,
        file: source.fileName,
        sha256: source.sha256,
        format: source.sheet.format,
        rows: out.counts.rows,
        peopleAdded: written.peopleAdded,
        peopleMatched: out.counts.peopleMatched,
        contactsAdded: written.contactsAdded,
        matchExisting: input.matchExisting,
        dateOrder: o.order,
      },
    });
    return { ...out, dryRun: false, written: true };
  });
}
