import { contactFieldsSchema, type ContactSetting } from '../../../shared/contract/record-schemas';
import { msg } from '../../../shared/messages';
import { issueMessage } from '../../../shared/messages/issues';
import { isInFuture } from '../records/contacts';
import { explicitInstant, instantOf, parseSheetDate, parseTimeOfDay, type DateOrder } from './dates';
import { fold, SUPPLY_FIELD_PREFIX, type ResolvedMapping } from './mapping';
import { cellOf } from './people-rows';
import { quoted, ruleProblem, type Problems } from './problems';
import type { SheetRow } from './read';

/** The words programs write for each setting, English and Spanish, folded (mapping.ts fold). */
const SETTING_WORDS: Record<ContactSetting, readonly string[]> = {
  clinic_visit: ['clinic visit', 'clinic', 'office visit', 'visit', 'appointment', 'consulta', 'visita clinica', 'clinica', 'cita'],
  drop_in: ['drop in', 'dropin', 'walk in', 'drop in center', 'sin cita', 'visita sin cita', 'entrada libre'],
  street_outreach: ['street outreach', 'outreach', 'street', 'calle', 'alcance', 'alcance en la calle', 'trabajo de calle'],
  van: ['van', 'mobile unit', 'mobile', 'unidad movil', 'furgoneta', 'camioneta'],
  phone_text: ['phone text', 'phone', 'text', 'call', 'sms', 'phone call', 'phone or text', 'telefono', 'llamada', 'mensaje', 'texto', 'telefono o mensaje'],
  telehealth: ['telehealth', 'video', 'video visit', 'telemedicine', 'telesalud', 'telemedicina', 'videollamada'],
  emergency_department: ['emergency department', 'ed', 'er', 'emergency room', 'urgencias', 'sala de emergencias', 'emergencias'],
  home_visit: ['home visit', 'home', 'visita a domicilio', 'domicilio', 'visita domiciliaria'],
  ssp_exchange: ['ssp exchange', 'ssp', 'syringe exchange', 'exchange', 'needle exchange', 'syringe services', 'intercambio', 'intercambio de jeringas'],
};
const SETTING_BY_WORD = new Map<string, ContactSetting>(Object.entries(SETTING_WORDS).flatMap(([setting, words]) => words.map((w) => [w, setting as ContactSetting] as const)));

export function settingOf(text: string): ContactSetting | undefined {
  return SETTING_BY_WORD.get(fold(text));
}

export interface ContactLookups {
  timeZone: string;
  order: DateOrder;
  now: string;
  defaultSetting: ContactSetting | undefined;
  /** The staff member importing: a row without a staff member is theirs, as a contact recorded by hand is. */
  importerId: number;
  /** Active staff by folded username and display name. */
  staff: Map<string, number>;
  /** Active services and supplies by folded label. */
  services: Map<string, number>;
  supplies: Map<string, number>;
}

/** A contact row as Doorway will store it (before its person has an id). */
export interface ContactRow {
  row: number;
  code: string;
  occurredAt: string;
  setting: ContactSetting;
  staffId: number;
  services: number[];
  supplies: { itemId: number; quantity: number }[];
  whatMattered: string;
  note: string;
  ambiguousDate: boolean;
}

/** "Syringes x20", "Syringes: 20", "20 Syringes", "Naloxone (nasal)" (one). */
function supplyPart(part: string): { label: string; quantity: number | null } {
  const after = /^(.*?)[\s]*(?:[x×:*=]\s*)?(\d+)$/i.exec(part);
  if (after && after[1]!.trim() !== '') return { label: after[1]!.trim(), quantity: Number(after[2]) };
  const before = /^(\d+)\s*(?:x\s+)?(.+)$/i.exec(part);
  if (before) return { label: before[2]!.trim(), quantity: Number(before[1]) };
  return { label: part.trim(), quantity: 1 };
}

/** A list cell split on ; | or line breaks, then on commas for a part that is not a known label. */
function listParts(text: string, known: (part: string) => boolean): string[] {
  const out: string[] = [];
  for (const part of text.split(/[;|\n]/)) {
    const p = part.trim();
    if (p === '') continue;
    if (known(p) || !p.includes(',')) out.push(p);
    else out.push(...p.split(',').map((s) => s.trim()).filter(Boolean));
  }
  return out;
}

function contactTime(r: SheetRow, m: ResolvedMapping, l: ContactLookups, problems: Problems): { at: string; ambiguous: boolean } | null {
  const dateColumn = m.column.get('date')!;
  const dateText = cellOf(r, m, 'date')!.trim();
  const timeText = cellOf(r, m, 'time')?.trim() ?? '';
  if (dateText === '') {
    problems.cell(r.row, dateColumn, msg('import.problem.noDate'));
    return null;
  }
  const instant = explicitInstant(dateText);
  if (instant) return { at: instant, ambiguous: false };
  const d = parseSheetDate(dateText, l.order);
  if (!d) {
    problems.cell(r.row, dateColumn, msg('import.problem.notADate', { value: quoted(dateText) }));
    return null;
  }
  let time = d.time;
  if (timeText !== '') {
    // A time column may hold a whole date-time (a spreadsheet's time cell) or a fraction of a day.
    const t = parseTimeOfDay(timeText) ?? parseSheetDate(timeText, l.order)?.time ?? fractionTime(timeText);
    if (!t) {
      problems.cell(r.row, m.column.get('time')!, msg('import.problem.notATime', { value: quoted(timeText) }));
      return null;
    }
    time = t;
  }
  return { at: instantOf({ day: d.day, time }, l.timeZone), ambiguous: d.ambiguous };
}

