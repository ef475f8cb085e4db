import { afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../shared/languages';
import { messageText } from '../../shared/messages';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import { createDoorway, invoke, type Doorway, type Router } from '../../electron/core';
import { initHub } from '../../electron/core/hub/init';
import { defaultCatalog } from '../../electron/core/records/catalog';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { ENGINE } from '../support/engine';
import { freshPgDatabase } from '../support/pg-server';
import { ADMIN, openedCores, removeDir, tempDir, TEST_KDF } from '../support/vault';

/**
 * The services and supplies a clinic starts with are in its language: a clinic set up in Spanish (the
 * first-run wizard on one computer, `initHub` for a clinic hub) finds "Jeringas" in its list, one set
 * up in English "Syringes". They are the clinic's own words afterwards: changing the clinic's language
 * later renames nothing. A spreadsheet's supply columns are known by the list's names now and by the
 * built-in names in either language, whichever language the clinic was set up in.
 */

let dir: string;
let core: Doorway | null = null;
let router: Router;

afterEach(() => {
  core?.close();
  core = null;
  removeDir(dir);
});

/** A new clinic in `language`, the administrator signed in: as the first-run wizard makes it on SQLite, as `hub init` on PostgreSQL. */
async function newClinic(language: Language): Promise<void> {
  dir = tempDir('doorway-catalog-language-');
  if (ENGINE === 'postgres') {
    const hub = await freshPgDatabase();
    await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Calle Harbour', peopleWord: 'participant', language }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
    const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, hub: { connectionString: hub.url, max: 2 } });
    openedCores.push(made.core);
    core = made.core;
    router = made.router;
    const signedIn = await invoke(router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    return;
  }
  const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
  core = made.core;
  router = made.router;
  const code = await call('setup.recoveryCode', {});
  const groups = code.recoveryCode.split('-');
  await call('setup.create', { clinicName: 'Calle Harbour', peopleWord: 'participant', admin: { ...ADMIN }, confirmation: code.confirmGroups.map((g) => groups[g - 1]!), language });
}

async function call<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const r = await invoke(router, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as OutputOf<K>;
}

const labels = async (kind: 'service' | 'supply') => (await call('catalog.list', { includeInactive: true })).filter((i) => i.kind === kind).map((i) => i.label);
/** A preview row's services and supplies, each list in alphabetical order (the order of the file's columns is not the point here). */
const given = (p: OutputOf<'import.preview'>) => p.rows.map((r) => [r.values.services, String(r.values.supplies).split('; ').sort().join('; ')]);
const file = (name: string, content: string) => ({ name, base64: Buffer.from(content).toString('base64') });

describe('the built-in services and supplies in the clinic language', () => {
  it('a clinic set up in Spanish starts with their Spanish names, in the same order and categories', async () => {
    await newClinic('es');
    const list = await call('catalog.list', { includeInactive: true });
    expect(list.map((i) => [i.kind, i.label, i.category])).toEqual(defaultCatalog('es').map((i) => [i.kind, i.label, i.category]));
    expect(await labels('supply')).toEqual([
      'Naloxona (nasal)',
      'Naloxona (inyectable)',
      'Jeringas',
      'Tiras reactivas de fentanilo',
      'Tiras reactivas de xilacina',
      'Kit para fumar más seguro',
      'Kit de cuidado de heridas',
      'Contenedor para objetos punzocortantes',
    ]);
    expect(await labels('service')).toContain('Cuidado de heridas');
  });

  it('a clinic set up in English starts with the English names, and a later change of language renames nothing', async () => {
    await newClinic('en');
    expect(await labels('supply')).toEqual(defaultCatalog('en').filter((i) => i.kind === 'supply').map((i) => i.label));
    expect(await labels('supply')).toContain('Syringes');
    await call('settings.update', { language: 'es' });
    expect(await labels('supply')).toContain('Syringes');
    expect(await labels('supply')).not.toContain('Jeringas');
  });
});

