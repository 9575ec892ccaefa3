import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelfAssessmentForm, SelfAssessmentPhase } from '../../../api';
import { isApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { isRecord, readSession, removeSession, writeSession } from '../../../lib/storage';
import { submitSelfAssessment } from '../api/selfAssessment';
import { groupByScale, scalePoints } from '../hooks/groupByScale';
import { LikertItem } from './LikertItem';

interface Draft {
  step: number;
  answers: Record<string, number>;
}

function asDraft(value: unknown): Draft {
  const draft: Draft = { step: 0, answers: {} };
  if (!isRecord(value)) return draft;
  if (typeof value.step === 'number' && Number.isInteger(value.step) && value.step >= 0) draft.step = value.step;
  if (isRecord(value.answers)) {
    for (const [itemId, answer] of Object.entries(value.answers)) {
      if (typeof answer === 'number') draft.answers[itemId] = answer;
    }
  }
  return draft;
}

interface Props {
  enrolmentId: string;
  phase: SelfAssessmentPhase;
  form: SelfAssessmentForm;
  onDone: () => void;
}

/** One scale per screen; answers are kept in the tab until submitted. */
export function SelfAssessmentWizard({ enrolmentId, phase, form, onDone }: Props) {
  const { t } = useTranslation();
  const storageKey = `kindling.selfAssessment.${enrolmentId}.${phase}`;
  const groups = useMemo(() => groupByScale(form.items), [form.items]);
  const points = useMemo(() => scalePoints(form.scale), [form.scale]);
  const [draft, setDraft] = useState<Draft>(() => asDraft(readSession(storageKey)));
  const [showMissing, setShowMissing] = useState(false);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const step = Math.min(draft.step, groups.length - 1);
  const items = groups[step] ?? [];
  const missing = items.filter((item) => draft.answers[item.id] === undefined);
  const isLast = step === groups.length - 1;
  const scaleKey = items[0]?.scaleKey;
  const scaleName = form.scales?.find((s) => s.key === scaleKey)?.name;
  const offset = groups.slice(0, step).reduce((n, g) => n + g.length, 0);

  useEffect(() => { writeSession(storageKey, draft); }, [storageKey, draft]);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [step]);

  const submission = useMutation({
    mutationFn: () =>
      submitSelfAssessment(enrolmentId, phase, {
        answers: form.items
          .filter((item) => draft.answers[item.id] !== undefined)
          .map((item) => ({ itemId: item.id, value: draft.answers[item.id] ?? 0 })),
      }),
    onSuccess: () => {
      removeSession(storageKey);
      onDone();
    },
    onError: (error) => {
      if (isApiError(error, 409)) {
        removeSession(storageKey);
        onDone();
      }
    },
  });

  const goOn = () => {
    if (missing.length) {
      setShowMissing(true);
      const first = missing[0];
      if (first) document.getElementById(`sa-${first.id}-${points[0]?.value ?? ''}`)?.focus();
      return;
    }
    setShowMissing(false);
    if (isLast) submission.mutate();
    else setDraft((d) => ({ ...d, step: step + 1 }));
  };

  return (
    <form
      className="self-assessment"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!submission.isPending) goOn();
      }}
    >
      <h2 ref={stepHeading} tabIndex={-1} className="step-heading">
        {scaleName
          ? t('selfAssessment.partNamed', { part: step + 1, total: groups.length, name: scaleName })
          : t('selfAssessment.part', { part: step + 1, total: groups.length })}
      </h2>
      {form.instructions ? (
        <p className="hint" lang={form.locale}>
          {form.instructions}
        </p>
      ) : (
        <p className="hint">{t('selfAssessment.instructions')}</p>
      )}
      <div aria-live="polite" aria-atomic="true" className="live">
        {showMissing && missing.length ? (
          <p className="field-error">
            <Icon name="warning" size={16} />
            {t('selfAssessment.missing', { count: missing.length })}
          </p>
        ) : null}
      </div>
      {items.map((item, index) => (
        <LikertItem
          lang={form.locale}
          key={item.id}
          item={item}
          number={offset + index + 1}
          points={points}
          value={draft.answers[item.id]}
          missing={showMissing && draft.answers[item.id] === undefined}
          onChange={(value) => { setDraft((d) => ({ ...d, answers: { ...d.answers, [item.id]: value } })); }}
        />
      ))}
      {submission.error && !isApiError(submission.error, 409) ? (
        // Answers refused as they stand (400): said in the learner's language, not the server's.
        isApiError(submission.error, 400) ? (
          <div className="alert alert-error" role="alert">
            <Icon name="warning" />
            <p>{t('learnerLanguage.selfAssessmentAnswersRefused')}</p>
          </div>
        ) : (
          <ErrorMessage error={submission.error} />
        )
      ) : null}
      <div className="form-actions">
        {step > 0 ? (
          <button type="button" className="button button-secondary" onClick={() => { setDraft((d) => ({ ...d, step: step - 1 })); }}>
            {t('common.back')}
          </button>
        ) : null}
        <button type="submit" className="button" aria-disabled={submission.isPending ? true : undefined}>
          {isLast ? (submission.isPending ? t('common.saving') : t('selfAssessment.submit')) : t('common.next')}
        </button>
      </div>
    </form>
  );
}
