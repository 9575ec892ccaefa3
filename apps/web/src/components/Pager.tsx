import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Step } from '../lib/steps';
import { neighbours } from '../lib/steps';
import { stepTitle } from '../lib/stepTitle';

/** Previous and next step of the course. */
export function Pager({ steps, current, emphasiseNext }: { steps: Step[]; current: string; emphasiseNext?: boolean }) {
  const { t } = useTranslation();
  const { previous, next } = neighbours(steps, current);
  return (
    <nav aria-label={t('player.stepNav')} className="pager">
      {previous ? (
        <Link to={previous.href} className="button button-secondary pager-previous" rel="prev">
          <span aria-hidden="true">← </span>
          <span>
            <span className="pager-label">{t('player.previous')}</span>
            <span className="pager-title">{stepTitle(t, previous)}</span>
          </span>
        </Link>
      ) : (
        <span />
      )}
      {next && !next.locked ? (
        <Link
          to={next.href}
          className={emphasiseNext ? 'button pager-next' : 'button button-secondary pager-next'}
          rel="next"
        >
          <span>
            <span className="pager-label">{t('player.next')}</span>
            <span className="pager-title">{stepTitle(t, next)}</span>
          </span>
          <span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <Link to="/" className="button button-secondary pager-next">
          {t('player.backHome')}
        </Link>
      )}
    </nav>
  );
}
