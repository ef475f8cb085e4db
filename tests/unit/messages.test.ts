import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { abbreviationAtSentenceEnd, CATALOGS, isMessageKey, messageText, msg, says } from '../../shared/messages';
import { checkLanguage } from '../../shared/language';
import { issueFields, issueMessage, issueText } from '../../shared/messages/issues';
import { appError, fail } from '../../shared/result';
import { backupSettingsInputSchema } from '../../shared/contract/backup';
import { displayNameSchema, newPasswordSchema } from '../../shared/contract/schemas';
import { DoorwayError } from '../../electron/core/errors';

describe("core's messages read right in each language", () => {
  it.each([
    [msg('input.tooLong', { count: 1 }), 'Please keep this to 1 character.', 'Use como máximo 1 carácter, por favor.'],
    [msg('input.tooLong', { count: 80 }), 'Please keep this to 80 characters.', 'Use como máximo 80 caracteres, por favor.'],
    [msg('input.atMost', { max: 730 }), 'Please use a number no larger than 730.', 'Use un número que no sea mayor que 730, por favor.'],
    [msg('general.roleLacks'), 'Your role does not include this. An administrator can help if you need it.', 'Su rol no incluye esto. Alguien de administración puede ayudarle si lo necesita.'],
  ])('%j', (message, english, spanish) => {
    expect(messageText(message)).toBe(english);
    expect(messageText(message, 'en')).toBe(english);
    expect(messageText(message, 'es')).toBe(spanish);
  });

  it('knows its keys, and only its keys', () => {
    expect(isMessageKey('input.periodOrder')).toBe(true);
    expect(isMessageKey('input.tooLong')).toBe(true); // a plural's key
    expect(isMessageKey('Please enter a name.')).toBe(false);
    expect(isMessageKey('input')).toBe(false);
  });
});

describe('zod issues become messages', () => {
  const first = (schema: z.ZodType, value: unknown) => {
    const r = schema.safeParse(value);
    if (r.success) throw new Error('expected a refusal');
    return r.error.issues[0]!;
  };

  it.each([
    ['a schema key', displayNameSchema, '', 'input.nameNeeded', undefined, 'Please enter a name.', 'Escriba un nombre, por favor.'],
    ['a schema key with its limit', backupSettingsInputSchema, { keepDaily: 999 }, 'backup.input.daily.atMost', { max: 366 }, 'Keep at most 366 daily backups.', 'Conserve como máximo 366 copias diarias.'],
    ['a string too long, no key of its own', z.string().max(5), 'abcdefg', 'input.tooLong', { count: 5 }, 'Please keep this to 5 characters.', 'Use como máximo 5 caracteres, por favor.'],
    ['an empty string, no key of its own', z.string().min(1), '', 'input.needed', undefined, 'Please fill this in.', 'Complete este campo, por favor.'],
    ['a missing number', z.object({ n: z.number() }), {}, 'input.needed', undefined, 'Please fill this in.', 'Complete este campo, por favor.'],
    ['not a whole number', z.number().int(), 1.5, 'input.wholeNumber', undefined, 'Please use a whole number.', 'Use un número entero, por favor.'],
    ['not one of the options', z.enum(['a', 'b']), 'c', 'input.choose', undefined, 'Please choose one of the options.', 'Elija una de las opciones, por favor.'],
  ] as const)('%s', (_name, schema, value, key, params, english, spanish) => {
    const issue = first(schema as z.ZodType, value);
    const message = issueMessage(issue);
    expect(message.key).toBe(key);
    if (params) expect(message.params).toEqual(params);
    expect(issueText(issue)).toBe(english);
    expect(issueText(issue, 'es')).toBe(spanish);
  });

  it('never lets zod\'s own English through', () => {
    const issue = first(z.string().regex(/^x$/), 'y');
    expect(issueText(issue)).toBe('This is not in the expected form.');
    expect(says('input.form')).toBe('input.form');
  });

  it('a weak password names its reason in both languages', () => {
    const issue = first(newPasswordSchema, 'qwertyuiop');
    expect(issueText(issue)).toMatch(/^Please choose a stronger password\. .+ Try a short sentence/);
    expect(issueText(issue, 'es')).toMatch(/^Elija una contraseña más segura\. .+ Pruebe una frase corta/);
  });
});

