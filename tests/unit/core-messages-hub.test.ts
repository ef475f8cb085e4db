import { describe, expect, it } from 'vitest';
import { messageText, msg, type Message } from '../../shared/messages';

/**
 * What the clinic hub, the data layer and the database files say (shared/messages en-hub / es-hub),
 * with their parameters in place, in English (as before the keys, word for word) and in Spanish.
 */
const cases: Array<[string, Message, string, string]> = [
  [
    'a pairing code that has run out, with its time',
    msg('hub.pairing.expired', { time: '14:05' }),
    'This pairing code has expired (it was good until 14:05 UTC). Please make a new one on the hub (hub pair). Nothing was changed.',
    'Este código de vinculación ya venció (era válido hasta las 14:05 UTC). Cree uno nuevo en el servidor (hub pair). No se cambió nada.',
  ],
  [
    'a move stopped by its count, the table and both numbers in place',
    msg('hub.move.countsDiffer', { table: 'contacts', onHub: 41, here: 42 }),
    'The move was checked and stopped: contacts has 41 rows on the hub but 42 on this computer. Nothing was changed on either side.',
    'El traslado se comprobó y se detuvo: contacts tiene 41 filas en el servidor, pero 42 en esta computadora. No se cambió nada en ninguno de los dos lados.',
  ],
  [
    'records from a newer Doorway, both schema numbers',
    msg('db.schemaTooNew', { current: 9, latest: 7 }),
    'These records were saved by a newer version of Doorway (schema 9; this version knows up to 7). Nothing was changed. Please install the newer Doorway to open them.',
    'Estos registros se guardaron con una versión más reciente de Doorway (esquema 9; esta versión conoce hasta el 7). No se cambió nada. Instale la versión más reciente de Doorway para abrirlos.',
  ],
  [
    'a server folder named twice in one sentence',
    msg('hub.server.none', { dir: '/srv/doorway-hub' }),
    'There is no clinic hub server in /srv/doorway-hub. "hub start --data-dir /srv/doorway-hub" makes one. Nothing was changed.',
    'No hay un servidor de la clínica en /srv/doorway-hub. "hub start --data-dir /srv/doorway-hub" crea uno. No se cambió nada.',
  ],
  [
    'a staff member named in a key slot',
    msg('hub.keys.slotChanged', { name: 'Rosa Díaz' }),
    "The key slot of Rosa Díaz isn't the one the records know, so the keys were not changed. Nothing was changed. Reset their password under Staff accounts, then change the keys again.",
    'La ranura de clave de Rosa Díaz no es la que conocen los registros, así que las claves no se cambiaron. No se cambió nada. Restablezca su contraseña en Cuentas del personal y luego vuelva a cambiar las claves.',
  ],
  [
    'the hub out of reach: no parameters, the same words staff read before',
    msg('data.hub.unreachable'),
    "The clinic's hub can't be reached just now, so this wasn't saved. Doorway reconnects by itself as soon as the hub is back; please try again in a moment.",
    'No se puede conectar con el servidor de la clínica en este momento, así que esto no se guardó. Doorway se vuelve a conectar por sí solo en cuanto el servidor esté disponible; inténtelo de nuevo en un momento.',
  ],
];

describe("the clinic hub's and the records files' messages, in English and Spanish", () => {
  it.each(cases)('%s', (_what, message, english, spanish) => {
    expect(messageText(message)).toBe(english);
    expect(messageText(message, 'en')).toBe(english);
    expect(messageText(message, 'es')).toBe(spanish);
  });

  it('keeps a log of several lines as it is, without escaping what the server wrote', () => {
    const log = 'FATAL:  could not bind IPv4 address "0.0.0.0": Address in use\nHINT:  Is another postmaster running on port 5433?';
    const said = msg('hub.server.didNotStart', { dir: '/srv/hub', log, port: 5433 });
    expect(messageText(said)).toBe(`The clinic hub's server in /srv/hub did not start. It said:\n${log}\nIf another program uses port 5433, start it with --port.`);
    expect(messageText(said, 'es')).toContain(`Indicó:\n${log}\nSi otro programa usa el puerto 5433`);
  });
});
