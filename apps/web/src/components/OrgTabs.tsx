import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from './Breadcrumbs';
import { TabNav } from './TabNav';
import { useOrganizationName } from '../lib/useOrganization';

/** Breadcrumbs and the organisation's sections (cohorts, certificates, audit log). */
export function OrgHeader({ orgId, current }: { orgId: string; current: string }) {
  const { t } = useTranslation();
  const name = useOrganizationName(orgId);
  const base = `/manage/organizations/${orgId}`;
  return (
    <>
      <Breadcrumbs items={[{ label: t('manage.orgs.title'), to: '/manage' }, { label: name || t('manage.orgs.organization'), to: base }, { label: current }]} />
      <TabNav
        label={t('manage.orgs.sections', { name })}
        items={[
          { to: base, label: t('manage.orgs.cohorts'), end: true },
          { to: `${base}/certificates`, label: t('manage.orgs.certificates') },
          { to: `${base}/audit`, label: t('manage.orgs.audit') },
          { to: `${base}/sso`, label: t('sso.settings.tab') },
          { to: `${base}/branding`, label: t('branding.tab') },
        ]}
      />
    </>
  );
}
