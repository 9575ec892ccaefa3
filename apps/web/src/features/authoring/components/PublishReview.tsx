import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { authoringKeys, fetchVersions } from '../api/authoring';
import { fetchChanges, publishingKeys } from '../../../api/publishing';
import { ChangeList } from '../../../components/ChangeList';

/** What is live and what is a draft, from the same data as the versions table. */
export function VersionLine({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const versions = useQuery({ queryKey: authoringKeys.versions(courseId), queryFn: () => fetchVersions(courseId) });
  if (!versions.data) return null;
  const live = versions.data.find((v) => v.status === 'published');
  const draft = versions.data.find((v) => v.status === 'draft');
  return (
    <p className="meta version-line">
      {live ? t('authoring2.publish.live', { version: live.version }) : t('authoring2.publish.neverPublished')}
      {draft ? ` · ${t('authoring2.publish.draft', { version: draft.version })}` : ''}
    </p>
  );
}

/**
 * "Publish…": shows what publishing changes since the live version and asks to confirm. The
 * confirm button names the version it makes live.
 */
export function PublishReview({ courseId, disabled, pending, onConfirm }: { courseId: string; disabled: boolean; pending: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const changes = useQuery({ queryKey: publishingKeys.changes(courseId), queryFn: () => fetchChanges(courseId), enabled: open });
  useEffect(() => { if (open && changes.data) heading.current?.focus(); }, [open, changes.data]);
  if (!open) {
    return (
      <button type="button" className="button" disabled={disabled} onClick={() => { setOpen(true); }}>
        {t('authoring2.publish.review')}
      </button>
    );
  }
  return (
    <section className="publish-review" aria-labelledby="publish-review-heading">
      <h3 id="publish-review-heading" ref={heading} tabIndex={-1}>
        {changes.data?.fromVersion
          ? t('authoring2.publish.changesSince', { from: changes.data.fromVersion, to: changes.data.toVersion })
          : t('authoring2.publish.firstPublication')}
      </h3>
      {changes.isPending ? <Loading /> : changes.isError ? <ErrorMessage error={changes.error} /> : <ChangeList changes={changes.data.changes} />}
      {changes.data?.changes.some((c) => c.affectsGrading && c.change === 'edited') ? <p className="hint">{t('authoring2.publish.gradingHint')}</p> : null}
      <p className="hint">{t('authoring2.publish.learnersKeep')}</p>
      <div className="form-actions">
        <button type="button" className="button" disabled={pending || !changes.data} onClick={() => { onConfirm(); setOpen(false); }}>
          {t('authoring2.publish.confirm', { version: changes.data?.toVersion ?? '' })}
        </button>
        <button type="button" className="button button-secondary" onClick={() => { setOpen(false); }}>
          {t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
