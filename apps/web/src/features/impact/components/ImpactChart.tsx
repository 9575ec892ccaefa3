import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImpactScale } from '../../../api';
import { useFormat } from '../../../i18n/format';

const W = 640;
const ROW = 64;
const TOP = 44;
const LEFT = { from: 16, to: 300 };
const RIGHT = { from: 360, to: 624 };

function isReported(s: ImpactScale): boolean {
  return !s.suppressed && s.preMean !== null && s.postMean !== null && s.meanChange !== null;
}

/**
 * Per scale: the mean before (hollow) and after (filled), and the mean change with its 95%
 * confidence interval against a zero line. Described in words for screen readers; the table
 * next to it carries the same figures.
 */
export function ImpactChart({ scales, range }: { scales: ImpactScale[]; range: { min: number; max: number } }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const reported = scales.filter(isReported);
  const reach = Math.max(0.5, ...reported.flatMap((s) => [Math.abs(s.ci95?.[0] ?? 0), Math.abs(s.ci95?.[1] ?? 0), Math.abs(s.meanChange ?? 0)]));
  const xMean = (v: number) => LEFT.from + ((v - range.min) / (range.max - range.min || 1)) * (LEFT.to - LEFT.from);
  const xChange = (v: number) => RIGHT.from + ((v + reach) / (2 * reach)) * (RIGHT.to - RIGHT.from);
  const H = TOP + scales.length * ROW + 28;
  const description = scales
    .map((s) =>
      isReported(s)
        ? t('impact.chart.rowText', {
            name: s.name,
            pre: fmt.number(s.preMean, 2),
            post: fmt.number(s.postMean, 2),
            change: fmt.number(s.meanChange, 2),
            low: fmt.number(s.ci95?.[0], 2),
            high: fmt.number(s.ci95?.[1], 2),
          })
        : t('impact.chart.rowWithheld', { name: s.name }),
    )
    .join(' ');

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('impact.chart.title')}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <text x={LEFT.from} y={16} fontSize="12" fontWeight="700" fill="#1c2430">
          {t('impact.chart.meansPanel', { min: fmt.number(range.min), max: fmt.number(range.max) })}
        </text>
        <text x={RIGHT.from} y={16} fontSize="12" fontWeight="700" fill="#1c2430">
          {t('impact.chart.changePanel')}
        </text>
        <line x1={xChange(0)} x2={xChange(0)} y1={TOP - 8} y2={H - 24} stroke="#4d5866" strokeDasharray="4 3" />
        <text x={xChange(0)} y={H - 8} textAnchor="middle" fontSize="11" fill="#1c2430">
          0
        </text>
        <text x={RIGHT.from} y={H - 8} fontSize="11" fill="#1c2430">
          {fmt.number(-reach, 1)}
        </text>
        <text x={RIGHT.to} y={H - 8} textAnchor="end" fontSize="11" fill="#1c2430">
          +{fmt.number(reach, 1)}
        </text>
        <text x={LEFT.from} y={H - 8} fontSize="11" fill="#1c2430">
          {fmt.number(range.min)}
        </text>
        <text x={LEFT.to} y={H - 8} textAnchor="end" fontSize="11" fill="#1c2430">
          {fmt.number(range.max)}
        </text>
        {scales.map((s, i) => {
          const y = TOP + i * ROW;
          const mid = y + 34;
          return (
            <g key={s.key}>
              <text x={LEFT.from} y={y + 12} fontSize="13" fill="#1c2430">
                {s.name} (n = {fmt.number(s.pairedN)})
              </text>
              <line x1={LEFT.from} x2={LEFT.to} y1={mid} y2={mid} stroke="#d5dae0" />
              <line x1={RIGHT.from} x2={RIGHT.to} y1={mid} y2={mid} stroke="#d5dae0" />
              {isReported(s) && s.preMean !== null && s.postMean !== null && s.meanChange !== null ? (
                <>
                  <line x1={xMean(s.preMean)} x2={xMean(s.postMean)} y1={mid} y2={mid} stroke="#0b6e69" strokeWidth="2" />
                  <circle cx={xMean(s.preMean)} cy={mid} r="6" fill="#fff" stroke="#0b6e69" strokeWidth="2.5" />
                  <circle cx={xMean(s.postMean)} cy={mid} r="6" fill="#0b6e69" />
                  {s.ci95 ? (
                    <g stroke="#1c2430" strokeWidth="2">
                      <line x1={xChange(s.ci95[0])} x2={xChange(s.ci95[1])} y1={mid} y2={mid} />
                      <line x1={xChange(s.ci95[0])} x2={xChange(s.ci95[0])} y1={mid - 7} y2={mid + 7} />
                      <line x1={xChange(s.ci95[1])} x2={xChange(s.ci95[1])} y1={mid - 7} y2={mid + 7} />
                    </g>
                  ) : null}
                  <rect x={xChange(s.meanChange) - 6} y={mid - 6} width="12" height="12" fill="#0b6e69" />
                </>
              ) : (
                <text x={LEFT.from} y={mid + 4} fontSize="12" fill="#4d5866">
                  {t('impact.withheldShort')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul className="chart-legend">
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r="5" fill="#fff" stroke="#0b6e69" strokeWidth="2.5" />
          </svg>{' '}
          {t('impact.chart.before')}
        </li>
        <li>
          <svg width="16" height="16" aria-hidden="true">
            <circle cx="8" cy="8" r="6" fill="#0b6e69" />
          </svg>{' '}
          {t('impact.chart.after')}
        </li>
        <li>
          <svg width="24" height="16" aria-hidden="true">
            <rect x="7" y="3" width="10" height="10" fill="#0b6e69" />
            <line x1="1" x2="23" y1="8" y2="8" stroke="#1c2430" strokeWidth="2" />
          </svg>{' '}
          {t('impact.chart.changeLegend')}
        </li>
      </ul>
    </figure>
  );
}
