import type { ImportKind, ImportMapping } from '../../../shared/contract/import';

/**
 * Which column holds which field. A mapping is a small JSON object {field: column header}, guessed
 * from the headers (English and Spanish spellings programs use) and corrected by staff. A contact
 * file may also give one column per supply ("Syringes", "Naloxone (nasal)") holding the quantity:
 * its field is `supply:<the item's name in the site's list>`.
 */

export interface FieldDef {
  field: string;
  label: string;
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
  label: 'Client code',
  required: true,
  headers: ['client code', 'code', 'client id', 'client', 'participant code', 'participant id', 'patient code', 'id', 'codigo', 'codigo de cliente', 'codigo cliente', 'codigo del cliente', 'codigo de participante', 'codigo participante', 'clave', 'id cliente'],
};

export const PEOPLE_FIELDS: readonly FieldDef[] = [
  CLIENT_CODE,
  { field: 'name', label: 'Name', required: false, headers: ['name', 'full name', 'legal name', 'nombre', 'nombre completo', 'nombre legal'] },
  { field: 'preferredName', label: 'Preferred name', required: false, headers: ['preferred name', 'goes by', 'nickname', 'nombre preferido', 'apodo', 'como le gusta que le llamen'] },
  { field: 'pronouns', label: 'Pronouns', required: false, headers: ['pronouns', 'pronombres'] },
  { field: 'birthYear', label: 'Birth year', required: false, headers: ['birth year', 'year of birth', 'yob', 'ano de nacimiento', 'anio de nacimiento', 'ano nacimiento'] },
  { field: 'phone', label: 'Phone', required: false, headers: ['phone', 'phone number', 'telephone', 'mobile', 'cell', 'cell phone', 'telefono', 'celular', 'movil', 'numero de telefono'] },
  { field: 'email', label: 'Email', required: false, headers: ['email', 'e mail', 'email address', 'correo', 'correo electronico', 'email correo'] },
  { field: 'okToText', label: 'OK to text', required: false, headers: ['ok to text', 'text ok', 'sms ok', 'can text', 'ok para mensajes', 'ok para mensajes de texto', 'acepta mensajes', 'mensajes de texto'] },
  { field: 'okToCall', label: 'OK to call', required: false, headers: ['ok to call', 'call ok', 'can call', 'ok para llamar', 'acepta llamadas', 'llamadas'] },
  { field: 'okToLeaveMessage', label: 'OK to leave a message', required: false, headers: ['ok to leave message', 'ok to leave a message', 'voicemail ok', 'ok para dejar mensaje', 'dejar mensaje'] },
  { field: 'okToEmail', label: 'OK to email', required: false, headers: ['ok to email', 'email ok', 'ok para correo', 'acepta correo'] },
  { field: 'safeTimes', label: 'Safe times', required: false, headers: ['safe times', 'safe time', 'best times', 'best time to reach', 'horario seguro', 'horarios seguros', 'mejor horario'] },
  { field: 'trustedContact', label: 'Trusted contact', required: false, headers: ['trusted contact', 'emergency contact', 'contacto de confianza', 'contacto de emergencia'] },
  { field: 'doNotContact', label: 'Do not contact', required: false, headers: ['do not contact', 'dnc', 'no contact', 'no contactar', 'no contactar nunca'] },
  { field: 'whatHelps', label: 'What helps', required: false, headers: ['what helps', 'lo que ayuda', 'que ayuda'] },
];

