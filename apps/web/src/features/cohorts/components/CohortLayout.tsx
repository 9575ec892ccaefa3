import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useParams } from 'react-router';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageHeading } from '../../../components/PageHeading';
import { TabNav } from '../../../components/TabNav';
import { useFormat } from '../../../i18n/format';
import { NotFoundPage } from '../../../components/NotFoundPage';
import { useCohort, useOrganizationName, useOrganizations } from '../../../lib/useOrganization';
import { EnrolTab } from './EnrolTab';
import { LearnersTab } from './LearnersTab';
import { OverviewTab } from './OverviewTab';
import { PupilsTab } from './PupilsTab';
import { RemindersTab } from './RemindersTab';

/**
 * The cohort dashboard: heading, its sections as tabs, the section's page. The impact tab belongs to
 * features/impact; the composition root (app/ManageRoutes) passes it in, so the two features do not
 * import each other.
 */
export function CohortLayout({ impactTab }: { impactTab: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '', cohortId = '' } = useParams();
  const orgName = useOrganizationName(orgId);
  const { cohort, error } = useCohort(orgId, cohortId);
  const base = `/manage/organizations/${orgId}/cohorts/${cohortId}`;
  const name = cohort?.name ?? t('manage.dashboard.cohort');
  // Pupils (accounts without e-mail, sign-in codes) belong to schools: a hospital's cohorts do not offer them.
  const kind = useOrganizations().data?.find((o) => o.id === orgId)?.kind;
  const pupils = kind === 'school' || cohort?.audience === 'students';

  return (
    <div className="page page-wide">
      <Breadcrumbs
        items={[
          { label: t('manage.orgs.title'), to: '/manage' },
          { label: orgName || t('manage.orgs.organization'), to: `/manage/organizations/${orgId}` },
          { label: name },
        ]}
      />
      <PageHeading>{name}</PageHeading>
      {error ? <ErrorMessage error={error} /> : null}
      {cohort ? (
        <p className="meta">
          {cohort.courseTitle ? <span>{cohort.courseTitle}</span> : null}
          <span>{t(`manage.audiences.${cohort.audience}`)}</span>
          {cohort.dueOn ? <span>{t('home.due', { date: fmt.date(cohort.dueOn) })}</span> : null}
        </p>
      ) : null}
      <TabNav
        label={t('manage.dashboard.sections')}
        items={[
          { to: base, label: t('manage.dashboard.overview'), end: true },
          { to: `${base}/learners`, label: t('manage.dashboard.learners') },
          { to: `${base}/enrol`, label: t('manage.dashboard.enrol') },
          { to: `${base}/reminders`, label: t('office.reminders.tab') },
          ...(pupils ? [{ to: `${base}/pupils`, label: t('manage.dashboard.pupils') }] : []),
          { to: `${base}/impact`, label: t('manage.dashboard.impact') },
        ]}
      />
      <Routes>
        <Route index element={<OverviewTab />} />
        <Route path="learners" element={<LearnersTab />} />
        <Route path="enrol" element={<EnrolTab />} />
        <Route path="reminders" element={<RemindersTab />} />
        <Route path="pupils" element={<PupilsTab />} />
        <Route path="impact" element={impactTab} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
