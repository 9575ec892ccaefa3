import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

/** A labelled progress bar (0–100) with its value also written out as text. */
export function ProgressBar({ value, label, id }: { value: number; label: string; id: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const clamped = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress">
      <div className="progress-label">
        <span id={`${id}-label`}>{label}</span>
        <span>{t('common.percentComplete', { percent: fmt.percent(clamped) })}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-labelledby={`${id}-label`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={clamped}
        aria-valuetext={fmt.percent(clamped)}
      >
        <div className="progress-fill" style={{ width: `${clamped}%` }} />
      </div>
    </div>
  );
}