export const CONTACT_FIELDS: readonly FieldDef[] = [
  CLIENT_CODE,
  {
    field: 'date',
    label: 'Date',
    required: true,
    headers: ['date', 'contact date', 'visit date', 'date of contact', 'date of visit', 'date time', 'datetime', 'date and time', 'when', 'occurred at', 'timestamp', 'fecha', 'fecha de contacto', 'fecha de visita', 'fecha y hora', 'fecha contacto', 'fecha visita'],
  },
  { field: 'time', label: 'Time', required: false, headers: ['time', 'time of contact', 'visit time', 'hora', 'hora de visita', 'hora de contacto'] },
  {
    field: 'setting',
    label: 'Setting',
    required: false,
    headers: ['setting', 'contact type', 'visit type', 'type', 'encounter type', 'where', 'location type', 'modality', 'tipo', 'tipo de contacto', 'tipo de visita', 'lugar', 'modalidad', 'ambito'],
  },
  { field: 'staff', label: 'Staff member', required: false, headers: ['staff', 'staff member', 'staff name', 'worker', 'outreach worker', 'seen by', 'provider', 'personal', 'trabajador', 'trabajadora', 'atendido por', 'atendida por', 'promotor', 'promotora'] },
  { field: 'services', label: 'Services', required: false, headers: ['services', 'services given', 'service', 'servicios', 'servicio', 'servicios prestados', 'servicios dados'] },
  { field: 'supplies', label: 'Supplies', required: false, headers: ['supplies', 'supplies given', 'materials', 'supplies distributed', 'suministros', 'insumos', 'materiales', 'materiales entregados'] },
  { field: 'whatMattered', label: 'What mattered to them', required: false, headers: ['what mattered', 'what mattered to them', 'what mattered today', 'lo que importo', 'lo que le importo', 'que importo', 'lo que les importo'] },
  { field: 'note', label: 'Note', required: false, headers: ['note', 'notes', 'comments', 'comment', 'nota', 'notas', 'comentarios', 'observaciones'] },
];

export const fieldsOf = (kind: ImportKind): readonly FieldDef[] => (kind === 'people' ? PEOPLE_FIELDS : CONTACT_FIELDS);

export const SUPPLY_FIELD_PREFIX = 'supply:';

/** A supply's own column: the field `supply:<label>` for an item of the site's list. */
export const supplyField = (label: string) => `${SUPPLY_FIELD_PREFIX}${label}`;

/** Labels of the site's supplies, for a contact file's per-supply columns. */
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
    for (const label of supplyLabels) {
      const want = [fold(label), fold(label.replace(/\s*\(.*\)\s*/g, ' '))];
      const i = folded.findIndex((c, j) => want.includes(c) && !taken.has(columns[j]!));
      if (i >= 0) {
        mapping[supplyField(label)] = columns[i]!;
        taken.add(columns[i]!);
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
  problems: string[];
}

/** Checks a mapping against the file's columns and the fields of the kind; columns match without regard to case. */
export function resolveMapping(kind: ImportKind, mapping: ImportMapping, columns: readonly string[], supplyLabels: readonly string[], extraRequired: readonly string[] = []): ResolvedMapping {
  const defs = fieldsOf(kind);
  const index = new Map<string, number>();
  const column = new Map<string, string>();
  const problems: string[] = [];
  const usedBy = new Map<number, string>();
  const supplyByFold = new Map(supplyLabels.map((l) => [fold(l), l]));
  for (const [field, header] of Object.entries(mapping)) {
    // An empty column means the field is left out, as a screen's "not in this file" choice sends it.
    if (header.trim() === '') continue;
    const known = defs.some((d) => d.field === field);
    const supply = kind === 'contacts' && field.startsWith(SUPPLY_FIELD_PREFIX) ? supplyByFold.get(fold(field.slice(SUPPLY_FIELD_PREFIX.length))) : undefined;
    if (!known && !supply) {
      problems.push(
        field.startsWith(SUPPLY_FIELD_PREFIX)
          ? `The mapping names a supply, "${field.slice(SUPPLY_FIELD_PREFIX.length)}", that is not in the site's list of supplies.`
          : `The mapping names "${field}", which is not something Doorway imports for ${kind}.`,
      );
      continue;
    }
    const i = columns.findIndex((c) => c.toLowerCase() === header.trim().toLowerCase());
    if (i < 0) {
      problems.push(`The mapping uses a column "${header}", and the file has no column with that header.`);
      continue;
    }
    const other = usedBy.get(i);
    if (other) {
      problems.push(`The column "${columns[i]}" is mapped twice (${other} and ${field}); each column holds one thing.`);
      continue;
    }
    usedBy.set(i, field);
    const key = supply ? supplyField(supply) : field;
    index.set(key, i);
    column.set(key, columns[i]!);
  }
  for (const d of defs) {
    if ((d.required || extraRequired.includes(d.field)) && !index.has(d.field)) {
      problems.push(`No column is chosen for ${d.label}, and every row needs it.`);
    }
  }
  return { index, column, problems };
}
