import { useContext, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Autocomplete,
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  SearchField,
  Select,
  SelectValue,
  Text,
  useFilter,
} from 'react-aria-components';
import type { ClinicSettings } from '../../../../shared/contract';
import { isValidTimeZone } from '../../../../shared/continuity/days';
import { NumberInput } from '../../components/NumberInput';
import { FieldErrorContext } from '../../components/use-field-errors';
import './continuity.css';

export type ContinuitySettings = Pick<ClinicSettings, 'absenceThresholdDays' | 'timeZone'>;

export const THRESHOLD_MIN = 7;
export const THRESHOLD_MAX = 730;

/** Checks before saving, in the words the fields show; the server checks again. */
export function continuitySettingsErrors(draft: ContinuitySettings, t: (key: 'settingsContinuity.thresholdRange' | 'settingsContinuity.timeZoneUnknown') => string): Record<string, string> {
  const found: Record<string, string> = {};
  const days = draft.absenceThresholdDays;
  if (!Number.isInteger(days) || days < THRESHOLD_MIN || days > THRESHOLD_MAX) found.absenceThresholdDays = t('settingsContinuity.thresholdRange');
  if (!isValidTimeZone(draft.timeZone)) found.timeZone = t('settingsContinuity.timeZoneUnknown');
  return found;
}

let zones: string[] | null = null;
/** Every IANA zone this Chromium knows, plus UTC (which supportedValuesOf leaves out) and the saved one. */
export function timeZones(current: string): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** "America/Los_Angeles" → "America / Los Angeles", for reading; the value stays the IANA name. */
const readable = (zone: string) => zone.replaceAll('_', ' ').replaceAll('/', ' / ');

export function TimeZoneField({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useTranslation();
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors.timeZone;
  const { contains } = useFilter({ sensitivity: 'base' });
  const items = useMemo(() => timeZones(value).map((id) => ({ id, name: readable(id) })), [value]);
  // A select whose list has a search box: the chosen zone never changes while someone types.
  return (
    <Select
      className="field"
      name="timeZone"
      selectedKey={value}
      onSelectionChange={(key) => {
        if (typeof key !== 'string') return;
        scope?.clear('timeZone');
        onChange(key);
      }}
      isInvalid={Boolean(error)}
    >
      <Label className="field-label">{t('settingsContinuity.timeZone')}</Label>
      <Button className="field-input cx-zone-button">
        <SelectValue className="cx-zone-value" />
        <span aria-hidden="true" className="cx-combo-chevron" />
      </Button>
      <Text slot="description" className="field-description">
        {t('settingsContinuity.timeZoneHelp')}
      </Text>
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="cx-combo-popover">
        <Autocomplete filter={(text, input) => contains(text, input) || contains(text.replaceAll(' ', '_'), input)}>
          <SearchField aria-label={t('settingsContinuity.searchZones')} className="cx-zone-search" autoFocus>
            <Input className="field-input" placeholder={t('settingsContinuity.searchPlaceholder')} />
          </SearchField>
          <ListBox items={items} className="cx-combo-list" renderEmptyState={() => <p className="cx-zone-empty">{t('settingsContinuity.noZone')}</p>}>
            {(item) => (
              <ListBoxItem id={item.id} textValue={item.name} className="cx-combo-option">
                {item.name}
              </ListBoxItem>
            )}
          </ListBox>
        </Autocomplete>
      </Popover>
    </Select>
  );
}

/**
 * The Settings page's "Continuity" section: how long between contacts counts as time away, and the
 * clinic's time zone, in which contacts are counted as calendar days.
 */
export function ContinuitySettingsFields({ value, onChange }: { value: ContinuitySettings; onChange(patch: Partial<ContinuitySettings>): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="cx-settings-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="cx-settings-section-heading">
        {t('settingsContinuity.heading')}
      </h2>
      <p className="field-description">{t('settingsContinuity.intro')}</p>
      <NumberInput
        label={t('settingsContinuity.threshold')}
        name="absenceThresholdDays"
        min={THRESHOLD_MIN}
        max={THRESHOLD_MAX}
        value={value.absenceThresholdDays}
        // Empty is not a choice here: NaN fails the range check before saving, with its message.
        onChange={(v) => onChange({ absenceThresholdDays: v ?? Number.NaN })}
        unit={t('settingsContinuity.days')}
        description={t('settingsContinuity.thresholdHelp', { min: THRESHOLD_MIN, max: THRESHOLD_MAX })}
      />
      <TimeZoneField value={value.timeZone} onChange={(timeZone) => onChange({ timeZone })} />
    </section>
  );
}
