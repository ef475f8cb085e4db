import { describe, expect, it } from 'vitest';
import { notAgreedMessage, type ReachConsent } from '../../shared/continuity/reach';
import { messageText, msg, type Message } from '../../shared/messages';
import { recipeMessage } from '../../shared/client-code';

/** Core's messages about records, drafts, continuity, reports, a person's own record and demo data, in both languages. */

const NOBODY: ReachConsent = { okToText: false, okToCall: false, okToLeaveMessage: false, okToEmail: false, doNotContact: false, trustedContact: null };

const cases: [what: string, message: Message, en: string, es: string][] = [
  [
    'a client code in place',
    msg('records.codeInUse', { code: 'AB-1234' }),
    'The client code AB-1234 already belongs to someone else. Open their record, or choose a different code.',
    'El código de cliente AB-1234 ya pertenece a otra persona. Abra su expediente o elija otro código.',
  ],
  [
    "the clinic's recipe, with its hint",
    recipeMessage('x', { mask: 'AA-9999', hint: 'initials and birth year' })!,
    "This code doesn't follow the clinic's recipe (AA-9999: initials and birth year).",
    'Este código no sigue el formato de la clínica (AA-9999: initials and birth year).',
  ],
  ["the clinic's recipe, without a hint", recipeMessage('x', { mask: 'AA-9999', hint: '' })!, "This code doesn't follow the clinic's recipe (AA-9999).", 'Este código no sigue el formato de la clínica (AA-9999).'],
  [
    'one agreed way',
    notAgreedMessage({ ...NOBODY, okToCall: true }),
    'They agreed to calls only. Please use one of those ways.',
    'Solo aceptó llamadas. Use una de esas formas, por favor.',
  ],
  [
    'two agreed ways, one of them the trusted contact',
    notAgreedMessage({ ...NOBODY, okToText: true, trustedContact: 'Sam' }),
    'They agreed to texts and their trusted contact only. Please use one of those ways.',
    'Solo aceptó mensajes de texto y su persona de confianza. Use una de esas formas, por favor.',
  ],
  [
    'all five ways',
    notAgreedMessage({ okToText: true, okToCall: true, okToLeaveMessage: true, okToEmail: true, doNotContact: false, trustedContact: 'Sam' }),
    'They agreed to texts, calls, messages, email and their trusted contact only. Please use one of those ways.',
    'Solo aceptó mensajes de texto, llamadas, mensajes de voz, correo electrónico y su persona de confianza. Use una de esas formas, por favor.',
  ],
  [
    'do not contact',
    notAgreedMessage({ ...NOBODY, okToText: true, doNotContact: true }),
    'They asked not to be contacted, so there is no outreach to note. They are welcome whenever they come by.',
    'Pidió que no se le contacte, así que no hay ningún intento de comunicación que anotar. La puerta sigue abierta para cuando quiera venir.',
  ],
  ['a plural, one', msg('continuity.overviewCsv.averageOver', { count: 1 }), 'Average over 1 person with at least 2 contacts', 'Promedio de 1 persona con al menos 2 contactos'],
  ['a plural, several', msg('continuity.overviewCsv.averageOver', { count: 12 }), 'Average over 12 people with at least 2 contacts', 'Promedio de 12 personas con al menos 2 contactos'],
  ['a plural, none', msg('continuity.overviewCsv.recentNote', { count: 0, to: '2026-03-31' }), 'Of 0 people seen in the period; the 6 months up to 2026-03-31', 'De 0 personas atendidas en el periodo; los 6 meses hasta el 2026-03-31'],
  ['two params in place', msg('ownRecord.zip.readme.made', { day: '2026-04-10', time: '18:00' }), 'It was made on 2026-04-10 at 18:00 UTC.', 'Se preparó el 2026-04-10 a las 18:00 UTC.'],
  ['a contact setting', msg('records.settings.street_outreach'), 'Street outreach', 'Trabajo de calle'],
];

describe("core's messages about records read right in English and Spanish", () => {
  it.each(cases)('%s', (_what, message, en, es) => {
    expect(messageText(message)).toBe(en);
    expect(messageText(message, 'es')).toBe(es);
  });
});
