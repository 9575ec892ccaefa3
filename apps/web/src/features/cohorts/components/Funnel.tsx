import { useTranslation } from 'react-i18next';
import type { Funnel as FunnelData } from '../../../api';
import { useFormat } from '../../../i18n/format';

const STAGES = ['enrolled', 'started', 'preDone', 'halfway', 'completed', 'certified'] as const;

/** The completion funnel: each stage with its count and share of the enrolled (the bar only repeats it). */
export function Funnel({ data }: { data: FunnelData }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const base = Math.max(1, data.enrolled);
  return (
    <ol className="funnel">
      {STAGES.map((stage) => {
        const share = (100 * data[stage]) / base;
        return (
          <li key={stage}>
            <span className="funnel-label">{t(`manage.funnel.${stage}`)}</span>
            <span className="funnel-value">
              {fmt.number(data[stage])} <span className="hint">({fmt.percent(share)})</span>
            </span>
            <span className="funnel-track" aria-hidden="true">
              <span className="funnel-bar" style={{ width: `${share}%` }} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
