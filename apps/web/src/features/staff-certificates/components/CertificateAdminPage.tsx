import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { useFormat } from '../../../i18n/format';
import { formText } from '../../../lib/storage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { OrgHeader } from '../../../components/OrgTabs';
import { useOrganizationName } from '../../../lib/useOrganization';
import { CERTIFICATES_PAGE_SIZE, orgCertificatesKey, searchCertificates } from '../api/certificates';
import { CertificateActionForm, type CertificateAction } from './CertificateActionForm';
import { NameRequestsPanel } from './NameRequestsPanel';
import { ExpiryPanel } from './ExpiryPanel';

/**
 * Approve or reject learners' certificate-name changes; find a certificate by number or holder;
 * revoke it, or re-issue it with the holder's approved name.
 */
export function CertificateAdminPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '' } = useParams();
  const orgName = useOrganizationName(orgId);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [action, setAction] = useState<{ kind: CertificateAction; id: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const title = t('manage.certificates.title', { name: orgName });
  usePageTitle(title);
  const results = useQuery({
    queryKey: orgCertificatesKey(orgId, q, page),
    queryFn: () => searchCertificates(orgId, q, page),
    placeholderData: keepPreviousData,
  });
  const pages = results.data ? Math.max(1, Math.ceil(results.data.total / CERTIFICATES_PAGE_SIZE)) : 1;
  const goTo = (next: { q?: string; page?: number }) => {
    setAction(null);
    const nextQ = next.q ?? q;
    const nextPage = next.page ?? 1;
    setParams({ ...(nextQ ? { q: nextQ } : {}), ...(nextPage > 1 ? { page: String(nextPage) } : {}) }, { replace: true });
  };

  return (
    <div className="page page-wide">
      <OrgHeader orgId={orgId} current={t('manage.orgs.certificates')} />
      <PageHeading>{title}</PageHeading>
      <NameRequestsPanel orgId={orgId} onStatus={setStatus} />
      <ExpiryPanel orgId={orgId} />
      <form
        className="toolbar"
        role="search"
        aria-label={t('manage.certificates.search')}
        onSubmit={(e) => {
          e.preventDefault();
          goTo({ q: formText(new FormData(e.currentTarget), 'q'), page: 1 });
        }}
      >
        <div className="field">
          <label htmlFor="cert-q">{t('manage.certificates.search')}</label>
          <input id="cert-q" name="q" type="search" defaultValue={q} key={q} aria-describedby="cert-q-hint" />
          <p className="hint" id="cert-q-hint">
            {t('manage.certificates.searchHint')}
          </p>
        </div>
        <button type="submit" className="button">
          {t('manage.certificates.find')}
        </button>
      </form>
      <StatusMessage message={status} />
      {results.isPending ? <Loading /> : null}
      {results.isError ? <ErrorMessage error={results.error} onRetry={() => void results.refetch()} /> : null}
      {results.data ? (
        results.data.items.length ? (
          <div className="table-wrap" aria-busy={results.isFetching}>
            <table className="data">
              <caption>{t('manage.certificates.results', { count: results.data.total })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('certificates.number')}</th>
                  <th scope="col">{t('certificates.holder')}</th>
                  <th scope="col">{t('verify.course')}</th>
                  <th scope="col">{t('manage.table.status')}</th>
                  <th scope="col">{t('verify.issued')}</th>
                  <th scope="col">{t('manage.certificates.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {results.data.items.map((c) => {
                  const open = action?.id === c.id ? action.kind : null;
                  return (
                    <Fragment key={c.id}>
                      <tr>
                        <th scope="row">{c.number}</th>
                        <td>{c.holderName}</td>
                        <td>{c.courseTitle}</td>
                        <td>
                          <span className={c.status === 'revoked' ? 'badge badge-revoked' : 'badge badge-valid'}>
                            <Icon name={c.status === 'revoked' ? 'cross' : 'check'} size={16} />
                            {c.status === 'revoked' ? t('certificates.statusRevoked') : t('certificates.statusValid')}
                          </span>
                          {c.revokedAt ? (
                            <span className="hint block">
                              {fmt.date(c.revokedAt)}
                              {c.revocationReason ? ` – ${c.revocationReason}` : ''}
                            </span>
                          ) : null}
                        </td>
                        <td>{fmt.date(c.issuedAt)}</td>
                        <td>
                          {c.status === 'valid' ? (
                            <span className="card-actions">
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                aria-expanded={open === 'reissue'}
                                onClick={() => {
                                  setAction({ kind: 'reissue', id: c.id });
                                }}
                              >
                                {t('manage.certificates.reissue')}
                                <span className="visually-hidden"> {c.number}</span>
                              </button>
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                aria-expanded={open === 'revoke'}
                                onClick={() => {
                                  setAction({ kind: 'revoke', id: c.id });
                                }}
                              >
                                {t('manage.certificates.revoke')}
                                <span className="visually-hidden"> {c.number}</span>
                              </button>
                            </span>
                          ) : null}
                        </td>
                      </tr>
                      {open ? (
                        <tr>
                          <td colSpan={6}>
                            <CertificateActionForm
                              certificate={c}
                              kind={open}
                              onCancel={() => {
                                setAction(null);
                              }}
                              onDone={(message) => {
                                setAction(null);
                                setStatus(message);
                              }}
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('manage.certificates.none')}</p>
        )
      ) : null}
      {pages > 1 ? (
        <nav aria-label={t('manage.table.pagination')} className="pagination">
          <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => goTo({ page: page - 1 })}>
            {t('manage.table.previousPage')}
          </button>
          <span>{t('manage.table.pageOf', { page: fmt.number(page), pages: fmt.number(pages) })}</span>
          <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => goTo({ page: page + 1 })}>
            {t('manage.table.nextPage')}
          </button>
        </nav>
      ) : null}
    </div>
  );
}
