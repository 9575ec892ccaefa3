import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys, createCourse } from '../api/authoring';
import { CourseForm } from './CourseForm';

export function CourseCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  usePageTitle(t('authoring.create.title'));
  return (
    <div className="page">
      <Breadcrumbs items={[{ label: t('authoring.list.title'), to: '/author' }, { label: t('authoring.create.title') }]} />
      <PageHeading>{t('authoring.create.title')}</PageHeading>
      <CourseForm
        submitLabel={t('authoring.create.submit')}
        onSubmit={async (body) => {
          const created = await createCourse(body);
          await queryClient.invalidateQueries({ queryKey: authoringKeys.courses });
          await navigate(`/author/courses/${created.id}`);
        }}
      />
    </div>
  );
}
