import { SUPPLY_FIELD_PREFIX, type ImportKind, type ImportMapping } from '../../../shared/contract/import';
import { msg, type Message, type MessageKey } from '../../../shared/messages';
import { builtInNames } from '../records/catalog';

/**
 * Which column holds which field. A mapping is a small JSON object {field: column header}, guessed
 * from the headers (English and Spanish spellings programs use) and corrected by staff. A contact
 * file may also give one column per supply ("Syringes", "Naloxone (nasal)") holding the quantity:
 * its field is `supply:<the item's name in the site's list>`. A supply column is known by the item's
 * name in the list now, and, for the items every site starts with, by their names in English and in
 * Spanish (records/catalog.ts): a Spanish log's "Jeringas" column is an English clinic's "Syringes".
 */

export interface FieldDef {
  field: string;
  /** Doorway's name for the field, said in each person's language. */
  label: MessageKey;
  required: boolean;
  /** Headers that mean this field, compared folded (see fold). */
  headers: readonly string[];
}

/** Lower case, no accents, punctuation as spaces: "Código de cliente" and "codigo_de_cliente" compare equal. */
export const fold = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const CLIENT_CODE: FieldDef = {
  field: 'clientCode',
  label: 'import.fields.clientCode',
  required: true,
  headers: ['client code', 'code', 'client id', 'client', 'participant code', 'participant id', 'patient code', 'id', 'codigo', 'codigo de cliente', 'codigo cliente', 'codigo del cliente', 'codigo de participante', 'codigo participante', 'clave', 'id cliente'],
};

export const PEOPLE_FIELDS: readonly FieldDef[] = [
  CLIENT_CODE,
  { field: 'name', label: 'import.fields.name', required: false, headers: ['name', 'full name', 'legal name', 'nombre', 'nombre completo', 'nombre legal'] },
  { field: 'preferredName', label: 'import.fields.preferredName', required: false, headers: ['preferred name', 'goes by', 'nickname', 'nombre preferido', 'apodo', 'como le gusta que le llamen'] },
  { field: 'pronouns', label: 'import.fields.pronouns', required: false, headers: ['pronouns', 'pronombres'] },
  { field: 'birthYear', label: 'import.fields.birthYear', required: false, headers: ['birth year', 'year of birth', 'yob', 'ano de nacimiento', 'anio de nacimiento', 'ano nacimiento'] },
  { field: 'phone', label: 'import.fields.phone', required: false, headers: ['phone', 'phone number', 'telephone', 'mobile', 'cell', 'cell phone', 'telefono', 'celular', 'movil', 'numero de telefono'] },
  { field: 'email', label: 'import.fields.email', required: false, headers: ['email', 'e mail', 'email address', 'correo', 'correo electronico', 'email correo'] },
  { field: 'okToText', label: 'import.fields.okToText', required: false, headers: ['ok to text', 'text ok', 'sms ok', 'can text', 'ok para mensajes', 'ok para mensajes de texto', 'acepta mensajes', 'mensajes de texto'] },
  { field: 'okToCall', label: 'import.fields.okToCall', required: false, headers: ['ok to call', 'call ok', 'can call', 'ok para llamar', 'acepta llamadas', 'llamadas'] },
  { field: 'okToLeaveMessage', label: 'import.fields.okToLeaveMessage', required: false, headers: ['ok to leave message', 'ok to leave a message', 'voicemail ok', 'ok para dejar mensaje', 'dejar mensaje'] },
  { field: 'okToEmail', label: 'import.fields.okToEmail', required: false, headers: ['ok to email', 'email ok', 'ok para correo', 'acepta correo'] },
  { field: 'safeTimes', label: 'import.fields.safeTimes', required: false, headers: ['safe times', 'safe time', 'best times', 'best time to reach', 'horario seguro', 'horarios seguros', 'mejor horario'] },
  { field: 'trustedContact', label: 'import.fields.trustedContact', required: false, headers: ['trusted contact', 'emergency contact', 'contacto de confianza', 'contacto de emergencia'] },
  { field: 'doNotContact', label: 'import.fields.doNotContact', required: false, headers: ['do not contact', 'dnc', 'no contact', 'no contactar', 'no contactar nunca'] },
  { field: 'whatHelps', label: 'import.fields.whatHelps', required: false, headers: ['what helps', 'lo que ayuda', 'que ayuda'] },
];

