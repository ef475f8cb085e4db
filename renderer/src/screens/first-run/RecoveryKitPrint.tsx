import { useTranslation } from 'react-i18next';
import { BrandMark } from '../../components/BrandMark';
import { RecoveryCodeGroups } from './RecoveryCodeGroups';
import type { RecoveryKitContent } from './recovery-kit';

/** The one-page printed kit. Hidden on screen; the print stylesheet shows only this. */
export function RecoveryKitPrint({ kit }: { kit: RecoveryKitContent }) {
  const { t } = useTranslation();
  return (
    <section className="print-kit">
      <header className="print-kit-header">
        <BrandMark size={36} />
        <div>
          <p className="print-kit-title">{t('kit.title')}</p>
          <p className="print-kit-meta">
            {t('kit.clinic')}: <strong>{kit.clinicName}</strong> · {t('kit.made')}: {kit.date}
          </p>
        </div>
      </header>
      <p className="print-kit-label">{t('kit.code')}</p>
      <RecoveryCodeGroups code={kit.recoveryCode} forPrint />
      <h2>{t('kit.whatHeading')}</h2>
      <p>{t('kit.what')}</p>
      <h2>{t('kit.whereHeading')}</h2>
      <p>{t('kit.where')}</p>
      <p>{t('kit.whereNot')}</p>
      <h2>{t('kit.howHeading')}</h2>
      <p>{t('kit.how')}</p>
    </section>
  );
}
