import { describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED } from '../../electron/core/errors';
import { messageText, msg, type Message } from '../../shared/messages';
import { parseRecoveryCode } from '../../shared/recovery-code';

/**
 * What staff read when signing in, using the recovery code and managing accounts: each message with its
 * parameters in place, in English (as before: the English interface did not change) and in Spanish.
 */
const ROWS: [what: string, message: Message, english: string, spanish: string][] = [
  [
    'a wrong username or password',
    SIGN_IN_FAILED,
    "That username and password don't match. Check both and try again.",
    'El usuario y la contraseña no coinciden. Revise ambos e intente de nuevo.',
  ],
  [
    'a wait of one second',
    msg('access.throttle.wait', { count: 1 }),
    'Too many tries in a row. Please wait 1 second, then try again.',
    'Demasiados intentos seguidos. Espere 1 segundo y vuelva a intentarlo.',
  ],
  [
    'a wait of 30 seconds',
    msg('access.throttle.wait', { count: 30 }),
    'Too many tries in a row. Please wait 30 seconds, then try again.',
    'Demasiados intentos seguidos. Espere 30 segundos y vuelva a intentarlo.',
  ],
  [
    'the only administrator turned off',
    msg('users.lastAdministrator.turningOff', { name: 'Ada Reyes' }),
    'Ada Reyes is the only active administrator, so turning their account off would leave nobody to manage accounts. Nothing was changed. Make someone else an administrator first.',
    'Ada Reyes es la única persona de administración activa, así que desactivar su cuenta dejaría la clínica sin nadie que gestione las cuentas. No se cambió nada. Primero dé el rol de administración a otra persona.',
  ],
  [
    'a username already taken',
    msg('users.usernameTaken', { username: 'sam' }),
    'There is already a staff account with the username "sam". Please choose another.',
    'Ya hay una cuenta del personal con el nombre de usuario "sam". Elija otro.',
  ],
  [
    'a key slot to renew, named twice',
    msg('access.vault.key.oldSlot', { name: 'Lee' }),
    'Lee has a key slot from an earlier version of Doorway, or none. Nothing was changed. Ask Lee to sign in once, or reset their password, then change the key.',
    'Lee tiene una ranura de clave de una versión anterior de Doorway, o no tiene ninguna. No se cambió nada. Pida a Lee que inicie sesión una vez, o restablezca su contraseña, y luego cambie la clave.',
  ],
  [
    'room needed to change the key',
    msg('access.vault.key.needsSpace', { megabytes: 128 }),
    'Changing the key needs about 128 MB of free space beside the records, and the disk has less. Nothing was changed. Free some space, then try again.',
    'Para cambiar la clave se necesitan unos 128 MB libres junto a los registros, y el disco tiene menos. No se cambió nada. Libere espacio y vuelva a intentarlo.',
  ],
];

describe('access messages in English and Spanish', () => {
  it.each(ROWS)('%s', (_what, message, english, spanish) => {
    expect(messageText(message)).toBe(english);
    expect(messageText(message, 'es')).toBe(spanish);
  });

  it('a mistyped recovery code names the groups to check, one or several, in both languages', () => {
    const code = 'K7QX3-AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF-GGGGG';
    const parsed = parseRecoveryCode(code);
    if (parsed.ok) throw new Error('expected the made-up code to be refused');
    const said = parsed.said;
    const groups = parsed.badGroups.join(', ');
    // The parser's own English, which the command line and logs read, is what staff read in English too.
    expect(messageText(said)).toBe(parsed.message);
    expect(messageText(said, 'es')).toBe(
      parsed.badGroups.length === 1 ? `Compare el grupo ${groups} con su kit de recuperación.` : `Compare los grupos ${groups} con su kit de recuperación.`,
    );
  });

  it('a recovery code with groups missing says how many it has', () => {
    const parsed = parseRecoveryCode('K7QX3-AAAAA');
    if (parsed.ok) throw new Error('expected a short code to be refused');
    expect(messageText(parsed.said)).toBe(parsed.message);
    expect(messageText(parsed.said, 'es')).toBe('Un código de recuperación tiene 8 grupos de 5 caracteres. Compruebe que los tenga todos.');
  });

  it('one group to check is singular, several are plural', () => {
    expect(messageText(msg('recoveryCode.checkGroups', { count: 1, groups: '3' }))).toBe('Please check group 3 against your recovery kit.');
    expect(messageText(msg('recoveryCode.checkGroups', { count: 2, groups: '3, 5' }), 'es')).toBe('Compare los grupos 3, 5 con su kit de recuperación.');
  });
});
