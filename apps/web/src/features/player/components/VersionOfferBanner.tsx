import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { acceptVersion, fetchVersionOffer, publishingKeys } from '../../../api/publishing';
import { ChangeList } from '../../../components/ChangeList';

/**
 * Issue 22 point 4: a self-enrolled learner is offered the course's newer version on their next
 * visit. Nothing moves until they accept, and not while a quiz attempt is open.
 */
export function VersionOfferBanner({ enrolmentId }: { enrolmentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const offer = useQuery({ queryKey: publishingKeys.offer(enrolmentId), queryFn: () => fetchVersionOffer(enrolmentId) });
  const accept = useMutation({
    mutationFn: () => acceptVersion(enrolmentId),
    onSuccess: async () => { await queryClient.invalidateQueries(); },
  });
  if (!offer.data?.offered) return null;
  return (
    <section className="alert alert-info version-offer" aria-labelledby="version-offer-heading">
      <div>
        <h2 id="version-offer-heading">{t('authoring2.offer.title', { version: offer.data.newVersion })}</h2>
        <p>{t('authoring2.offer.explain')}</p>
        <details>
          <summary>{t('authoring2.offer.whatChanged')}</summary>
          <ChangeList changes={offer.data.changes} />
        </details>
        {offer.data.quizInProgress ? <p>{t('authoring2.offer.finishQuiz')}</p> : null}
        {accept.error ? <ErrorMessage error={accept.error} /> : null}
        <div className="form-actions">
          <button type="button" className="button" disabled={accept.isPending || offer.data.quizInProgress} onClick={() => { accept.mutate(); }}>
            {t('authoring2.offer.accept', { version: offer.data.newVersion })}
          </button>
        </div>
      </div>
    </section>
  );
}
