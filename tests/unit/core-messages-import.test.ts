import { describe, expect, it } from 'vitest';
import { fieldLabel, problemText, type ImportProblem } from '../../shared/contract/import';
import { messageText, msg, type Message } from '../../shared/messages';
import { CONTACT_FIELDS, PEOPLE_FIELDS } from '../../electron/core/import/mapping';
import { builtInNames, defaultCatalog } from '../../electron/core/records/catalog';

/**
 * What the import, the catalog and the set-up say, in English and in Spanish: params in their place,
 * the file's own words (headers, cells) kept as they are, Doorway's own words (field names) translated.
 */

const en = (m: Message) => messageText(m, 'en');
const es = (m: Message) => messageText(m, 'es');

describe('messages with params read right in both languages', () => {
  it.each([
    [msg('import.file.tooManyColumns', { columns: 240, max: 200 }), 'This file has 240 columns; Doorway reads at most 200. Nothing was changed.', 'Este archivo tiene 240 columnas; Doorway lee como máximo 200. No se cambió nada.'],
    [msg('import.file.tooManyRows', { max: 1_000_000 }), 'This file has more than 1,000,000 rows. Please split it into smaller files. Nothing was changed.', 'Este archivo tiene más de 1.000.000 filas. Divídalo en archivos más pequeños. No se cambió nada.'],
    [msg('import.importedBeforeBy', { on: '2026-11-21', by: 'River Stone' }), 'This file was imported before (on 2026-11-21 by River Stone; the same SHA-256). Importing it again would add its rows a second time.', 'Este archivo ya se importó antes (el 2026-11-21, por River Stone; el mismo SHA-256). Importarlo otra vez agregaría sus filas por segunda vez.'],
    [msg('catalog.alreadyInList', { label: 'Jeringas' }), '"Jeringas" is already in the list.', '"Jeringas" ya está en la lista.'],
    [msg('setup.groupsMismatchCheck', { first: 2, second: 5 }), "Groups 2 and 5 don't match the recovery code shown (check for a typo). Look at the code again and retype it.", 'Los grupos 2 y 5 no coinciden con el código de recuperación que se mostró (revise si hay un error de escritura). Mire el código otra vez y vuelva a escribirlo.'],
    [msg('setup.groupMismatch', { group: 3 }), "Group 3 doesn't match the recovery code shown. Look at the code again and retype it.", 'El grupo 3 no coincide con el código de recuperación que se mostró. Mire el código otra vez y vuelva a escribirlo.'],
    [fieldLabel('supply:Syringes'), 'Syringes (quantity)', 'Syringes (cantidad)'],
    [fieldLabel('okToText'), 'OK to text', 'Acepta mensajes de texto'],
  ])('%o', (message, english, spanish) => {
    expect(en(message)).toBe(english);
    expect(es(message)).toBe(spanish);
  });
});

describe('an import problem as one sentence', () => {
  const problem = (p: Partial<ImportProblem> & Pick<ImportProblem, 'message'>): ImportProblem => ({ row: null, column: null, value: null, ...p });
  it.each([
    [
      problem({ row: 214, column: 'Fecha', message: msg('import.problem.notADate', { value: '31/02/2025' }) }),
      'Row 214, Fecha: 31/02/2025 is not a date.',
      'Fila 214, Fecha: 31/02/2025 no es una fecha.',
    ],
    [
      problem({ row: 9, message: msg('import.problem.noCodeContact') }),
      'Row 9: there is no client code. Every contact belongs to someone.',
      'Fila 9: no hay código de cliente. Cada contacto es de alguien.',
    ],
    [
      // A rule's own message comes after the cell's text.
      problem({ row: 4, column: 'Birth year', value: '1850', message: msg('input.atLeast', { min: 1900 }) }),
      'Row 4, Birth year: 1850: Please use a number no smaller than 1900.',
      `Fila 4, Birth year: 1850: ${es(msg('input.atLeast', { min: 1900 }))}`,
    ],
    [
      problem({ row: 3, column: 'Client code', value: 'KT-12', message: msg('records.codeOffRecipeHint', { mask: 'AA-9999', hint: 'two letters, four digits' }) }),
      "Row 3, Client code: KT-12: This code doesn't follow the clinic's recipe (AA-9999: two letters, four digits).",
      'Fila 3, Client code: KT-12: Este código no sigue el formato de la clínica (AA-9999: two letters, four digits).',
    ],
    [
      // Doorway's own field names are said in the staff member's language; the file's header stays as it is.
      problem({ message: msg('import.mapping.twice', { column: 'Fecha', field: 'date', otherField: 'supply:Jeringas' }) }),
      'The column "Fecha" is mapped twice (Date and Jeringas (quantity)); each column holds one thing.',
      'La columna "Fecha" está asignada dos veces (Fecha y Jeringas (cantidad)); cada columna contiene una sola cosa.',
    ],
  ])('%#: %o', (p, english, spanish) => {
    expect(problemText(p, en)).toBe(english);
    expect(problemText(p, es)).toBe(spanish);
  });
});

describe('field names and the built-in list', () => {
  it("every import field's label is the key problemText and the preview use for it", () => {
    for (const d of [...PEOPLE_FIELDS, ...CONTACT_FIELDS]) expect(fieldLabel(d.field).key).toBe(d.label);
  });

  it('the built-in list has a name in each language, each unique within its kind, and each knows the others', () => {
    for (const language of ['en', 'es'] as const) {
      const list = defaultCatalog(language);
      for (const kind of ['service', 'supply'] as const) {
        const names = list.filter((i) => i.kind === kind).map((i) => i.label.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
      }
    }
    expect(builtInNames('supply', 'syringes')).toEqual(['Syringes', 'Jeringas']);
    expect(builtInNames('supply', 'Jeringas')).toEqual(['Syringes', 'Jeringas']);
    expect(builtInNames('service', 'Jeringas')).toEqual([]);
    expect(builtInNames('supply', 'Needles and syringes')).toEqual([]);
  });
});
