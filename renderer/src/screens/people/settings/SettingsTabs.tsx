import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import '../people.css';

/**
 * Settings in two tabs, so neither is a wall of fields: the clinic (name, word, lock, continuity) and
 * the record (client codes, wording, services and supplies). Arrow keys move between the tabs; both
 * stay mounted, so nothing typed is lost by switching. A third tab, when given: where the records are (the clinic hub).
 */
export function SettingsTabs({ clinic, records, hub }: { clinic: ReactNode; records: ReactNode; hub?: { label: string; panel: ReactNode } }) {
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
        {hub ? (
          <Tab id="hub" className="tab">
            {hub.label}
          </Tab>
        ) : null}
      </TabList>
      <TabPanel id="clinic" className="tab-panel" shouldForceMount>
        {clinic}
      </TabPanel>
      <TabPanel id="records" className="tab-panel" shouldForceMount>
        {records}
      </TabPanel>
      {hub ? (
        <TabPanel id="hub" className="tab-panel">
          {hub.panel}
        </TabPanel>
      ) : null}
    </Tabs>
  );
}