export const CONTACT_FIELDS: readonly FieldDef[] = [
  CLIENT_CODE,
  {
    field: 'date',
    label: 'import.fields.date',
    required: true,
    headers: ['date', 'contact date', 'visit date', 'date of contact', 'date of visit', 'date time', 'datetime', 'date and time', 'when', 'occurred at', 'timestamp', 'fecha', 'fecha de contacto', 'fecha de visita', 'fecha y hora', 'fecha contacto', 'fecha visita'],
  },
  { field: 'time', label: 'import.fields.time', required: false, headers: ['time', 'time of contact', 'visit time', 'hora', 'hora de visita', 'hora de contacto'] },
  {
    field: 'setting',
    label: 'import.fields.setting',
    required: false,
    headers: ['setting', 'contact type', 'visit type', 'type', 'encounter type', 'where', 'location type', 'modality', 'tipo', 'tipo de contacto', 'tipo de visita', 'lugar', 'modalidad', 'ambito'],
  },
  { field: 'staff', label: 'import.fields.staff', required: false, headers: ['staff', 'staff member', 'staff name', 'worker', 'outreach worker', 'seen by', 'provider', 'personal', 'trabajador', 'trabajadora', 'atendido por', 'atendida por', 'promotor', 'promotora'] },
  { field: 'services', label: 'import.fields.services', required: false, headers: ['services', 'services given', 'service', 'servicios', 'servicio', 'servicios prestados', 'servicios dados'] },
  { field: 'supplies', label: 'import.fields.supplies', required: false, headers: ['supplies', 'supplies given', 'materials', 'supplies distributed', 'suministros', 'insumos', 'materiales', 'materiales entregados'] },
  { field: 'whatMattered', label: 'import.fields.whatMattered', required: false, headers: ['what mattered', 'what mattered to them', 'what mattered today', 'lo que importo', 'lo que le importo', 'que importo', 'lo que les importo'] },
  { field: 'note', label: 'import.fields.note', required: false, headers: ['note', 'notes', 'comments', 'comment', 'nota', 'notas', 'comentarios', 'observaciones'] },
];

export const fieldsOf = (kind: ImportKind): readonly FieldDef[] => (kind === 'people' ? PEOPLE_FIELDS : CONTACT_FIELDS);

export { SUPPLY_FIELD_PREFIX };

/** A supply's own column: the field `supply:<label>` for an item of the site's list. */
export const supplyField = (label: string) => `${SUPPLY_FIELD_PREFIX}${label}`;

/** Without its bracketed part: "Naloxone (nasal)" is also found under a plain "Naloxone" column. */
const unbracketed = (name: string) => fold(name.replace(/\s*\(.*\)\s*/g, ' '));

/**
 * The site's items of one kind by every name they answer to, folded: each item's name in the list now,
 * then the built-in names in both languages of the items every site starts with. An item's own name
 * always wins: a site that added its own "Jeringas" beside the built-in "Syringes" gets its own.
 */
export function namesOf(kind: 'service' | 'supply', labels: readonly string[]): Map<string, string> {
  const out = new Map<string, string>(labels.map((l) => [fold(l), l]));
  for (const label of labels) {
    for (const name of builtInNames(kind, label)) if (!out.has(fold(name))) out.set(fold(name), label);
  }
  return out;
}

