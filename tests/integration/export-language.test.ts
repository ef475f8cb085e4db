import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { invoke, type Doorway, type Router } from '../../electron/core';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import { addStaff, signIn, signInAdmin, type TestStaff } from '../support/staff';
import { removeDir, setUpVault, tempDir } from '../support/vault';

/**
 * Files made for a staff member are in their language (issue 13): a person's own-record zip (its
 * README and CSV headers), the funder report exports and the clinic overview CSV. Ana chose Spanish;
 * Ben has not chosen, so the clinic's language applies to him (English, then Spanish). A funder's
 * published field names stay as published, in either language.
 */

let dir: string;
let core: Doorway;
let router: Router;
let ana: TestStaff;
let ben: TestStaff;
let personId: number;

async function call<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await invoke(router, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

beforeEach(async () => {
  dir = tempDir();
  ({ core, router } = await setUpVault(dir));
  (core.options as { now?: () => Date }).now = () => new Date('2026-04-10T18:00:00Z');
  const catalog = await call('catalog.list', {});
  const item = (label: string) => catalog.find((i) => i.label === label)!.id;
  const p = await call('people.create', { clientCode: 'ES-0001', name: 'Lupe Private', contactPrefs: { okToText: true, phone: '555-0101' } });
  personId = p.id;
  await call('contacts.record', {
    personId,
    setting: 'drop_in',
    occurredAt: '2026-03-10T18:00:00Z',
    note: 'Habló de su trabajo',
    supplies: [{ itemId: item('Syringes'), quantity: 10 }],
    services: [item('Wound care')],
  });
  await call('outreach.record', { personId, method: 'text', reached: true, note: '' });
  ana = await addStaff(router, 'clinician', 'ana', 'Ana Ruiz');
  ben = await addStaff(router, 'clinician', 'ben', 'Ben Okafor');
  await signIn(router, ana.username, ana.password);
  await call('session.setLanguage', { language: 'es' });
});
afterEach(() => {
  core.close();
  removeDir(dir);
});

const MARCH = { from: '2026-03-01', to: '2026-03-31' };

async function zipOf(base64: string) {
  const zip = await JSZip.loadAsync(Buffer.from(base64, 'base64'));
  const text = (name: string) => zip.file(name)!.async('string');
  const header = async (name: string) => Papa.parse<string[]>(await text(name)).data[0];
  return { text, header };
}

async function sheetsOf(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().slice(1).map((r) => (Array.isArray(r) ? r.slice(1) : [])) }));
}

