import type { Language } from '../../../shared/languages';
import type { Data } from '../data/engine';
import { readSettingsIn } from '../settings/settings';
import { staffLanguageIn } from '../users/staff';

/**
 * The language a file is made in for the staff member who asks for it (an export, a person's zip):
 * their own choice, or the clinic's default when they have not chosen (staff_users.language is null).
 */
export async function readersLanguage(data: Data, staffId: number): Promise<Language> {
  return (await staffLanguageIn(data, staffId)) ?? (await readSettingsIn(data)).language;
}
