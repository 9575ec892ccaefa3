import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { rolesOf, useMe } from '../../../lib/useSession';
import { useOrganizations } from '../../../lib/useOrganization';

/** The organisations the user manages (every one for a platform admin). */
export function OrganizationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('manage.orgs.title'));
  const me = useMe();
  const roles = rolesOf(me.data);
  const orgs = useOrganizations();
  const managed = new Set(roles.managed.map((m) => m.organizationId));
  const list = (orgs.data ?? []).filter((o) => roles.isAdmin || managed.has(o.id));

  return (
    <div className="page">
      <PageHeading>{t('manage.orgs.title')}</PageHeading>
      {orgs.isPending ? <Loading /> : null}
      {orgs.isError ? <ErrorMessage error={orgs.error} onRetry={() => void orgs.refetch()} /> : null}
      {orgs.data && !list.length ? <p className="empty">{t('manage.orgs.empty')}</p> : null}
      <ul className="card-list">
        {list.map((org) => (
          <li key={org.id} className="card">
            <h2>{org.name}</h2>
            <p className="meta">{t(`manage.kinds.${org.kind}`)}</p>
            <ul className="card-actions plain-list">
              <li>
                <Link className="button button-small" to={`organizations/${org.id}`}>
                  {t('manage.orgs.cohorts')}
                  <span className="visually-hidden"> – {org.name}</span>
                </Link>
              </li>
              <li>
                <Link className="button button-secondary button-small" to={`organizations/${org.id}/certificates`}>
                  {t('manage.orgs.certificates')}
                  <span className="visually-hidden"> – {org.name}</span>
                </Link>
              </li>
              <li>
                <Link className="button button-secondary button-small" to={`organizations/${org.id}/audit`}>
                  {t('manage.orgs.audit')}
                  <span className="visually-hidden"> – {org.name}</span>
                </Link>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
