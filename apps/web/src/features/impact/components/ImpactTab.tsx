import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError, type ImpactScale } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { currentLocale } from '../../../i18n';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { useCohort } from '../../../lib/useOrganization';
import { answerRange, downloadImpactExport, fetchImpact, fetchInstrument, impactKey, instrumentKey } from '../api/impact';
import { ImpactChart } from './ImpactChart';

function meansRange(scales: ImpactScale[], given: { min: number; max: number } | null): { min: number; max: number } {
  if (given) return given;
  const values = scales.flatMap((s) => [s.preMean, s.postMean]).filter((v): v is number => v !== null);
  if (!values.length) return { min: 1, max: 5 };
  return { min: Math.min(1, Math.floor(Math.min(...values))), max: Math.max(5, Math.ceil(Math.max(...values))) };
}

/** Pre/post change per scale with honest statistics: pairs, means, 95% CI, effect size, suppression. */
export function ImpactTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { orgId = '', cohortId = '' } = useParams();
  const { cohort } = useCohort(orgId, cohortId);
  usePageTitle(t('impact.pageTitle', { name: cohort?.name ?? '' }));
  const locale = currentLocale();
  const impact = useQuery({ queryKey: [...impactKey(cohortId), locale], queryFn: () => fetchImpact(cohortId, locale) });
  const exporter = useMutation({ mutationFn: () => downloadImpactExport(cohortId) });
  const instrumentId = impact.data?.instrumentId ?? '';
  const instrument = useQuery({
    queryKey: instrumentKey(instrumentId),
    queryFn: () => fetchInstrument(instrumentId),
    enabled: instrumentId !== '',
    staleTime: Infinity,
  });

  if (impact.isPending) return <Loading />;
  if (isApiError(impact.error, 404)) return <p className="empty">{t('impact.noInstrument')}</p>;
  if (impact.isError) return <ErrorMessage error={impact.error} onRetry={() => void impact.refetch()} />;
  const data = impact.data;
  const withheld = data.scales.filter((s) => s.suppressed || s.withheld !== undefined);
  const range = meansRange(data.scales, answerRange(instrument.data?.definition));

  return (
    <section aria-labelledby="impact-heading">
      <h2 id="impact-heading">{t('impact.title')}</h2>
      <p>{t('impact.intro')}</p>
      <dl className="facts">
        {data.instrument ? (
          <div>
            <dt>{t('impact.instrument')}</dt>
            <dd>
              {data.instrument.title} (v{data.instrument.version})
            </dd>
          </div>
        ) : null}
        {data.respondents !== undefined ? (
          <div>
            <dt>{t('impact.respondents')}</dt>
            <dd>{fmt.number(data.respondents)}</dd>
          </div>
        ) : null}
      </dl>
      {data.disclaimer ? (
        <p className="disclaimer" lang={data.locale}>
          <Icon name="info" />
          <span>{data.disclaimer}</span>
        </p>
      ) : null}
      {withheld.length ? (
        <div className="alert alert-warning" role="note">
          <Icon name="info" />
          <div>
            <p>{t('impact.suppressionNotice')}</p>
            <ul>
              {withheld.map((s) => (
                <li key={s.key}>
                  <strong>{s.name}:</strong> {s.withheld?.message ?? data.withheld?.find((w) => w.scale === s.key)?.message ?? t('impact.withheldShort')}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
      {data.scales.length ? <ImpactChart scales={data.scales} range={range} /> : <p className="empty">{t('impact.noData')}</p>}
      {/* On a phone the table scrolls sideways inside its box: the box takes the focus so a keyboard can scroll it. */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t('impact.tableCaption')}>
        <table className="data">
          <caption>{t('impact.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('impact.scale')}</th>
              <th scope="col" className="num">
                {t('impact.pairs')}
              </th>
              <th scope="col" className="num">
                {t('impact.preMean')}
              </th>
              <th scope="col" className="num">
                {t('impact.postMean')}
              </th>
              <th scope="col" className="num">
                {t('impact.change')}
              </th>
              <th scope="col" className="num">
                {t('impact.ci')}
              </th>
              <th scope="col" className="num">
                {t('impact.effectSize')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.scales.map((s) => (
              <tr key={s.key}>
                <th scope="row">{s.name}</th>
                <td className="num">{fmt.number(s.pairedN)}</td>
                <td className="num">{fmt.number(s.preMean, 2)}</td>
                <td className="num">{fmt.number(s.postMean, 2)}</td>
                <td className="num">{s.meanChange === null ? '–' : `${s.meanChange > 0 ? '+' : ''}${fmt.number(s.meanChange, 2)}`}</td>
                <td className="num">{s.ci95 ? `${fmt.number(s.ci95[0], 2)} … ${fmt.number(s.ci95[1], 2)}` : '–'}</td>
                <td className="num">{fmt.number(s.effectSize, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">{t('impact.method')}</p>
      <h3>{t('impact.exportTitle')}</h3>
      <p className="hint">{t('impact.exportHint')}</p>
      <button type="button" className="button button-secondary" disabled={exporter.isPending} onClick={() => { exporter.mutate(); }}>
        <Icon name="download" size={18} />
        {t('impact.export')}
      </button>
      {exporter.error ? <ErrorMessage error={exporter.error} /> : null}
    </section>
  );
}