/** A spreadsheet time cell without a date: a fraction of a day (0.5 is noon). */
function fractionTime(text: string): string | null {
  if (!/^0?\.\d+$/.test(text)) return null;
  const s = Math.round(Number(text) * 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/**
 * One row of a contact file, checked with the rules of a contact recorded by hand: the contact
 * fields' schema (texts, quantities, lists), active staff, items in the site's list and in use, each
 * item once, and no contact in the future. Null when the row has a problem (reported).
 */
export function contactFromRow(r: SheetRow, m: ResolvedMapping, l: ContactLookups, problems: Problems): ContactRow | null {
  const before = problems.count;
  const code = cellOf(r, m, 'clientCode')!.trim();
  if (code === '') problems.row(r.row, msg('import.problem.noCodeContact'));
  const when = contactTime(r, m, l, problems);
  if (when && isInFuture(when.at, l.now)) problems.cell(r.row, m.column.get('date')!, msg('import.problem.inFuture', { value: quoted(cellOf(r, m, 'date')!) }));

  let setting = l.defaultSetting;
  const settingText = cellOf(r, m, 'setting')?.trim() ?? '';
  if (settingText !== '') {
    setting = settingOf(settingText);
    if (!setting) problems.cell(r.row, m.column.get('setting')!, msg('import.problem.unknownSetting', { value: quoted(settingText) }));
  } else if (!setting) {
    // Without a default, the mapping must name a setting column (resolveMapping): this row's cell is empty.
    const settingColumn = m.column.get('setting');
    if (settingColumn) problems.cell(r.row, settingColumn, msg('import.problem.noSetting'));
    else problems.row(r.row, msg('import.problem.noSetting'));
  }

  let staffId = l.importerId;
  const staffText = cellOf(r, m, 'staff')?.trim() ?? '';
  if (staffText !== '') {
    const id = l.staff.get(fold(staffText));
    if (id === undefined) problems.cell(r.row, m.column.get('staff')!, msg('import.problem.unknownStaff', { value: quoted(staffText) }));
    else staffId = id;
  }

  const services: number[] = [];
  const servicesText = cellOf(r, m, 'services') ?? '';
  for (const part of listParts(servicesText, (p) => l.services.has(fold(p)))) {
    const id = l.services.get(fold(part));
    if (id === undefined) problems.cell(r.row, m.column.get('services')!, msg('import.problem.unknownService', { value: quoted(part) }));
    else if (services.includes(id)) problems.cell(r.row, m.column.get('services')!, msg('import.problem.listedTwice', { value: quoted(part) }));
    else services.push(id);
  }

  const supplies: { itemId: number; quantity: number }[] = [];
  /** The column each supply came from, for a problem with its quantity. */
  const supplyColumns: string[] = [];
  const addSupply = (column: string, label: string, id: number | undefined, quantity: number) => {
    if (id === undefined) problems.cell(r.row, column, msg('import.problem.unknownSupply', { value: quoted(label) }));
    else if (supplies.some((s) => s.itemId === id)) problems.cell(r.row, column, msg('import.problem.listedTwice', { value: quoted(label) }));
    else {
      supplies.push({ itemId: id, quantity });
      supplyColumns.push(column);
    }
  };
  const suppliesText = cellOf(r, m, 'supplies') ?? '';
  for (const part of listParts(suppliesText, (p) => l.supplies.has(fold(supplyPart(p).label)))) {
    const { label, quantity } = supplyPart(part);
    addSupply(m.column.get('supplies')!, label, l.supplies.get(fold(label)), quantity ?? 1);
  }
  for (const [field, i] of m.index) {
    if (!field.startsWith(SUPPLY_FIELD_PREFIX)) continue;
    const cell = (r.cells[i] ?? '').trim();
    // An empty cell or 0: none of that supply given.
    if (cell === '' || /^0+(\.0+)?$/.test(cell)) continue;
    const column = m.column.get(field)!;
    if (!/^\d+(\.0+)?$/.test(cell)) {
      problems.cell(r.row, column, msg('import.problem.notAQuantity', { value: quoted(cell) }));
      continue;
    }
    addSupply(column, field.slice(SUPPLY_FIELD_PREFIX.length), l.supplies.get(fold(field.slice(SUPPLY_FIELD_PREFIX.length))), Number(cell));
  }
  if (problems.count > before || !when || !setting) return null;

  const parsed = contactFieldsSchema.safeParse({
    occurredAt: when.at,
    setting,
    staffId,
    services,
    supplies,
    whatMattered: (cellOf(r, m, 'whatMattered') ?? '').trim(),
    note: (cellOf(r, m, 'note') ?? '').trim(),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const supplyColumn = field === 'supplies' && typeof issue.path[1] === 'number' ? supplyColumns[issue.path[1]] : undefined;
      const column = supplyColumn ?? m.column.get(field === 'occurredAt' ? 'date' : field);
      if (supplyColumn) problems.cell(r.row, supplyColumn, issueMessage(issue), String(supplies[issue.path[1] as number]!.quantity));
      else if (column) ruleProblem(problems, r.row, column, issue, field === 'supplies' || field === 'services' ? undefined : cellOf(r, m, field));
      else problems.row(r.row, issueMessage(issue));
    }
    return null;
  }
  const c = parsed.data;
  return {
    row: r.row,
    code,
    occurredAt: when.at,
    setting: c.setting,
    staffId,
    services: c.services,
    supplies: c.supplies,
    whatMattered: c.whatMattered,
    note: c.note,
    ambiguousDate: when.ambiguous,
  };
}
