import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { hubKeys } from '../../api/hub-queries';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';

/**
 * "Join the clinic's hub": the pairing code the hub shows, typed or pasted, and nothing else. Core
 * reads the code (any case, spaces or dashes) and says plainly what is wrong with it; its words are
 * shown as they are, and what was typed stays. Joined, the sign-in screen follows.
 */
export function JoinHubStep({ onJoined, onBack }: { onJoined(): void; onBack(): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const join = useApiMutation('hub.join', {
    onSuccess: (state) => {
      queryClient.setQueryData(hubKeys.state, state);
      onJoined();
    },
    onError: ({ error }) => {
      const onField = error.fields?.code;
      setFieldError(onField ?? null);
      setProblem(onField ? null : error.message);
    },
  });

  const submit = () => {
    if (join.isPending) return;
    setProblem(null);
    if (!code.trim()) {
      setFieldError(t('hubSetup.join.codeNeeded'));
      return;
    }
    setFieldError(null);
    join.mutate({ code });
  };

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 ref={headingRef} tabIndex={-1} className="step-heading">
        <span className="step-title">{t('hubSetup.join.title')}</span>
      </h2>
      <p className="lead">{t('hubSetup.join.intro')}</p>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <TextField
        name="pairingCode"
        value={code}
        onChange={(v) => {
          setCode(v);
          setFieldError(null);
        }}
        isInvalid={fieldError !== null}
        className="field"
      >
        <Label className="field-label">{t('hubSetup.join.code')}</Label>
        <TextArea
          className="field-input field-input-mono pairing-input"
          rows={4}
          autoComplete="off"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          onKeyDown={(e) => {
            // A code has no line breaks: Enter joins, as in any one-line field.
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              formRef.current?.requestSubmit();
            }
          }}
        />
        <Text slot="description" className="field-description">
          {t('hubSetup.join.codeDescription')}
        </Text>
        <FieldError className="field-error">{fieldError}</FieldError>
      </TextField>
      <div className="form-actions form-actions-split">
        <ActionButton onPress={onBack}>{t('firstRun.back')}</ActionButton>
        <ActionButton type="submit" variant="primary" isPending={join.isPending}>
          {join.isPending ? t('hubSetup.join.working') : t('hubSetup.join.submit')}
        </ActionButton>
      </div>
    </form>
  );
}
