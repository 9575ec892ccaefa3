import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScoreDistribution } from '../../../api';
import { useFormat } from '../../../i18n/format';

const W = 640;
const H = 280;
const PAD = { left: 48, right: 12, top: 16, bottom: 48 };

/** Best final scores as an SVG bar chart (role img, described in words) with the same data as a table. */
export function ScoreDistributionChart({ data }: { data: ScoreDistribution }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const buckets = data.buckets;
  const total = buckets.reduce((n, b) => n + b.count, 0);
  if (!buckets.length || total === 0) return <p className="empty">{t('manage.distribution.empty')}</p>;

  const max = Math.max(...buckets.map((b) => b.count));
  const step = Math.max(1, Math.ceil(max / 4));
  const top = step * Math.ceil(max / step);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const barW = plotW / buckets.length;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const range = (b: { from: number; to: number }) => t('manage.distribution.range', { from: fmt.number(b.from), to: fmt.number(b.to) });
  const description = buckets.map((b) => `${range(b)}: ${fmt.number(b.count)}`).join('; ');

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('manage.distribution.title')}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#d5dae0" />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end" fontSize="12" fill="#4d5866">
              {fmt.number(v)}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const x = PAD.left + i * barW + barW * 0.12;
          const w = barW * 0.76;
          return (
            <g key={`${b.from}-${b.to}`}>
              <rect x={x} y={y(b.count)} width={w} height={Math.max(0, PAD.top + plotH - y(b.count))} fill="#0b6e69" />
              {b.count ? (
                <text x={x + w / 2} y={y(b.count) - 4} textAnchor="middle" fontSize="12" fill="#1c2430">
                  {fmt.number(b.count)}
                </text>
              ) : null}
              <text x={x + w / 2} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#1c2430">
                {fmt.number(b.from)}–{fmt.number(b.to)}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#1c2430" />
        <text x={PAD.left + plotW / 2} y={H - 8} textAnchor="middle" fontSize="12" fill="#1c2430">
          {t('manage.distribution.xAxis')}
        </text>
      </svg>
      <figcaption>{t('manage.distribution.caption', { count: total })}</figcaption>
      <details>
        <summary>{t('manage.showTable')}</summary>
        <div className="table-wrap">
          <table className="data">
            <caption>{t('manage.distribution.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('manage.distribution.score')}</th>
                <th scope="col" className="num">
                  {t('manage.distribution.learners')}
                </th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={`${b.from}-${b.to}`}>
                  <th scope="row">{range(b)}</th>
                  <td className="num">{fmt.number(b.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