describe('refusals carry the key beside the English', () => {
  it('fail() and DoorwayError give the same shape, fields included', () => {
    const expected = {
      code: 'INVALID_INPUT',
      message: 'Please enter a name.',
      key: 'input.nameNeeded',
      fields: { displayName: 'Please keep this to 120 characters.' },
      fieldMessages: { displayName: { key: 'input.tooLong', params: { count: 120 } } },
    };
    const extra = { fields: { displayName: msg('input.tooLong', { count: 120 }) } };
    expect(fail('INVALID_INPUT', msg('input.nameNeeded'), extra)).toEqual({ ok: false, error: expected });
    expect(new DoorwayError('INVALID_INPUT', msg('input.nameNeeded'), extra).toAppError()).toEqual(expected);
    expect(new DoorwayError('INVALID_INPUT', msg('input.nameNeeded')).message).toBe('Please enter a name.');
  });

  it('keeps params and extra details', () => {
    expect(appError('THROTTLED', msg('input.atLeast', { min: 2 }), { retryAfterSeconds: 30 })).toEqual({
      code: 'THROTTLED',
      message: 'Please use a number no smaller than 2.',
      key: 'input.atLeast',
      params: { min: 2 },
      retryAfterSeconds: 30,
    });
  });
});

describe('a sentence ending on an abbreviation', () => {
  it.each([
    ['Guardado a las 8:49 a.m..', 'Guardado a las 8:49 a.m.'],
    ['Guardado a las 8:49 p. m..', 'Guardado a las 8:49 p. m.'],
    ['Saved at 8:49 AM.', 'Saved at 8:49 AM.'],
    ['La copia de las 8 a.m. está lista.', 'La copia de las 8 a.m. está lista.'],
  ])('%j reads %j', (raw, read) => {
    expect(abbreviationAtSentenceEnd.process(raw)).toBe(read);
  });
});

describe("core's words follow the care principles", () => {
  type Tree = { readonly [key: string]: string | Tree };
  const texts = (tree: Tree, prefix = ''): [string, string][] =>
    Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : texts(v, `${prefix}${k}.`)));

  it.each(['en', 'es'] as const)('the language assistant finds nothing to suggest in any %s message', (language) => {
    const flagged = texts(CATALOGS[language]).filter(([, t]) => checkLanguage(t, { language }).length > 0);
    expect(flagged).toEqual([]);
  });
});

describe('issues by field', () => {
  const schema = z.strictObject({ name: z.string().min(1), admin: z.strictObject({ password: z.string().min(10).regex(/\d/) }) });
  const issues = () => {
    const r = schema.safeParse({ name: '', admin: { password: 'short' } });
    if (r.success) throw new Error('expected a refusal');
    return r.error.issues;
  };

  it('gives each field its first issue, by dotted path, under a prefix when asked', () => {
    expect(issueFields(issues())).toEqual({ name: { key: 'input.needed' }, 'admin.password': { key: 'input.tooShort', params: { count: 10 } } });
    expect(Object.keys(issueFields(issues(), { prefix: ['data'] }))).toEqual(['data.name', 'data.admin.password']);
  });

  it('names an issue about the whole value as asked', () => {
    const r = z.string().safeParse(3);
    if (r.success) throw new Error('expected a refusal');
    expect(Object.keys(issueFields(r.error.issues))).toEqual(['_']);
    expect(Object.keys(issueFields(r.error.issues, { whole: 'form' }))).toEqual(['form']);
  });
});
