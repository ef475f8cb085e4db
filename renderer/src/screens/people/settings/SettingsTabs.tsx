import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import '../people.css';

/**
 * Settings in two tabs, so neither is a wall of fields: the clinic (name, word, lock, continuity) and
 * the record (client codes, wording, services and supplies). Arrow keys move between the tabs; both
 * stay mounted, so nothing typed is lost by switching.
 */
export function SettingsTabs({ clinic, records }: { clinic: ReactNode; records: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Tabs className="settings-tabs">
      <TabList aria-label={t('settingsTabs.label')} className="tab-list">
        <Tab id="clinic" className="tab">
          {t('settingsTabs.clinic')}
        </Tab>
        <Tab id="records" className="tab">
          {t('settingsTabs.records')}
        </Tab>
      </TabList>
      <TabPanel id="clinic" className="tab-panel" shouldForceMount>
        {clinic}
      </TabPanel>
      <TabPanel id="records" className="tab-panel" shouldForceMount>
        {records}
      </TabPanel>
    </Tabs>
  );
}
