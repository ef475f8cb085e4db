import type { ClinicSettings } from '../../../../shared/contract';

/** The settings this page edits (how long unsaved work is kept came later, so it may be absent). */
export type EditableSettings = Pick<ClinicSettings, 'clinicName' | 'peopleWord' | 'idleLockMinutes' | 'absenceThresholdDays' | 'timeZone'> &
  Partial<Pick<ClinicSettings, 'draftExpiryDays' | 'language'>>;

/** Only the fields that differ, since each change is written to the audit trail as from → to. */
export function changedSettings(before: EditableSettings, after: EditableSettings): Partial<EditableSettings> {
  const changes: Partial<EditableSettings> = {};
  if (after.clinicName.trim() !== before.clinicName) changes.clinicName = after.clinicName.trim();
  if (after.peopleWord !== before.peopleWord) changes.peopleWord = after.peopleWord;
  if (after.idleLockMinutes !== before.idleLockMinutes) changes.idleLockMinutes = after.idleLockMinutes;
  if (after.absenceThresholdDays !== before.absenceThresholdDays) changes.absenceThresholdDays = after.absenceThresholdDays;
  if (after.timeZone !== before.timeZone) changes.timeZone = after.timeZone;
  if (after.draftExpiryDays !== undefined && after.draftExpiryDays !== before.draftExpiryDays) changes.draftExpiryDays = after.draftExpiryDays;
  if (after.language !== undefined && after.language !== before.language) changes.language = after.language;
  return changes;
}
