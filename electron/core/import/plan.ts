import type { ImportKind, ImportMapping } from '../../../shared/contract/import';
import { recipeMessage } from '../../../shared/client-code';
import { personFieldsSchema, type ContactSetting } from '../../../shared/contract/record-schemas';
import { msg } from '../../../shared/messages';
import type { Data } from '../data/engine';
import { listCatalog } from '../records/catalog';
import { normalizeCode } from '../records/people';
import { contactFromRow, type ContactLookups, type ContactRow } from './contact-rows';
import type { DateOrder } from './dates';
import { fold, namesOf, resolveMapping, type ResolvedMapping } from './mapping';
import { personFromRow, type PersonFields } from './people-rows';
import type { Pace } from './pace';
import { Problems, quoted, ruleProblem } from './problems';
import type { Sheet } from './read';

/**
 * Everything an import would do, worked out before anything is written: each row checked with the
 * record's own rules, codes compared with the people already in Doorway and within the file. A plan
 * with any problem is never written.
 */

export interface PlanOptions {
  kind: ImportKind;
  mapping: ImportMapping;
  order: DateOrder;
  defaultSetting: ContactSetting | undefined;
  matchExisting: boolean;
  now: string;
  timeZone: string;
  recipe: { mask: string; hint: string };
  importerId: number;
}

export interface Match {
  row: number;
  clientCode: string;
  personId: number;
  rows: number;
}

export interface PeoplePlan {
  kind: 'people';
  /** New people, in file order, with their row. */
  people: { row: number; fields: PersonFields }[];
  matched: Match[];
}

export interface ContactsPlan {
  kind: 'contacts';
  /** Codes of the people the file adds, in order of first appearance. */
  newCodes: string[];
  contacts: ContactRow[];
  matched: Match[];
}

export interface Plan {
  sheet: Sheet;
  mapping: ResolvedMapping;
  problems: Problems;
  ambiguousDates: number;
  /** Null when the mapping itself has problems (no row was read). */
  work: PeoplePlan | ContactsPlan | null;
}

/** Live people by code (codes compare without regard to case, as createPerson compares them). */
async function livePeopleByCode(data: Data): Promise<Map<string, number>> {
  const rows = await data.selectFrom('people').select(['id', 'client_code']).where('deleted_at', 'is', null).execute();
  return new Map(rows.map((r) => [normalizeCode(r.client_code), r.id]));
}

export async function activeSupplyLabels(data: Data): Promise<string[]> {
  return (await listCatalog(data, false)).filter((i) => i.kind === 'supply').map((i) => i.label);
}

/** Items by every name they answer to (mapping.ts namesOf): a Spanish file's "Jeringas" finds the built-in "Syringes". */
function idsByName(catalog: readonly { kind: string; label: string; id: number }[], kind: 'service' | 'supply'): Map<string, number> {
  const items = catalog.filter((i) => i.kind === kind);
  const byLabel = new Map(items.map((i) => [i.label, i.id]));
  return new Map([...namesOf(kind, items.map((i) => i.label))].map(([name, label]) => [name, byLabel.get(label)!]));
}

async function contactLookups(data: Data, o: PlanOptions): Promise<ContactLookups> {
  const catalog = await listCatalog(data, false);
  const staffRows = await data.selectFrom('staff_users').select(['id', 'username', 'display_name']).where('disabled_at', 'is', null).execute();
  const staff = new Map<string, number>();
  for (const s of staffRows) {
    staff.set(fold(s.display_name), s.id);
    staff.set(fold(s.username), s.id);
  }
  return {
    timeZone: o.timeZone,
    order: o.order,
    now: o.now,
    defaultSetting: o.defaultSetting,
    importerId: o.importerId,
    staff,
    services: idsByName(catalog, 'service'),
    supplies: idsByName(catalog, 'supply'),
  };
}

/** Every 256 rows the loops let the pace give the event loop a turn (pace.ts). */
const STEP = 256;

export async function planImport(data: Data, sheet: Sheet, o: PlanOptions, pace?: Pace): Promise<Plan> {
  const problems = new Problems();
  const supplyLabels = o.kind === 'contacts' ? await activeSupplyLabels(data) : [];
  const mapping = resolveMapping(o.kind, o.mapping, sheet.columns, supplyLabels, o.kind === 'contacts' && !o.defaultSetting ? ['setting'] : []);
  for (const p of mapping.problems) problems.file(p);
  if (sheet.columns.length === 0) problems.file(msg('import.file.empty'));
  else if (sheet.rows.length === 0) problems.file(msg('import.file.noRows'));
  if (problems.count > 0) return { sheet, mapping, problems, ambiguousDates: 0, work: null };

  const existing = await livePeopleByCode(data);
  const codeColumn = mapping.column.get('clientCode')!;
  /** A new code is checked against the clinic's recipe once, on the first row that has it. */
  const checkNewCode = (row: number, code: string) => {
    const recipe = recipeMessage(code, o.recipe);
    if (recipe) problems.cell(row, codeColumn, recipe, quoted(code));
  };
  const matches = new Map<string, Match>();
  const match = (row: number, code: string, personId: number) => {
    const m = matches.get(code);
    if (m) {
      m.rows++;
      return;
    }
    matches.set(code, { row, clientCode: code, personId, rows: 1 });
    if (!o.matchExisting) problems.cell(row, codeColumn, msg('import.problem.alreadyInDoorway', { code }));
  };

  if (o.kind === 'people') {
    const people: PeoplePlan['people'] = [];
    const firstRow = new Map<string, number>();
    for (const [i, r] of sheet.rows.entries()) {
      if (pace && i % STEP === 0) await pace.step('checking', i, sheet.rows.length);
      const fields = personFromRow(r, mapping, problems);
      if (!fields) continue;
      const code = normalizeCode(fields.clientCode);
      const seen = firstRow.get(code);
      if (seen !== undefined) {
        problems.cell(r.row, codeColumn, msg('import.problem.codeAlsoOnRow', { code, row: seen }));
        continue;
      }
      firstRow.set(code, r.row);
      const id = existing.get(code);
      if (id !== undefined) {
        match(r.row, code, id);
        continue;
      }
      checkNewCode(r.row, code);
      people.push({ row: r.row, fields: { ...fields, clientCode: code } });
    }
    return { sheet, mapping, problems, ambiguousDates: 0, work: { kind: 'people', people, matched: [...matches.values()] } };
  }

  const lookups = await contactLookups(data, o);
  const contacts: ContactRow[] = [];
  const newCodes = new Set<string>();
  let ambiguousDates = 0;
  for (const [i, r] of sheet.rows.entries()) {
    if (pace && i % STEP === 0) await pace.step('checking', i, sheet.rows.length);
    const c = contactFromRow(r, mapping, lookups, problems);
    if (!c) continue;
    if (c.ambiguousDate) ambiguousDates++;
    const code = normalizeCode(c.code);
    const id = existing.get(code);
    if (id !== undefined) match(r.row, code, id);
    else if (!newCodes.has(code)) {
      // A code is checked as a person's (the same rules as adding them by hand) the first time it appears.
      const before = problems.count;
      const valid = personFieldsSchema.shape.clientCode.safeParse(code);
      if (!valid.success) ruleProblem(problems, r.row, codeColumn, valid.error.issues[0]!, code);
      else checkNewCode(r.row, code);
      if (problems.count === before) newCodes.add(code);
      else continue;
    }
    contacts.push({ ...c, code });
  }
  return { sheet, mapping, problems, ambiguousDates, work: { kind: 'contacts', newCodes: [...newCodes], contacts, matched: [...matches.values()] } };
}
