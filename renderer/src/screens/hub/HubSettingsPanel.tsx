import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HubState } from '../../../../shared/contract/hub';
import { appErrorOf } from '../../api/invoke';
import { useHubState } from '../../api/hub-queries';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { CheckboxField } from '../../components/CheckboxField';
import { formatTimeOrDateTime } from '../../components/dates';
import { Notice } from '../../components/Notice';
import './hub.css';

/** "192.168.1.20:54321": where the clinic's hub answers. */
export function hubAddress(hub: NonNullable<HubState['hub']>): string {
  return `${hub.host}:${hub.port}`;
}

/** What protects the hub's data folder at rest, in plain words, with what to do when it is not enough. */
function AtRest({ atRest }: { atRest: NonNullable<HubState['atRest']> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="hub-at-rest" data-testid="hub-at-rest">
      <h2 id="hub-at-rest">{t('hubSetup.page.atRestTitle')}</h2>
      {atRest.state === 'encrypted' ? (
        <p>{t('hubSetup.page.encrypted')}</p>
      ) : (
        <Notice tone="info">
          <p>
            <strong>{atRest.state === 'notEncrypted' ? t('hubSetup.page.notEncrypted') : t('hubSetup.page.unknown')}</strong>
          </p>
          <p>{atRest.state === 'notEncrypted' ? t('hubSetup.page.notEncryptedTodo') : t('hubSetup.page.unknownTodo')}</p>
        </Notice>
      )}
      <p className="hub-detail">{t('hubSetup.page.systemSaid', { detail: atRest.detail })}</p>
    </section>
  );
}

/** On the hub computer: a one-time code for another computer, large and grouped, with its time and a Copy button. */
function PairingCode() {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const make = useApiMutation('hub.pairingCode', { gcTime: 0, onMutate: () => setCopied(null) });
  const made = make.data;
  const untilId = useId();
  const copyId = useId();
  // A new code: focus goes to Copy, whose description says until when the code is good.
  useEffect(() => {
    if (made) document.getElementById(copyId)?.focus();
  }, [made, copyId]);

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };

  return (
    <section aria-labelledby="hub-pair" className="hub-pair">
      <h2 id="hub-pair">{t('hubSetup.page.pairTitle')}</h2>
      <p>{t('hubSetup.page.pairIntro')}</p>
      {made ? (
        <>
          <div role="group" className="pairing-code" aria-label={t('hubSetup.page.codeLabel')} data-testid="pairing-code" data-code={made.code}>
            {made.code.split('-').map((group, i) => (
              <span key={i} className="pairing-code-group">
                {group}
              </span>
            ))}
          </div>
          <p id={untilId}>{t('hubSetup.page.goodUntil', { time: formatTimeOrDateTime(made.expiresAt) })}</p>
        </>
      ) : null}
      {make.isError ? <Notice tone="error">{appErrorOf(make.error).message}</Notice> : null}
      <div className="pairing-actions">
        {made ? (
          <ActionButton id={copyId} variant="primary" aria-describedby={untilId} onPress={() => void copy(made.code)}>
            {t('hubSetup.page.copy')}
          </ActionButton>
        ) : null}
        <ActionButton variant={made ? 'secondary' : 'primary'} isPending={make.isPending} onPress={() => make.mutate({})}>
          {make.isPending ? t('hubSetup.page.making') : made ? t('hubSetup.page.makeAnother') : t('hubSetup.page.make')}
        </ActionButton>
      </div>
      <p role="status" className={copied === 'failed' ? 'field-error' : undefined}>
        {copied === 'yes' ? t('hubSetup.page.copied') : copied === 'failed' ? t('hubSetup.page.copyFailed') : null}
      </p>
    </section>
  );
}

/**
 * On a computer that keeps the clinic's records itself: they move onto a clinic hub that Doorway runs
 * here (hub.moveHere), so the clinic's other computers can join. Confirmed first; everyone then signs
 * in again, to the hub (the session ends with the move, so the screen goes to sign-in by itself).
 */
function MoveHere() {
  const { t } = useTranslation();
  const [understood, setUnderstood] = useState(false);
  const move = useApiMutation('hub.moveHere');
  return (
    <section aria-labelledby="hub-move" className="hub-pair" data-testid="hub-move">
      <h2 id="hub-move">{t('hubSetup.page.moveTitle')}</h2>
      <p>{t('hubSetup.page.moveIntro')}</p>
      <p>{t('hubSetup.page.moveKept')}</p>
      <CheckboxField isSelected={understood} onChange={setUnderstood}>
        {t('hubSetup.page.moveUnderstood')}
      </CheckboxField>
      {move.isError ? <Notice tone="error">{appErrorOf(move.error).message}</Notice> : null}
      <div className="pairing-actions">
        <ActionButton variant="primary" isDisabled={!understood} isPending={move.isPending} onPress={() => move.mutate({ confirm: true })}>
          {move.isPending ? t('hubSetup.page.moving') : t('hubSetup.page.move')}
        </ActionButton>
      </div>
    </section>
  );
}

/**
 * Settings, Clinic hub: where the records are; on the hub computer, what protects them on its disk
 * and a pairing code for the clinic's other computers; on a computer that joined, the hub's address.
 * Settings is for administrators only, as making a pairing code is.
 */
export function HubSettingsPanel() {
  const { t } = useTranslation();
  const state = useHubState();
  if (state.isPending) return <p role="status">{t('hubSetup.page.loading')}</p>;
  if (state.isError) return <Notice tone="error">{appErrorOf(state.error).message}</Notice>;
  const { mode, hub, serverHere, atRest } = state.data;
  return (
    <div className="hub-panel">
      <section aria-labelledby="hub-where" data-testid="hub-where">
        <h2 id="hub-where">{t('hubSetup.page.where')}</h2>
        {serverHere ? (
          <>
            <p>{t('hubSetup.page.serverHere')}</p>
            <p>{t('hubSetup.page.serverHereMore')}</p>
          </>
        ) : mode === 'joined' && hub ? (
          <>
            <p>{t('hubSetup.page.joined', { address: hubAddress(hub) })}</p>
            <p>{t('hubSetup.page.joinedMore')}</p>
          </>
        ) : (
          <>
            <p>{t('hubSetup.page.thisComputer')}</p>
            <p>{t('hubSetup.page.thisComputerMore')}</p>
          </>
        )}
      </section>
      {serverHere && atRest ? <AtRest atRest={atRest} /> : null}
      {serverHere ? <PairingCode /> : null}
      {mode === 'thisComputer' && !serverHere ? <MoveHere /> : null}
    </div>
  );
}