describe('files are made in the language of the staff member who asks', () => {
  it("a Spanish-speaking staff member's export of a person's record has a Spanish README and Spanish CSV headers", async () => {
    const z = await zipOf((await call('records.personExport', { personId })).zipBase64);
    const readme = await z.text('README.txt');
    expect(readme.split('\r\n')[0]).toBe('Su expediente en Harbour Street Clinic');
    expect(readme).toContain('Esta carpeta contiene todo lo que Doorway, el programa de registros de la clínica, guarda sobre usted (código de cliente ES-0001).');
    expect(readme).toContain('contacts.csv\r\n  Cada contacto con la clínica');
    expect(readme).not.toMatch(/Your record|The files:/);
    expect(await z.header('contacts.csv')).toEqual([
      'id', 'fecha_hora', 'dia', 'lugar', 'personal', 'lo_importante', 'nota', 'registrado_el', 'registrado_por', 'cambiado_el', 'cambiado_por', 'eliminado_el', 'eliminado_por', 'motivo_de_eliminacion', 'dias_desde_el_anterior',
    ]);
    expect(await z.header('supplies.csv')).toEqual(['id_contacto', 'id_articulo', 'nombre', 'categoria', 'cantidad']);
    // The values under the headers are the record's own; only Doorway's words change.
    const outreach = Papa.parse<Record<string, string>>(await z.text('outreach.csv'), { header: true, skipEmptyLines: true }).data;
    expect(outreach).toEqual([expect.objectContaining({ forma: 'text', se_logro: 'sí' })]);
    expect(await z.text('contacts.csv')).toContain('Habló de su trabajo');
    // Opened in Excel, the accents stay as written: the file says it is UTF-8.
    expect((await z.text('contacts.csv')).startsWith('\uFEFF')).toBe(true);
  });

  it("an English-speaking staff member's export of the same record stays in English", async () => {
    await signIn(router, ben.username, ben.password);
    const z = await zipOf((await call('records.personExport', { personId })).zipBase64);
    const readme = await z.text('README.txt');
    expect(readme.split('\r\n')[0]).toBe('Your record at Harbour Street Clinic');
    expect(readme).toContain('The files:');
    expect(await z.header('contacts.csv')).toEqual([
      'id', 'occurred_at', 'local_day', 'setting', 'staff', 'what_mattered', 'note', 'entered_at', 'entered_by', 'updated_at', 'updated_by', 'deleted_at', 'removed_by', 'delete_reason', 'prev_gap_days',
    ]);
    const outreach = Papa.parse<Record<string, string>>(await z.text('outreach.csv'), { header: true, skipEmptyLines: true }).data;
    expect(outreach).toEqual([expect.objectContaining({ method: 'text', reached: 'yes' })]);
  });

  it('the de-identified line list and its workbook: Spanish headers, sheet names and notes for Ana, English for Ben', async () => {
    const csv = await call('reports.exportLineList', { ...MARCH, setting: null, itemId: null, format: 'csv' });
    expect(Papa.parse<string[]>(csv.content).data.slice(0, 2)).toEqual([
      ['Código de cliente', 'Fecha', 'Lugar', 'Servicios', 'Insumos'],
      ['ES-0001', '2026-03-10', 'Visita sin cita', 'Wound care', 'Syringes x10'],
    ]);
    const xlsx = await sheetsOf((await call('reports.exportLineList', { ...MARCH, setting: null, itemId: null, format: 'xlsx' })).content);
    expect(xlsx.map((s) => s.name)).toEqual(['Contactos', 'Acerca de']);
    expect(xlsx[1]!.rows).toContainEqual(['Reporte', 'Lista de contactos (sin datos que identifiquen)']);
    expect(xlsx[1]!.rows).toContainEqual(['Periodo', 'Del 2026-03-01 al 2026-03-31 (ambos días incluidos)']);

    await signIn(router, ben.username, ben.password);
    const english = await call('reports.exportLineList', { ...MARCH, setting: null, itemId: null, format: 'csv' });
    expect(Papa.parse<string[]>(english.content).data.slice(0, 2)).toEqual([
      ['Client code', 'Date', 'Setting', 'Services', 'Supplies'],
      ['ES-0001', '2026-03-10', 'Drop-in', 'Wound care', 'Syringes x10'],
    ]);
    expect((await sheetsOf((await call('reports.exportLineList', { ...MARCH, setting: null, itemId: null, format: 'xlsx' })).content)).map((s) => s.name)).toEqual(['Contacts', 'About']);
  });

  it("a funder template: Doorway's words follow the language, the funder's published field names stay as published", async () => {
    const rows = (content: string) => Papa.parse<string[]>(content).data;
    const es = rows((await call('reports.exportTemplate', { ...MARCH, setting: null, itemId: null, template: 'ssp_indicators', format: 'csv' })).content);
    expect(es[0]).toEqual(['Reporte', 'Indicadores del programa de servicios de jeringas']);
    expect(es).toContainEqual(['Campo', 'Nombre publicado', 'Valor', 'Cómo lo cuenta Doorway']);
    expect(es).toContainEqual(['06', 'Total participant visits', '1', expect.stringMatching(/^Cada contacto en el periodo/)]);
    expect(es).toContainEqual(['05', "Program's service model(s)", 'Visita sin cita', expect.any(String)]);
    expect(es.filter((r) => r[0] === 'Sin correspondencia')).toHaveLength(3);

    await signIn(router, ben.username, ben.password);
    const en = rows((await call('reports.exportTemplate', { ...MARCH, setting: null, itemId: null, template: 'ssp_indicators', format: 'csv' })).content);
    expect(en[0]).toEqual(['Report', 'Syringe services program indicators']);
    expect(en).toContainEqual(['06', 'Total participant visits', '1', expect.stringMatching(/^Every contact in the period/)]);
    expect(en).toContainEqual(['05', "Program's service model(s)", 'Drop-in', expect.any(String)]);
  });

  it("the clinic overview CSV, and the clinic's language for someone who has not chosen", async () => {
    const header = async () => Papa.parse<string[]>((await call('overview.exportCsv', MARCH)).csv).data[0];
    expect(await header()).toEqual(['Sección', 'Medida', 'Valor', 'Nota']);
    await signIn(router, ben.username, ben.password);
    expect(await header()).toEqual(['Section', 'Measure', 'Value', 'Note']);
    // The clinic switches to Spanish: Ben, who never chose, now gets Spanish; choosing English keeps his English.
    await signInAdmin(router);
    await call('settings.update', { language: 'es' });
    await signIn(router, ben.username, ben.password);
    expect(await header()).toEqual(['Sección', 'Medida', 'Valor', 'Nota']);
    await call('session.setLanguage', { language: 'en' });
    expect(await header()).toEqual(['Section', 'Measure', 'Value', 'Note']);
  });
});
