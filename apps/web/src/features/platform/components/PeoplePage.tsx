import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { formText } from '../../../lib/storage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { PEOPLE_PAGE_SIZE, peopleKeys, searchPeople } from '../api/people';

/** The platform admin's directory: people by name or e-mail, page by page (issue 18 point 6). */
export function PeoplePage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  usePageTitle(t('office2.people.title'));
  const results = useQuery({ queryKey: peopleKeys.search(q, page), queryFn: () => searchPeople(q, page), placeholderData: keepPreviousData });
  const pages = results.data ? Math.max(1, Math.ceil(results.data.total / PEOPLE_PAGE_SIZE)) : 1;
  const goTo = (next: { q?: string; page?: number }) => {
    const nextQ = next.q ?? q;
    const nextPage = next.page ?? 1;
    setParams({ ...(nextQ ? { q: nextQ } : {}), ...(nextPage > 1 ? { page: String(nextPage) } : {}) }, { replace: true });
  };
  return (
    <div className="page page-wide">
      <Breadcrumbs items={[{ label: t('platform.title'), to: '/platform' }, { label: t('office2.people.title') }]} />
      <PageHeading>{t('office2.people.title')}</PageHeading>
      <form
        className="toolbar"
        role="search"
        aria-label={t('office2.people.search')}
        onSubmit={(e) => {
          e.preventDefault();
          goTo({ q: formText(new FormData(e.currentTarget), 'q'), page: 1 });
        }}
      >
        <div className="field">
          <label htmlFor="people-q">{t('office2.people.search')}</label>
          <input id="people-q" name="q" type="search" defaultValue={q} key={q} aria-describedby="people-q-hint" spellCheck={false} />
          <p className="hint" id="people-q-hint">
            {t('office2.people.searchHint')}
          </p>
        </div>
        <button type="submit" className="button">
          {t('office2.people.find')}
        </button>
      </form>
      {results.isPending ? <Loading /> : null}
      {results.isError ? <ErrorMessage error={results.error} onRetry={() => void results.refetch()} /> : null}
      {results.data ? (
        results.data.items.length ? (
          <div className="table-wrap" aria-busy={results.isFetching}>
            <table className="data">
              <caption>{t('office2.people.results', { count: results.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('office2.people.name')}</th>
                  <th scope="col">{t('office2.people.email')}</th>
                  <th scope="col">{t('office2.people.platformRoles')}</th>
                  <th scope="col">{t('office2.people.organizations')}</th>
                </tr>
              </thead>
              <tbody>
                {results.data.items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/platform/people/${p.id}`}>{p.erasedAt ? t('office2.people.erasedPerson') : p.name}</Link>
                    </th>
                    <td>{p.email ?? p.username ?? '–'}</td>
                    <td>{p.platformRoles.length ? p.platformRoles.map((r) => t(`office2.roles.${r}`)).join(', ') : '–'}</td>
                    <td>{fmt.number(p.organizations)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('office2.people.none')}</p>
        )
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t('manage.table.pagination')} className="pagination">
          <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => { goTo({ page: page - 1 }); }}>
            {t('manage.table.previousPage')}
          </button>
          <span>{t('manage.table.pageOf', { page: fmt.number(page), pages: fmt.number(pages) })}</span>
          <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => { goTo({ page: page + 1 }); }}>
            {t('manage.table.nextPage')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
