import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api';
import { Icon } from './Icon';

/** A translated sentence for an error; the API's own messages are added for 400/409/422. */
export function errorText(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t('errors.unexpected');
  const details = error.messages.join(' ');
  switch (error.status) {
    case 0:
      return t('errors.network');
    case 401:
      return t('errors.signedOut');
    case 403:
      return t('errors.forbidden');
    case 404:
      return t('errors.notFound');
    case 410:
      return t('errors.gone');
    case 429:
      return t('errors.tooMany');
    case 400:
    case 409:
    case 422:
      return details ? t('errors.rejectedWith', { details }) : t('errors.rejected');
    default:
      return error.status >= 500 ? t('errors.server') : t('errors.unexpected');
  }
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <Icon name="warning" />
      <div>
        <p>{errorText(t, error)}</p>
        {onRetry ? (
          <button type="button" className="button button-secondary" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
