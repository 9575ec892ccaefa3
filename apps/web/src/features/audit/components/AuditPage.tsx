import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { OrgHeader } from '../../../components/OrgTabs';
import { useOrganizationName } from '../../../lib/useOrganization';
import { AUDIT_PAGE_SIZE, auditKey, fetchAuditEvents } from '../api/audit';

/** Who did what and when in the organisation, newest first. */
export function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '' } = useParams();
  const name = useOrganizationName(orgId);
  const title = t('manage.audit.title', { name });
  usePageTitle(title);
  const events = useInfiniteQuery({
    queryKey: auditKey(orgId),
    queryFn: ({ pageParam }) => fetchAuditEvents(orgId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE_SIZE ? undefined : last[last.length - 1]?.id),
  });
  const rows = events.data?.pages.flat();

  return (
    <div className="page page-wide">
      <OrgHeader orgId={orgId} current={t('manage.orgs.audit')} />
      <PageHeading>{title}</PageHeading>
      {events.isPending ? <Loading /> : null}
      {events.isError ? <ErrorMessage error={events.error} onRetry={() => void events.refetch()} /> : null}
      {rows ? (
        rows.length ? (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('manage.audit.when')}</th>
                  <th scope="col">{t('manage.audit.action')}</th>
                  <th scope="col">{t('manage.audit.subject')}</th>
                  <th scope="col">{t('manage.audit.actor')}</th>
                  <th scope="col">{t('manage.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
                    </td>
                    <th scope="row">
                      {t(`languages2.audit.action.${e.action.replace(/\./g, '_')}` as never, { defaultValue: e.action })}
                      <code className="block">{e.action}</code>
                    </th>
                    <td>
                      {t(`languages2.audit.subject.${e.subjectType}` as never, { defaultValue: e.subjectType })}
                      {e.subjectId ? <code className="hash block">{e.subjectId}</code> : null}
                    </td>
                    <td>{e.actorId ? <code className="hash">{e.actorId}</code> : t('manage.audit.system')}</td>
                    <td>{e.data === null || e.data === undefined ? '–' : <pre className="data">{JSON.stringify(e.data, null, 1)}</pre>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t('manage.audit.empty')}</p>
        )
      ) : null}
      {events.hasNextPage ? (
        <button type="button" className="button button-secondary" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {t('manage.audit.more')}
        </button>
      ) : null}
    </div>
  );
}
