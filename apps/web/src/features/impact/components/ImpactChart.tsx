import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImpactScale } from '../../../api';
import { useFormat } from '../../../i18n/format';

const W = 640;
const ROW = 64;
const TOP = 24;
const LEFT = { from: 16, to: 300 };
const RIGHT = { from: 360, to: 624 };

/** Below 720 px the two panels are stacked (the side-by-side chart would shrink its text under 12 px). */
function useNarrow(): boolean {
  const query = '(max-width: 719px)';
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setNarrow(list.matches);
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, []);
  return narrow;
}

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
  const narrow = useNarrow();
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

  // The panels' headings are HTML, not SVG text: SVG text does not wrap, and the French and
  // German headings are longer than their panel.
  const panels = (stacked: boolean) => (
    <p className={stacked ? 'chart-panels chart-panels-stacked' : 'chart-panels'}>
      <span>{t('impact.chart.meansPanel', { min: fmt.number(range.min), max: fmt.number(range.max) })}</span>{' '}
      <span>{t('impact.chart.changePanel')}</span>
    </p>
  );

  const legend = (
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
  );

  if (narrow) {
    // A phone: the two panels one above the other per scale, drawn at about its real size so
    // no text is under 12 px (15 units at the narrowest 320 px screen is ~12.7 px).
    const NW = 340;
    const NROW = 128;
    const NTOP = 12;
    const span = { from: 16, to: 324 };
    const nMean = (v: number) => span.from + ((v - range.min) / (range.max - range.min || 1)) * (span.to - span.from);
    const nChange = (v: number) => span.from + ((v + reach) / (2 * reach)) * (span.to - span.from);
    const NH = NTOP + scales.length * NROW;
    return (
      <figure className="chart">
        {panels(true)}
        <svg className="chart-plot" viewBox={`0 0 ${NW} ${NH}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
          <title id={`${id}-title`}>{t('impact.chart.title')}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {scales.map((s, i) => {
            const y = NTOP + i * NROW;
            const meanY = y + 40;
            const changeY = y + 88;
            return (
              <g key={s.key}>
                <text x={span.from} y={y + 18} fontSize="16" fill="#1c2430">
                  {s.name} (n = {fmt.number(s.pairedN)})
                </text>
                <line x1={span.from} x2={span.to} y1={meanY} y2={meanY} stroke="#d5dae0" />
                <text x={span.from} y={meanY + 20} fontSize="15" fill="#1c2430">
                  {fmt.number(range.min)}
                </text>
                <text x={span.to} y={meanY + 20} textAnchor="end" fontSize="15" fill="#1c2430">
                  {fmt.number(range.max)}
                </text>
                <line x1={span.from} x2={span.to} y1={changeY} y2={changeY} stroke="#d5dae0" />
                <line x1={nChange(0)} x2={nChange(0)} y1={changeY - 10} y2={changeY + 6} stroke="#4d5866" strokeDasharray="4 3" />
                <text x={span.from} y={changeY + 22} fontSize="15" fill="#1c2430">
                  {fmt.number(-reach, 1)}
                </text>
                <text x={nChange(0)} y={changeY + 22} textAnchor="middle" fontSize="15" fill="#1c2430">
                  0
                </text>
                <text x={span.to} y={changeY + 22} textAnchor="end" fontSize="15" fill="#1c2430">
                  +{fmt.number(reach, 1)}
                </text>
                {isReported(s) && s.preMean !== null && s.postMean !== null && s.meanChange !== null ? (
                  <>
                    <line x1={nMean(s.preMean)} x2={nMean(s.postMean)} y1={meanY} y2={meanY} stroke="#0b6e69" strokeWidth="2" />
                    <circle cx={nMean(s.preMean)} cy={meanY} r="6" fill="#fff" stroke="#0b6e69" strokeWidth="2.5" />
                    <circle cx={nMean(s.postMean)} cy={meanY} r="6" fill="#0b6e69" />
                    {s.ci95 ? (
                      <g stroke="#1c2430" strokeWidth="2">
                        <line x1={nChange(s.ci95[0])} x2={nChange(s.ci95[1])} y1={changeY} y2={changeY} />
                        <line x1={nChange(s.ci95[0])} x2={nChange(s.ci95[0])} y1={changeY - 7} y2={changeY + 7} />
                        <line x1={nChange(s.ci95[1])} x2={nChange(s.ci95[1])} y1={changeY - 7} y2={changeY + 7} />
                      </g>
                    ) : null}
                    <rect x={nChange(s.meanChange) - 6} y={changeY - 6} width="12" height="12" fill="#0b6e69" />
                  </>
                ) : (
                  <text x={span.from} y={meanY - 6} fontSize="15" fill="#4d5866">
                    {t('impact.withheldShort')}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        {legend}
      </figure>
    );
  }

  return (
    <figure className="chart">
      {panels(false)}
      <svg className="chart-plot" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('impact.chart.title')}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line x1={xChange(0)} x2={xChange(0)} y1={TOP - 8} y2={H - 24} stroke="#4d5866" strokeDasharray="4 3" />
        <text x={xChange(0)} y={H - 8} textAnchor="middle" fontSize="13" fill="#1c2430">
          0
        </text>
        <text x={RIGHT.from} y={H - 8} fontSize="13" fill="#1c2430">
          {fmt.number(-reach, 1)}
        </text>
        <text x={RIGHT.to} y={H - 8} textAnchor="end" fontSize="13" fill="#1c2430">
          +{fmt.number(reach, 1)}
        </text>
        <text x={LEFT.from} y={H - 8} fontSize="13" fill="#1c2430">
          {fmt.number(range.min)}
        </text>
        <text x={LEFT.to} y={H - 8} textAnchor="end" fontSize="13" fill="#1c2430">
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
                <text x={LEFT.from} y={mid + 4} fontSize="13" fill="#4d5866">
                  {t('impact.withheldShort')}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {legend}
    </figure>
  );
}
