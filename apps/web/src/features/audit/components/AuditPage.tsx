import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { formText } from '../../../lib/storage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { OrgHeader } from '../../../components/OrgTabs';
import { useOrganizationName } from '../../../lib/useOrganization';
import { AUDIT_PAGE_SIZE, AUDIT_TYPES, auditKey, downloadAuditCsv, fetchAuditEvents, fetchAuditPeople, type AuditFilter } from '../api/audit';

/** Who did what and when in the organisation, newest first, as sentences; filtered by person, type and dates; exported as CSV. */
export function AuditPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const filter: AuditFilter = {
    person: params.get('person') ?? '',
    type: params.get('type') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const name = useOrganizationName(orgId);
  const title = t('manage.audit.title', { name });
  usePageTitle(title);
  const people = useQuery({ queryKey: ['audit-people', orgId], queryFn: () => fetchAuditPeople(orgId) });
  const events = useInfiniteQuery({
    queryKey: auditKey(orgId, filter),
    queryFn: ({ pageParam }) => fetchAuditEvents(orgId, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < AUDIT_PAGE_SIZE ? undefined : last[last.length - 1]?.id),
  });
  const exportCsv = useMutation({ mutationFn: () => downloadAuditCsv(orgId, filter) });
  const rows = events.data?.pages.flat();
  const filtered = Object.values(filter).some(Boolean);

  return (
    <div className="page page-wide">
      <OrgHeader orgId={orgId} current={t('manage.orgs.audit')} />
      <PageHeading>{title}</PageHeading>
      <form
        className="toolbar"
        aria-label={t('office2.audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          const next: Record<string, string> = {};
          for (const key of ['person', 'type', 'from', 'to'] as const) {
            const value = formText(data, key);
            if (value) next[key] = value;
          }
          setParams(next, { replace: true });
        }}
      >
        <div className="field">
          <label htmlFor="audit-person">{t('office2.audit.person')}</label>
          <select id="audit-person" name="person" defaultValue={filter.person} key={`p${filter.person}${people.data?.length ?? 0}`}>
            <option value="">{t('office2.audit.anyone')}</option>
            {(people.data ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-type">{t('office2.audit.type')}</label>
          <select id="audit-type" name="type" defaultValue={filter.type} key={`t${filter.type}`}>
            <option value="">{t('office2.audit.anyType')}</option>
            {AUDIT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`office2.audit.types.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t('office2.audit.from')}</label>
          <input id="audit-from" name="from" type="date" defaultValue={filter.from} key={`f${filter.from}`} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t('office2.audit.to')}</label>
          <input id="audit-to" name="to" type="date" defaultValue={filter.to} key={`u${filter.to}`} />
        </div>
        <button type="submit" className="button">
          {t('office2.audit.apply')}
        </button>
        {filtered ? (
          <button type="button" className="button button-secondary" onClick={() => { setParams({}, { replace: true }); }}>
            {t('office2.audit.clear')}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" disabled={exportCsv.isPending} onClick={() => { exportCsv.mutate(); }}>
          {t('office2.audit.exportCsv')}
        </button>
      </form>
      {exportCsv.error ? <ErrorMessage error={exportCsv.error} /> : null}
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
                  <th scope="col">{t('office2.audit.what')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.at}>{fmt.dateTime(e.at)}</time>
                    </td>
                    <td>{e.sentence}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{filtered ? t('office2.audit.noneFiltered') : t('manage.audit.empty')}</p>
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
