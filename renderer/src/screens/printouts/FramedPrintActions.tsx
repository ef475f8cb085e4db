import { useTranslation } from 'react-i18next';
import { todayIso } from '../../components/dates';
import { PrintActions } from './PrintActions';
import { usePrintFrameWords } from './print-frame';

/** Print and Save as PDF for the clinic overview of a period. */
export function OverviewPrintActions({ period }: { period: { from: string; to: string } | null }) {
  const { t } = useTranslation();
  const frame = usePrintFrameWords(t('printFrames.overview'));
  return <PrintActions frame={frame} fileName={t('printFrames.overviewFile', { from: period?.from ?? '', to: period?.to ?? '' })} isDisabled={!period} />;
}

/** Print and Save as PDF for one person's engagement timeline. */
export function TimelinePrintActions({ name, clientCode }: { name: string; clientCode: string }) {
  const { t } = useTranslation();
  const frame = usePrintFrameWords(t('printFrames.timeline', { name }));
  return <PrintActions frame={frame} fileName={t('printFrames.timelineFile', { code: clientCode, day: todayIso() })} isDisabled={clientCode === ''} />;
}
