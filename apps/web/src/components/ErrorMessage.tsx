import { useTranslation } from 'react-i18next';
import { errorParts } from './errorText';
import { Icon } from './Icon';

export { errorParts, errorText } from './errorText';

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { title, details } = errorParts(t, error);
  return (
    <div className="alert alert-error" role="alert">
      <Icon name="warning" />
      <div>
        {details ? (
          <>
            <p>
              <strong>{title}</strong>
            </p>
            <p>{details}</p>
          </>
        ) : (
          <p>{title}</p>
        )}
        {onRetry ? (
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
