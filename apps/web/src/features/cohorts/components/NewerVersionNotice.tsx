import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { StatusMessage } from '../../../components/StatusMessage';
import { fetchCohortVersionStatus, migrateCohort, publishingKeys } from '../../../api/publishing';
import { ChangeList } from '../../../components/ChangeList';

/**
 * Issue 22 point 4: "a newer version exists" on the cohort overview, with what changed, and the
 * manager's move of all learners or only those not started (progress carried by lineage).
 */
export function NewerVersionNotice({ cohortId }: { cohortId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const status = useQuery({ queryKey: publishingKeys.cohortStatus(cohortId), queryFn: () => fetchCohortVersionStatus(cohortId) });
  const move = useMutation({
    mutationFn: (learners: 'all' | 'not-started') => migrateCohort(cohortId, learners),
    onSuccess: async (result) => {
      setDone(t('authoring2.cohort.moved', { count: result.moved, version: result.courseVersion }));
      await queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
      await queryClient.invalidateQueries();
    },
  });
  if (!status.data?.newerVersionExists) return <StatusMessage message={done} />;
  const older = status.data.versions.filter((v) => status.data.publishedVersion !== null && v.version < status.data.publishedVersion);
  const active = older.reduce((n, v) => n + v.active, 0);
  const notStarted = older.reduce((n, v) => n + v.notStarted, 0);
  return (
    <section className="alert alert-info newer-version" aria-labelledby="newer-version-heading">
      <div>
        <h2 id="newer-version-heading">{t('authoring2.cohort.title', { version: status.data.publishedVersion })}</h2>
        <p>{t('authoring2.cohort.explain', { count: active, from: status.data.fromVersion, notStarted })}</p>
        <h3>{t('authoring2.cohort.changes')}</h3>
        <ChangeList changes={status.data.changes} />
        {move.error ? <ErrorMessage error={move.error} /> : null}
        <div className="form-actions">
          <button type="button" className="button" disabled={move.isPending} onClick={() => { move.mutate('all'); }}>
            {t('authoring2.cohort.moveAll', { count: active })}
          </button>
          <button type="button" className="button button-secondary" disabled={move.isPending || notStarted === 0} onClick={() => { move.mutate('not-started'); }}>
            {t('authoring2.cohort.moveNotStarted', { count: notStarted })}
          </button>
        </div>
        <p className="hint">{t('authoring2.cohort.carried')}</p>
        <StatusMessage message={done} />
      </div>
    </section>
  );
}
