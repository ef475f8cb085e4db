import { LanguageField } from '../../components/LanguageField';
import { setWorkstationLanguage } from '../../i18n/language';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hubKeys } from '../../api/hub-queries';
import { queryKeys, useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { AuthLayout } from '../../components/AuthLayout';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import type { FieldErrors } from '../../components/use-field-errors';
import { useSession } from '../../session/SessionProvider';
import { HowChoice, type SetupWay } from '../hub/HowChoice';
import { JoinHubStep } from '../hub/JoinHubStep';
import { StepAdmin } from './StepAdmin';
import { StepClinic } from './StepClinic';
import { StepConfirm } from './StepConfirm';
import { StepList } from './StepList';
import { StepRecoveryCode } from './StepRecoveryCode';
import { initialWizardValues, placeServerErrors, type WizardStep, type WizardValues } from './wizard-model';

/**
 * First run: where the records will be (only this computer, this computer as the clinic's hub, or
 * joining the hub another computer is); then, unless joining, the clinic, the first administrator, the recovery code shown once, then a check that the
 * code was kept. Nothing is written until the last step, so leaving part-way leaves nothing behind.
 */
export function FirstRunWizard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { signedIn, retry } = useSession();
  const [way, setWay] = useState<SetupWay>('thisComputer');
  // The choice of where the records will be comes first; joining the hub is one step of its own.
  const [stage, setStage] = useState<'choose' | 'join' | 'steps'>('choose');
  const [step, setStep] = useState<WizardStep>(1);
  const [values, setValues] = useState<WizardValues>(initialWizardValues);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  // Bumped with each server answer so the open step remounts and shows the new field messages.
  const [attempt, setAttempt] = useState(0);
  const [problem, setProblem] = useState<{ message: string; code: string } | null>(null);
  const [codeNotice, setCodeNotice] = useState<string | null>(null);
  useDocumentTitle(t('firstRun.title'));

  const update = (patch: Partial<WizardValues>) => setValues((v) => ({ ...v, ...patch }));
  const go = (next: WizardStep) => {
    setProblem(null);
    setStep(next);
  };

  const create = useApiMutation('setup.create', {
    gcTime: 0,
    onSuccess: (info) => {
      // Made the clinic's hub here, the answer to "where are the records" has changed.
      queryClient.removeQueries({ queryKey: hubKeys.state });
      signedIn(info);
    },
    onError: ({ error }) => {
      const placed = placeServerErrors(error.fields);
      setServerErrors(placed.fields);
      setAttempt((n) => n + 1);
      if (error.code === 'CONFLICT') {
        // Main no longer holds the code shown (for example it restarted): show a fresh one to keep.
        queryClient.removeQueries({ queryKey: queryKeys.recoveryCode });
        setCodeNotice(t('firstRun.recovery.newCode'));
        update({ confirmation: ['', ''] });
        go(3);
        return;
      }
      setProblem({ message: error.message, code: error.code });
      if (placed.step !== null) setStep(placed.step);
    },
  });

  const finish = () => {
    create.mutate({
      clinicName: values.clinicName,
      peopleWord: values.peopleWord,
      timeZone: values.timeZone,
      language: values.language,
      admin: { username: values.username, displayName: values.displayName, password: values.password },
      confirmation: values.confirmation,
      ...(way === 'hub' ? { asHub: true } : {}),
    });
  };

  return (
    <AuthLayout width="wide" showWhere={stage === 'steps' && way === 'thisComputer'}>
      <PageHeading focusOnMount={false}>{t('firstRun.heading')}</PageHeading>
      {stage === 'choose' ? (
        // Asked before anything else, so the rest of the wizard is read in that language; it becomes the clinic's (step 1 confirms it).
        <LanguageField
          className="first-run-language"
          name="wizardLanguage"
          label={t('languages.label')}
          value={values.language}
          onChange={(language) => {
            setWorkstationLanguage(language);
            update({ language });
          }}
        />
      ) : null}
      {stage === 'choose' ? <HowChoice value={way} onChange={setWay} onNext={() => setStage(way === 'join' ? 'join' : 'steps')} /> : null}
      {stage === 'join' ? <JoinHubStep onJoined={retry} onBack={() => setStage('choose')} /> : null}
      {stage === 'steps' ? <StepList current={step} /> : null}
      {stage === 'steps' && problem && (step !== 4 || problem.code === 'VAULT_EXISTS') ? (
        <Notice tone="error">
          <p>{problem.message}</p>
          {problem.code === 'VAULT_EXISTS' ? (
            <ActionButton variant="primary" onPress={retry}>
              {t('firstRun.goToSignIn')}
            </ActionButton>
          ) : null}
        </Notice>
      ) : null}
      {stage !== 'steps' ? null : step === 1 ? (
        <StepClinic
          key={attempt}
          values={values}
          update={update}
          serverErrors={serverErrors}
          intro={way === 'hub' ? t('hubSetup.clinicIntroHub') : t('firstRun.clinic.intro')}
          onNext={() => go(2)}
          onBack={() => {
            setProblem(null);
            setStage('choose');
          }}
        />
      ) : step === 2 ? (
        <StepAdmin key={attempt} values={values} update={update} serverErrors={serverErrors} onNext={() => go(3)} onBack={() => go(1)} />
      ) : step === 3 ? (
        <StepRecoveryCode clinicName={values.clinicName} notice={codeNotice} onNext={() => go(4)} onBack={() => go(2)} />
      ) : step === 4 ? (
        <StepConfirm
          key={attempt}
          values={values}
          update={update}
          serverErrors={serverErrors}
          problem={problem && problem.code !== 'VAULT_EXISTS' ? problem.message : null}
          isPending={create.isPending}
          pendingNote={way === 'hub' ? t('hubSetup.working') : undefined}
          onFinish={finish}
          onBack={() => go(3)}
        />
      ) : null}
    </AuthLayout>
  );
}
