import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { Icon } from '../../../components/Icon';
import { isApiError } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { archiveCourse, authoringKeys, deleteCourse, fetchCourse, fetchVersions, publishCourse, updateCourse } from '../api/authoring';
import { CourseForm } from './CourseForm';
import { CourseStatusBadge } from './CourseStatusBadge';
import { CourseStructure } from './CourseStructure';
import { EditionsPanel } from './EditionsPanel';
import { PublishReview, VersionLine } from './PublishReview';
import { SelfAssessmentPicker } from './SelfAssessmentPicker';

function Versions({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const versions = useQuery({ queryKey: authoringKeys.versions(courseId), queryFn: () => fetchVersions(courseId) });
  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorMessage error={versions.error} />;
  if (!versions.data.length) return <p className="hint">{t('authoring.versions.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="data">
        <caption className="visually-hidden">{t('authoring.versions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('authoring.list.version')}</th>
            <th scope="col">{t('authoring.list.status')}</th>
            <th scope="col">{t('authoring.versions.published')}</th>
            <th scope="col" className="num">
              {t('authoring.versions.enrolments')}
            </th>
          </tr>
        </thead>
        <tbody>
          {versions.data.map((v) => (
            <tr key={v.version}>
              <th scope="row">{v.version}</th>
              <td>
                <CourseStatusBadge status={v.status} />
              </td>
              <td>{fmt.dateTime(v.publishedAt ?? null)}</td>
              <td className="num">{v.enrolments === undefined ? '–' : fmt.number(v.enrolments)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function CourseBuilderPage() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const course = useQuery({ queryKey: authoringKeys.course(courseId), queryFn: () => fetchCourse(courseId) });
  const [status, setStatus] = useState<string | null>(null);
  usePageTitle(course.data ? t('authoring.builder.title', { title: course.data.title }) : t('authoring.list.title'));

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
    await queryClient.invalidateQueries({ queryKey: authoringKeys.courses });
    await queryClient.invalidateQueries({ queryKey: authoringKeys.versions(courseId) });
  };
  const publish = useMutation({
    mutationFn: () => publishCourse(courseId),
    onSuccess: async (result) => {
      setStatus(t('authoring.publish.done', { version: result.version }));
      await refresh();
    },
  });
  const archive = useMutation({
    mutationFn: () => archiveCourse(courseId),
    onSuccess: async () => {
      setStatus(t('authoring.publish.archived'));
      await refresh();
    },
  });

  const remove = useMutation({
    mutationFn: () => deleteCourse(courseId),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: authoringKeys.course(courseId) });
      await queryClient.invalidateQueries({ queryKey: authoringKeys.courses });
      await navigate('/author');
    },
  });

  if (course.isPending) return <Loading />;
  if (course.isError) return <ErrorMessage error={course.error} onRetry={() => void course.refetch()} />;
  const data = course.data;

  return (
    <div className="page">
      <Breadcrumbs items={[{ label: t('authoring.list.title'), to: '/author' }, { label: data.title }]} />
      <div className="page-head">
        <PageHeading>{data.title}</PageHeading>
        {data.status ? <CourseStatusBadge status={data.status} /> : null}
      </div>
      <VersionLine courseId={courseId} />
      <p>
        <Link to={`/author/courses/${courseId}/preview`}>{t('authoring1.learnerPreview.link')}</Link>
        {' · '}
        <Link to={`/author/courses/${courseId}/question-bank`}>{t('bank.title')}</Link>
      </p>
      {data.status === 'published' ? (
        <div className="alert alert-info">
          <p>{t('authoring.builder.publishedNote')}</p>
        </div>
      ) : null}

      <section aria-labelledby="details-heading" className="section">
        <h2 id="details-heading">{t('authoring.builder.details')}</h2>
        <CourseForm
          key={`${data.id}-${data.version}`}
          course={data}
          submitLabel={t('common.save')}
          onSubmit={async (body) => {
            await updateCourse(courseId, body);
            await refresh();
          }}
        />
      </section>

      <section aria-labelledby="sa-heading" className="section">
        <h2 id="sa-heading">{t('authoring.selfAssessment.title')}</h2>
        <SelfAssessmentPicker course={data} />
      </section>

      <section aria-labelledby="editions-heading" className="section">
        <h2 id="editions-heading">{t('editions.title')}</h2>
        <EditionsPanel courseId={courseId} />
      </section>

      <section aria-labelledby="structure-heading" className="section">
        <h2 id="structure-heading">{t('authoring.structure.title')}</h2>
        <CourseStructure course={data} />
      </section>

      <section aria-labelledby="publish-heading" className="section">
        <h2 id="publish-heading">{t('authoring.publish.title')}</h2>
        <p>{t('authoring.publish.explain')}</p>
        {data.modules.flatMap((m) => m.lessons).some((l) => l.videoTextMissing) ? (
          <div className="alert alert-warning">
            <Icon name="warning" />
            <ul>
              {data.modules.flatMap((m) => m.lessons).filter((l) => l.videoTextMissing).map((l) => (
                <li key={l.id}>
                  <Link to={`/author/courses/${courseId}/lessons/${l.id}`}>{t('bank.videoTextMissing', { lesson: l.title })}</Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {isApiError(publish.error, 400) ? (
          <div className="alert alert-error" role="alert">
            <p>{t('authoring.publish.rejected', { details: publish.error.messages.join(' ') })}</p>
          </div>
        ) : publish.error ? (
          <ErrorMessage error={publish.error} />
        ) : null}
        {archive.error ? <ErrorMessage error={archive.error} /> : null}
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
        {data.status === 'archived' ? <p className="hint">{t('authoring1.course.archiveNote')}</p> : null}
        <div className="form-actions">
          <PublishReview courseId={courseId} disabled={publish.isPending || data.status === 'archived'} pending={publish.isPending} onConfirm={() => { publish.mutate(); }} />
          {data.status !== 'archived' ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={archive.isPending}
              onClick={() => {
                if (window.confirm(t('authoring.publish.archiveConfirm'))) archive.mutate();
              }}
            >
              {t('authoring.publish.archive')}
            </button>
          ) : null}
          {data.status === 'draft' ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={remove.isPending}
              onClick={() => {
                if (window.confirm(t('authoring1.course.confirm'))) remove.mutate();
              }}
            >
              {t('authoring1.course.delete')}
            </button>
          ) : null}
        </div>
        <StatusMessage message={status} />
      </section>

      <section aria-labelledby="versions-heading" className="section">
        <h2 id="versions-heading">{t('authoring.versions.title')}</h2>
        <Versions courseId={courseId} />
      </section>
    </div>
  );
}