/** Guesses a mapping from the headers; for a contact file, `supplyLabels` are the site's supplies, for their own columns. */
export function guessMapping(kind: ImportKind, columns: readonly string[], supplyLabels: readonly string[] = []): ImportMapping {
  const mapping: ImportMapping = {};
  const taken = new Set<string>();
  const folded = columns.map(fold);
  for (const def of fieldsOf(kind)) {
    // The header list is in order of preference: "client code" before a bare "id".
    for (const h of def.headers) {
      const i = folded.findIndex((c, j) => c === h && !taken.has(columns[j]!));
      if (i >= 0) {
        mapping[def.field] = columns[i]!;
        taken.add(columns[i]!);
        break;
      }
    }
  }
  if (kind === 'contacts') {
    // Closest first: the item's own name, then its built-in names, then any of those without a bracket.
    const own = new Set(supplyLabels.map(fold));
    const builtIn = (label: string) => builtInNames('supply', label).filter((n) => !own.has(fold(n)) || fold(n) === fold(label));
    const passes: ((label: string) => string[])[] = [
      (label) => [fold(label)],
      (label) => builtIn(label).map(fold),
      (label) => [label, ...builtIn(label)].map(unbracketed),
    ];
    for (const names of passes) {
      for (const label of supplyLabels) {
        if (mapping[supplyField(label)] !== undefined) continue;
        const want = names(label);
        const i = folded.findIndex((c, j) => want.includes(c) && !taken.has(columns[j]!));
        if (i >= 0) {
          mapping[supplyField(label)] = columns[i]!;
          taken.add(columns[i]!);
        }
      }
    }
  }
  return mapping;
}

export interface ResolvedMapping {
  /** Field -> index of its column in the sheet. */
  index: Map<string, number>;
  /** Field -> the column's header, for messages. */
  column: Map<string, string>;
  /** File-level problems: an unknown field, a column not in the file, a required field without a column. */
  problems: Message[];
}

/** What a file-level problem says when a field every row needs has no column. */
const NEEDED: Readonly<Record<string, MessageKey>> = {
  clientCode: 'import.mapping.needs.clientCode',
  date: 'import.mapping.needs.date',
  setting: 'import.mapping.needs.setting',
};

/** Checks a mapping against the file's columns and the fields of the kind; columns match without regard to case. */
export function resolveMapping(kind: ImportKind, mapping: ImportMapping, columns: readonly string[], supplyLabels: readonly string[], extraRequired: readonly string[] = []): ResolvedMapping {
  const defs = fieldsOf(kind);
  const index = new Map<string, number>();
  const column = new Map<string, string>();
  const problems: Message[] = [];
  const usedBy = new Map<number, string>();
  const supplyByName = namesOf('supply', supplyLabels);
  for (const [field, header] of Object.entries(mapping)) {
    // An empty column means the field is left out, as a screen's "not in this file" choice sends it.
    if (header.trim() === '') continue;
    const known = defs.some((d) => d.field === field);
    const supply = kind === 'contacts' && field.startsWith(SUPPLY_FIELD_PREFIX) ? supplyByName.get(fold(field.slice(SUPPLY_FIELD_PREFIX.length))) : undefined;
    if (!known && !supply) {
      problems.push(
        field.startsWith(SUPPLY_FIELD_PREFIX)
          ? msg('import.mapping.unknownSupply', { supply: field.slice(SUPPLY_FIELD_PREFIX.length) })
          : msg(kind === 'people' ? 'import.mapping.unknownFieldPeople' : 'import.mapping.unknownFieldContacts', { field }),
      );
      continue;
    }
    const i = columns.findIndex((c) => c.toLowerCase() === header.trim().toLowerCase());
    if (i < 0) {
      problems.push(msg('import.mapping.noSuchColumn', { column: header }));
      continue;
    }
    const key = supply ? supplyField(supply) : field;
    const other = usedBy.get(i);
    if (other) {
      // The two fields are Doorway's: problemText says their names in each person's language.
      problems.push(msg('import.mapping.twice', { column: columns[i]!, field: other, otherField: key }));
      continue;
    }
    usedBy.set(i, key);
    index.set(key, i);
    column.set(key, columns[i]!);
  }
  for (const d of defs) {
    if ((d.required || extraRequired.includes(d.field)) && !index.has(d.field)) {
      problems.push(msg(NEEDED[d.field] ?? 'import.mapping.needs.other'));
    }
  }
  return { index, column, problems };
}
