import { describe, expect, it } from 'vitest';
import { messageText, msg, type Message } from '../../shared/messages';
import { because } from '../../electron/core/backup/because';
import { RETENTION_LIMITS } from '../../shared/contract/backup';
import { fromLsblkTypes, fromManageBde } from '../../electron/core/platform/disk-encryption';

/** Backups' messages with parameters read right in both languages: the path in place, the nested reason said too. */
const cases: { what: string; message: Message; en: string; es: string }[] = [
  {
    what: 'a folder path in place',
    message: msg('backup.destination.unavailable', { dest: 'E:\\Doorway backups' }),
    en: "The backup folder E:\\Doorway backups isn't available right now. If it is on a USB drive or a network folder, connect it and try again.",
    es: 'La carpeta de copias E:\\Doorway backups no está disponible en este momento. Si está en una memoria USB o en una carpeta de red, conéctela e inténtelo de nuevo.',
  },
  {
    what: 'a size in megabytes',
    message: msg('backup.destination.noSpace', { dest: '/media/usb', megabytes: 42 }),
    en: "There isn't enough free space in /media/usb for this backup (it needs about 42 MB). Nothing from this attempt was kept, and earlier backups are untouched. Free up some space there, or choose another folder.",
    es: 'No hay suficiente espacio libre en /media/usb para esta copia (necesita unos 42 MB). No se conservó nada de este intento y las copias anteriores no se tocaron. Libere espacio allí o elija otra carpeta.',
  },
  {
    what: 'numbers that are versions',
    message: msg('backup.restore.newerSchema', { name: 'doorway-backup-20260303T101500Z-0a1b2c3d', schema: 14, latest: 12 }),
    en: 'The backup "doorway-backup-20260303T101500Z-0a1b2c3d" was made by a newer version of Doorway (schema 14; this one knows up to 12). Nothing was changed. Install the newer Doorway to restore it.',
    es: 'La copia «doorway-backup-20260303T101500Z-0a1b2c3d» se hizo con una versión más nueva de Doorway (esquema 14; esta conoce hasta el 12). No se cambió nada. Instale la versión más nueva de Doorway para restaurarla.',
  },
  {
    what: 'a check that failed, said inside the new backup\'s refusal',
    message: because('backup.create.notVerified', msg('backup.check.rowsDiffer', { name: 'B', table: 'people', expected: 3, found: 2 }), { name: 'B' }),
    en:
      'The new backup "B" did not pass its check right after it was written, so it is marked as not verified and never counts as a good backup. ' +
      'Earlier backups are untouched. What the check found: The backup "B" doesn\'t hold what it held when it was made (people: 3 rows expected, 2 found). ' +
      "It can't be used; nothing was changed.",
    es:
      'La nueva copia «B» no pasó su comprobación justo después de escribirse, así que queda marcada como no comprobada y nunca cuenta como una copia válida. ' +
      'Las copias anteriores no se tocaron. Lo que encontró la comprobación: La copia «B» no contiene lo que contenía cuando se hizo (people: se esperaban 3 filas, se encontraron 2). ' +
      'No se puede usar; no se cambió nada.',
  },
  {
    what: "a practice restore's finding, with its own numbers, inside the sentence",
    message: because('backup.drill.failed', msg('backup.drill.found.rowsDiffer', { table: 'contacts', found: 9, recorded: 10 }), { bundle: 'B' }),
    en: 'The practice restore of "B" did not come out right: contacts has 9 rows, but the backup recorded 10. Your records and backups were not changed.',
    es: 'La restauración de prueba de «B» no salió bien: contacts tiene 9 filas, pero la copia registró 10. Sus registros y sus copias no se cambiaron.',
  },
  {
    what: 'a warning about a clean-up that failed, with the reason said',
    message: because('backup.warning.notTidied', msg('backup.destination.notAllowed', { dest: '/mnt/nas' })),
    en:
      "The backup was made and checked, but old backups could not be tidied up: Doorway isn't allowed to write in /mnt/nas. Nothing from this attempt was kept. " +
      "Choose a folder you can write to, or check that the drive isn't write-protected.",
    es:
      'La copia se hizo y se comprobó, pero no se pudieron ordenar las copias antiguas: Doorway no tiene permiso para escribir en /mnt/nas. No se conservó nada de este intento. ' +
      'Elija una carpeta en la que se pueda escribir, o revise que la unidad no esté protegida contra escritura.',
  },
  {
    what: 'the data folder, named',
    message: msg('platform.dataFolder.readOnly', { dir: '/home/clinic/.doorway' }),
    en:
      "Doorway's data folder (/home/clinic/.doorway) is read-only on this computer (a locked or read-only drive, or a folder without permission to write), so nothing could be saved. " +
      'Nothing was changed, and your records are not lost. Whoever looks after this computer can make the folder writable again.',
    es:
      'La carpeta de datos de Doorway (/home/clinic/.doorway) es de solo lectura en esta computadora (una unidad bloqueada o de solo lectura, o una carpeta sin permiso de escritura), así que no se pudo guardar nada. ' +
      'No se cambió nada, y sus registros no se perdieron. Quien se ocupa de esta computadora puede volver a permitir la escritura en la carpeta.',
  },
];

describe('backup messages in English and Spanish', () => {
  it.each(cases)('$what', ({ message, en, es }) => {
    expect(messageText(message)).toBe(en);
    expect(messageText(message, 'es')).toBe(es);
  });

  it('a reason inside a reason says the deeper one once, never the middle sentence again', () => {
    const notVerified = because('backup.create.notVerified', msg('backup.check.noFolder', { dir: '/x' }), { name: 'B' });
    expect(messageText(because('backup.warning.notTidied', notVerified))).toBe(
      'The backup was made and checked, but old backups could not be tidied up: There is no backup folder at /x. Nothing was changed.',
    );
  });

  it("what protects a hub's disk: said to the administrator in their language, in English for the command line", () => {
    const windows = fromManageBde('D:', 'Volume D: [Data]\n    Protection Status:    Protection Off\n');
    expect(windows).toMatchObject({ state: 'notEncrypted', detail: 'BitLocker does not protect drive D:.' });
    expect(messageText(windows.message, 'es')).toBe('BitLocker no protege la unidad D:.');
    const linux = fromLsblkTypes('/dev/mapper/root', 'crypt\npart\ndisk\n');
    expect(linux).toMatchObject({ state: 'encrypted', method: 'LUKS', detail: '/dev/mapper/root is encrypted with LUKS (dm-crypt).' });
    expect(messageText(linux.message, 'es')).toBe('/dev/mapper/root está cifrado con LUKS (dm-crypt).');
  });

  it('the retention limits in the refusals are the limits the contract enforces', () => {
    for (const [what, setting] of [['daily', 'keepDaily'], ['weekly', 'keepWeekly'], ['monthly', 'keepMonthly']] as const) {
      const max = RETENTION_LIMITS[setting];
      expect(messageText(msg(`backup.input.${what}.atMost`))).toBe(`Keep at most ${max} ${what} backups.`);
      expect(messageText(msg(`backup.input.${what}.atMost`), 'es')).toContain(` ${max} `);
    }
  });
});
