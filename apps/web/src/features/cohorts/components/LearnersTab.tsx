import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { ProgressSort, ProgressStatusFilter } from '../../../api';
import type { TranslationKey } from '../../../components/form';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { useFormat } from '../../../i18n/format';
import { formText } from '../../../lib/storage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { StatusBadge } from '../../../components/StatusBadge';
import { cohortKeys, fetchProgress } from '../../../api/cohorts';
import { useCohort } from '../../../lib/useOrganization';
import { BulkActions } from './BulkActions';
import { PeopleExport } from './PeopleExport';
import { RowActions } from './RowActions';

const SORT_LABELS: Record<ProgressSort, TranslationKey> = {
  name: 'manage.table.name',
  status: 'manage.table.status',
  progress: 'manage.table.progress',
  score: 'manage.table.bestFinalScore',
  lastActivity: 'manage.table.lastActivity',
};
const SORTABLE = Object.keys(SORT_LABELS) as ProgressSort[];
const STATUSES: ProgressStatusFilter[] = ['active', 'overdue', 'completed', 'withdrawn'];
const PAGE_SIZES = [25, 50, 100];

/** Per-learner progress: sorting, filtering and pages are done by the server; state lives in the URL. */
export function LearnersTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '', cohortId = '' } = useParams();
  const { cohort } = useCohort(orgId, cohortId);
  usePageTitle(t('manage.dashboard.learnersTitle', { name: cohort?.name ?? '' }));
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort');
  const sort: ProgressSort = SORTABLE.find((k) => k === sortParam) ?? 'name';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.find((s) => s === Number(params.get('pageSize'))) ?? 25;
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const query = { page, pageSize, sort, order, q: q || undefined, status: status || undefined };
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [open, setOpen] = useState<string | null>(null);
  const [status_, setStatus] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['cohort', cohortId] });
  const progress = useQuery({
    queryKey: cohortKeys.progress(cohortId, query),
    queryFn: () => fetchProgress(cohortId, query),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | number | null>) => { setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    ); };

  const total = progress.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total ? (page - 1) * pageSize + 1 : 0;
  const last = Math.min(total, page * pageSize);
  const sortLabel = (key: ProgressSort) => t(SORT_LABELS[key]);

  const header = (key: ProgressSort, numeric = false) => (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sort === key ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" onClick={() => { update({ sort: key, order: sort === key && order === 'asc' ? 'desc' : 'asc', page: 1 }); }}>
        {sortLabel(key)}
        <span aria-hidden="true">{sort === key ? (order === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </button>
    </th>
  );

  return (
    <section aria-labelledby="learners-heading">
      <h2 id="learners-heading">{t('manage.dashboard.learners')}</h2>
      <form
        className="toolbar"
        role="search"
        aria-label={t('manage.table.filter')}
        onSubmit={(e) => {
          e.preventDefault();
          const data = new FormData(e.currentTarget);
          update({ q: formText(data, 'q'), status: formText(data, 'status'), page: 1 });
        }}
      >
        <div className="field">
          <label htmlFor="learners-q">{t('office3.table.search')}</label>
          <input id="learners-q" name="q" type="search" defaultValue={q} key={`q-${q}`} />
        </div>
        <div className="field">
          <label htmlFor="learners-status">{t('manage.table.status')}</label>
          <select id="learners-status" name="status" defaultValue={status} key={`s-${status}`}>
            <option value="">{t('manage.table.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'overdue' ? t('manage.summary.overdue') : t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('manage.table.apply')}
        </button>
      </form>

      <p aria-live="polite" className="hint">
        {progress.data
          ? t('manage.table.showing', { first: fmt.number(first), last: fmt.number(last), total: fmt.number(total), sort: sortLabel(sort), order: order === 'asc' ? t('manage.table.ascending') : t('manage.table.descending') })
          : ''}
      </p>
      {progress.isPending ? <Loading /> : null}
      {progress.isError ? <ErrorMessage error={progress.error} onRetry={() => void progress.refetch()} /> : null}
      {progress.data ? (
        <BulkActions
          cohortId={cohortId}
          selected={[...selected]}
          filter={{ q: query.q, status: query.status }}
          total={total}
          onDone={(message) => {
            setStatus(message);
            setSelected(new Set());
            refresh();
          }}
        />
      ) : null}
      <div aria-live="polite" aria-atomic="true" className="live">
        {status_ ? <p className="status-line status-pass">{status_}</p> : null}
      </div>
      {progress.data ? (
        <div className="table-wrap learners-table" aria-busy={progress.isFetching}>
          <table className="data">
            <caption className="visually-hidden">{t('manage.dashboard.learners')}</caption>
            <thead>
              <tr>
                <th scope="col" className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={t('office1.bulk.selectPage')}
                    checked={progress.data.rows.length > 0 && progress.data.rows.every((r) => selected.has(r.enrolmentId))}
                    onChange={(e) => {
                      const rows = progress.data.rows.map((r) => r.enrolmentId);
                      setSelected((prev) => {
                        const next = new Set(prev);
                        for (const id of rows) {
                          if (e.target.checked) next.add(id);
                          else next.delete(id);
                        }
                        return next;
                      });
                    }}
                  />
                </th>
                {header('name')}
                {header('status')}
                {header('progress', true)}
                {header('score', true)}
                {header('lastActivity')}
                <th scope="col">{t('office1.actions.column')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.data.rows.length ? (
                progress.data.rows.map((row) => (
                  <Fragment key={row.enrolmentId}>
                    <tr>
                      <td className="select-cell">
                        <input
                          type="checkbox"
                          aria-label={t('office1.bulk.selectRow', { name: row.name })}
                          checked={selected.has(row.enrolmentId)}
                          onChange={(e) => {
                            setSelected((prev) => {
                              const next = new Set(prev);
                              if (e.target.checked) next.add(row.enrolmentId);
                              else next.delete(row.enrolmentId);
                              return next;
                            });
                          }}
                        />
                      </td>
                      <th scope="row">
                        {row.name}
                        <span className="block hint">{row.email ?? '–'}</span>
                        {/* Under the name, not a column of its own: the table fits 1280 px without a sideways scroll. */}
                        {row.employeeNumber || row.unit ? (
                          <span className="block hint">
                            {[
                              row.employeeNumber ? t('office3.person.employeeNumber', { number: row.employeeNumber }) : null,
                              row.unit ? t('office3.person.unit', { unit: row.unit }) : null,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </span>
                        ) : null}
                        {row.round > 1 ? <span className="block hint">{t('office3.table.round', { round: row.round })}</span> : null}
                      </th>
                      <td>
                        <StatusBadge status={row.status} />
                        {row.overdue ? <span className="overdue block">{t('home.overdue')}</span> : null}
                      </td>
                      <td className="num">{fmt.percent(row.progressPercent)}</td>
                      <td className="num">{fmt.percent(row.bestFinalScore)}</td>
                      <td>{fmt.dateTime(row.lastActivityAt)}</td>
                      <td>
                        <RowActions
                          cohortId={cohortId}
                          row={row}
                          expanded={open === row.enrolmentId}
                          onToggle={() => { setOpen((o) => (o === row.enrolmentId ? null : row.enrolmentId)); }}
                          onDone={(message) => {
                            setStatus(message);
                            refresh();
                          }}
                        />
                      </td>
                    </tr>
                    {open === row.enrolmentId ? (
                      <tr className="details-row">
                        <td colSpan={7} id={`progress-${row.enrolmentId}`}>
                          <h3 className="visually-hidden">{t('office1.actions.details', { name: row.name })}</h3>
                          <dl className="stats stats-compact">
                            <div className="stat">
                              <dt>{t('office1.actions.lessons')}</dt>
                              <dd>
                                {fmt.number(row.lessonsCompleted)} / {fmt.number(row.lessonsTotal)}
                              </dd>
                            </div>
                            <div className="stat">
                              <dt>{t('office1.actions.minutes')}</dt>
                              <dd>
                                {fmt.number(row.minutes)}
                                {row.minutesRequired !== null ? ` / ${fmt.number(row.minutesRequired)}` : ''}
                              </dd>
                            </div>
                            <div className="stat">
                              <dt>{t('office1.actions.completedAt')}</dt>
                              <dd>{fmt.date(row.completedAt)}</dd>
                            </div>
                            <div className="stat">
                              <dt>{t('office1.actions.certificate')}</dt>
                              <dd>{row.certificateNumber ?? '–'}</dd>
                            </div>
                          </dl>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))
              ) : (
                <tr>
                  <td colSpan={7}>{t('manage.table.noRows')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      ) : null}
      <nav aria-label={t('manage.table.pagination')} className="pagination">
        <button type="button" className="button button-secondary" disabled={page <= 1} onClick={() => { update({ page: page - 1 }); }}>
          {t('manage.table.previousPage')}
        </button>
        <span>{t('manage.table.pageOf', { page: fmt.number(page), pages: fmt.number(pages) })}</span>
        <button type="button" className="button button-secondary" disabled={page >= pages} onClick={() => { update({ page: page + 1 }); }}>
          {t('manage.table.nextPage')}
        </button>
        <label htmlFor="learners-page-size">{t('manage.table.pageSize')}</label>
        <select id="learners-page-size" className="auto" value={pageSize} onChange={(e) => { update({ pageSize: e.target.value, page: 1 }); }}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </nav>
      <h3>{t('office1.export.title')}</h3>
      <p className="hint">
        {t('manage.export.hint')} {t('office1.export.hint')}
      </p>
      <PeopleExport cohortId={cohortId} query={{ sort, order, q: query.q, status: query.status }} />
    </section>
  );
}
