import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EnrolmentDetail, SelfAssessmentPhase } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { myEnrolmentsKey } from '../../../api/enrolments';
import { enrolmentKey } from '../../../api/learning';
import { buildSteps, resumeStep } from '../../../lib/steps';
import { usePlayer } from '../../../lib/useEnrolment';
import { fetchSelfAssessment, selfAssessmentKey } from '../api/selfAssessment';
import { SelfAssessmentWizard } from './SelfAssessmentWizard';

function isPhase(value: string | undefined): value is SelfAssessmentPhase {
  return value === 'pre' || value === 'post';
}

export function SelfAssessmentView() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { phase } = useParams();
  const { enrolment, steps } = usePlayer();
  const valid = isPhase(phase) && enrolment.selfAssessment.required;
  const form = useQuery({
    queryKey: selfAssessmentKey(enrolment.course.id),
    queryFn: () => fetchSelfAssessment(enrolment.course.id),
    enabled: valid,
    staleTime: Infinity,
  });
  const [justDone, setJustDone] = useState(false);
  const nextLink = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    if (justDone) nextLink.current?.focus();
  }, [justDone]);
  const title = phase === 'post' ? t('player.postTitle') : t('player.preTitle');
  usePageTitle(title);

  if (!isPhase(phase) || !valid) {
    return (
      <div>
        <PageHeading>{t('selfAssessment.none')}</PageHeading>
        <Link to={`/learn/${enrolment.id}`}>{t('player.resume')}</Link>
      </div>
    );
  }

  const done = enrolment.selfAssessment[phase];
  const locked = steps.find((s) => s.kind === 'self-assessment' && s.phase === phase)?.locked ?? false;

  const markDone = () => {
    setJustDone(true);
    queryClient.setQueryData<EnrolmentDetail>(enrolmentKey(enrolment.id), (old) =>
      old ? { ...old, selfAssessment: { ...old.selfAssessment, [phase]: true } } : old,
    );
    void queryClient.invalidateQueries({ queryKey: enrolmentKey(enrolment.id) });
    void queryClient.invalidateQueries({ queryKey: myEnrolmentsKey });
  };

  const nextHref = (() => {
    if (phase === 'post') return '/certificates';
    const after = { ...enrolment, selfAssessment: { ...enrolment.selfAssessment, pre: true } };
    return resumeStep(after, buildSteps(after))?.href ?? `/learn/${enrolment.id}`;
  })();

  return (
    <div className="self-assessment-page">
      <PageHeading>{title}</PageHeading>
      {form.data?.title ? (
        <p className="lead" lang={form.data.locale}>
          {form.data.title}
        </p>
      ) : null}
      <div className="disclaimer" role="note">
        <Icon name="info" />
        <div>
          <p>{t('selfAssessment.disclaimer')}</p>
          {form.data?.disclaimer ? <p lang={form.data.locale}>{form.data.disclaimer}</p> : null}
        </div>
      </div>
      <div aria-live="polite" className="live">
        {done ? (
          <div className="alert alert-success">
            <Icon name="check" />
            <div>
              <p>{phase === 'pre' ? t('selfAssessment.preDone') : t('selfAssessment.postDone')}</p>
              <Link className="button" to={nextHref} ref={nextLink}>
                {phase === 'pre' ? t('selfAssessment.startCourse') : t('selfAssessment.toCertificates')}
              </Link>
            </div>
          </div>
        ) : null}
      </div>
      {done ? null : locked ? (
        <p className="status-line">
          <Icon name="lock" /> {t('selfAssessment.locked')}
        </p>
      ) : form.isPending ? (
        <Loading />
      ) : form.isError ? (
        <ErrorMessage error={form.error} onRetry={() => void form.refetch()} />
      ) : (
        <SelfAssessmentWizard enrolmentId={enrolment.id} phase={phase} form={form.data} onDone={markDone} />
      )}
    </div>
  );
}
