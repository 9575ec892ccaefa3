import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { usePageTitle } from '../../lib/usePageTitle';
import { useOrganizations } from '../../lib/useOrganization';
import { NotFoundPage } from '../../components/NotFoundPage';
import { MemberForm } from './components/MemberForm';
import { MembersPanel } from './components/MembersPanel';
import { OrganizationForm } from './components/OrganizationForm';
import { OrganizationPage } from './components/OrganizationPage';
import { PeoplePage } from './components/PeoplePage';
import { PersonPage } from './components/PersonPage';
import { countryName } from '../../lib/countries';
import { Link } from 'react-router';

function PlatformAdminPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('platform.title'));
  const orgs = useOrganizations();
  return (
    <div className="page">
      <PageHeading>{t('platform.title')}</PageHeading>
      <section aria-labelledby="queues-heading" className="card">
        <h2 id="queues-heading">{t('platform.queues.title')}</h2>
        <p>{t('platform.queues.intro')}</p>
        <a className="button button-secondary" href="/admin/queues">
          {t('platform.queues.open')}
        </a>
      </section>
      <section aria-labelledby="orgs-heading" className="section">
        <h2 id="orgs-heading">{t('platform.orgs.title')}</h2>
        {orgs.isPending ? <Loading /> : null}
        {orgs.isError ? <ErrorMessage error={orgs.error} onRetry={() => void orgs.refetch()} /> : null}
        {orgs.data?.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{t('platform.orgs.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('platform.orgs.name')}</th>
                  <th scope="col">{t('platform.orgs.kind')}</th>
                  <th scope="col">{t('platform.orgs.country')}</th>
                </tr>
              </thead>
              <tbody>
                {orgs.data.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/platform/organizations/${o.id}`}>{o.name}</Link>
                    </th>
                    <td>{t(`manage.kinds.${o.kind}`)}</td>
                    <td>{o.country ? countryName(o.country, i18n.language) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <div className="card">
          <h3>{t('platform.orgs.new')}</h3>
          <OrganizationForm />
        </div>
      </section>
      <section aria-labelledby="members-heading" className="section card">
        <h2 id="members-heading">{t('platform.members.title')}</h2>
        <p className="hint">{t('platform.members.intro')}</p>
        <MemberForm organizations={orgs.data ?? []} />
        <h3>{t('platform.members.listTitle')}</h3>
        <MembersPanel organizations={orgs.data ?? []} />
      </section>
      <section aria-labelledby="roles-heading" className="section card">
        <h2 id="roles-heading">{t('office2.people.title')}</h2>
        <p>{t('office2.people.intro')}</p>
        <Link className="button button-secondary" to="/platform/people">
          {t('office2.people.open')}
        </Link>
      </section>
    </div>
  );
}

/** Platform administration (admins): a lazily loaded chunk. */
export default function PlatformRoutes() {
  return (
    <Routes>
      <Route index element={<PlatformAdminPage />} />
      <Route path="people" element={<PeoplePage />} />
      <Route path="people/:personId" element={<PersonPage />} />
      <Route path="organizations/:orgId" element={<OrganizationPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
