import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { pdfSaver, usePrintFrame, type PrintFrame } from './print-frame';

interface PrintActionsProps {
  frame: PrintFrame;
  /** The PDF's suggested file name (no folder). */
  fileName: string;
  isDisabled?: boolean;
}

/**
 * Print, and in the desktop app Save as PDF, for a printable screen. Never printed itself
 * (screen-only); the page's margins get the clinic, the day and page numbers (print-frame.ts).
 */
export function PrintActions({ frame, fileName, isDisabled = false }: PrintActionsProps) {
  const { t } = useTranslation();
  usePrintFrame(frame);
  const save = pdfSaver();
  const [saving, setSaving] = useState(false);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="print-actions screen-only">
      <ActionButton variant="primary" isDisabled={isDisabled} onPress={() => window.print()}>
        {t('printout.print')}
      </ActionButton>
      {save ? (
        <ActionButton
          isDisabled={isDisabled}
          isPending={saving}
          onPress={() => {
            setSaving(true);
            setSaid(null);
            void save({ fileName, ...frame })
              .then((r) => {
                if (r.saved) setSaid({ ok: true, text: t('printout.savedPdf', { file: r.fileName }) });
                else if (r.reason === 'failed') setSaid({ ok: false, text: t('printout.pdfNotSaved') });
              })
              .finally(() => setSaving(false));
          }}
        >
          {saving ? t('printout.savingPdf') : t('printout.savePdf')}
        </ActionButton>
      ) : null}
      <p role="status" className={said && !said.ok ? 'print-actions-status print-actions-problem' : 'print-actions-status'}>
        {said?.text}
      </p>
    </div>
  );
}
