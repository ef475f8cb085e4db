import type { ClinicSettings } from '../../../../../shared/contract';
import { CatalogSettings } from './CatalogSettings';
import { RecordSettingsForm } from './RecordSettingsForm';

/** The relationship record's part of Settings (administrators): how records are written, and the catalog. */
export function RecordSettingsSections({ saved }: { saved: ClinicSettings }) {
  return (
    <>
      <RecordSettingsForm saved={saved} />
      <CatalogSettings />
    </>
  );
}