describe("the catalog's refusals", () => {
  it('a name already in the list is refused with the name, in the staff member’s language, and nothing is added', async () => {
    await newClinic('es');
    const before = await labels('supply');
    const r = await invoke(router, 'catalog.create', { kind: 'supply', label: 'jeringas', category: null });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', key: 'catalog.alreadyInList', params: { label: 'jeringas' }, fieldMessages: { label: { key: 'catalog.field.alreadyInList' } } } });
    if (r.ok) return;
    expect(messageText({ key: r.error.key!, params: r.error.params! }, 'es')).toBe('"jeringas" ya está en la lista.');
    expect(await labels('supply')).toEqual(before);
  });
});

describe('supply columns in either language', () => {
  const csv = [
    'Código,Fecha,Lugar,Servicios,Insumos,Jeringas,Naloxona (nasal),Fentanyl test strips',
    'KT-1,2025-03-05,calle,Cuidado de heridas,Kit para fumar más seguro x2,20,1,5',
    'KT-2,2025-03-06,van,Wound care,,10,,',
  ].join('\n');

  it('a Spanish clinic: Spanish and English column names both find its Spanish items', async () => {
    await newClinic('es');
    const p = await call('import.preview', { kind: 'contacts', file: file('registro.csv', csv) });
    expect(p.problems).toEqual([]);
    expect(p.mapping).toMatchObject({ 'supply:Jeringas': 'Jeringas', 'supply:Naloxona (nasal)': 'Naloxona (nasal)', 'supply:Tiras reactivas de fentanilo': 'Fentanyl test strips' });
    expect(given(p)).toEqual([
      ['Cuidado de heridas', 'Jeringas × 20; Kit para fumar más seguro × 2; Naloxona (nasal) × 1; Tiras reactivas de fentanilo × 5'],
      ['Cuidado de heridas', 'Jeringas × 10'],
    ]);
    const supplyField = p.fields.find((f) => f.field === 'supply:Jeringas');
    expect(supplyField).toMatchObject({ label: { key: 'import.fields.supplyQuantity', params: { label: 'Jeringas' } }, column: 'Jeringas' });
    const r = await call('import.run', { kind: 'contacts', file: file('registro.csv', csv) });
    expect(r).toMatchObject({ written: true, counts: { contactsAdded: 2 } });
  });

  it('an English clinic: the Spanish built-in names find its English items', async () => {
    await newClinic('en');
    const p = await call('import.preview', { kind: 'contacts', file: file('registro.csv', csv) });
    expect(p.problems).toEqual([]);
    expect(p.mapping).toMatchObject({ 'supply:Syringes': 'Jeringas', 'supply:Naloxone (nasal)': 'Naloxona (nasal)', 'supply:Fentanyl test strips': 'Fentanyl test strips' });
    expect(given(p)).toEqual([
      ['Wound care', 'Fentanyl test strips × 5; Naloxone (nasal) × 1; Safer smoking kit × 2; Syringes × 20'],
      ['Wound care', 'Syringes × 10'],
    ]);
  });

  it("a renamed item answers to its new name, and a site's own item keeps its own name", async () => {
    await newClinic('en');
    const items = await call('catalog.list', { includeInactive: false });
    const syringes = items.find((i) => i.label === 'Syringes')!;
    await call('catalog.update', { id: syringes.id, label: 'Needles and syringes' });
    // Its own item named like a built-in one in the other language: the column is that item's.
    await call('catalog.create', { kind: 'supply', label: 'Naloxona (nasal)', category: 'naloxone' });
    const p = await call('import.preview', { kind: 'contacts', file: file('registro.csv', 'Client code,Date,Setting,Needles and syringes,Naloxona (nasal),Jeringas\nKT-1,2025-03-05,van,3,1,\n') });
    expect(p.mapping).toMatchObject({ 'supply:Needles and syringes': 'Needles and syringes', 'supply:Naloxona (nasal)': 'Naloxona (nasal)' });
    expect(Object.values(p.mapping)).not.toContain('Jeringas');
    expect(given(p)).toEqual([['', 'Naloxona (nasal) × 1; Needles and syringes × 3']]);
  });
});
