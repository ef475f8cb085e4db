import type { ClinicSettings } from '../../../../../shared/contract';

/** The settings the record section of Settings edits. */
export type RecordSettings = Pick<ClinicSettings, 'clientCodeMask' | 'clientCodeHint' | 'languageAssistant'>;

/** Only what differs (the audit trail records each change), with the recipe written as core keeps it. */
export function recordSettingsChanges(before: RecordSettings, after: RecordSettings): Partial<RecordSettings> {
  const changes: Partial<RecordSettings> = {};
  const mask = after.clientCodeMask.trim().toUpperCase();
  if (mask !== before.clientCodeMask) changes.clientCodeMask = mask;
  const hint = after.clientCodeHint.trim();
  if (hint !== before.clientCodeHint) changes.clientCodeHint = hint;
  if (after.languageAssistant !== before.languageAssistant) changes.languageAssistant = after.languageAssistant;
  return changes;
}
