import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api';
import { errorText } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { confirmEmail } from '../../../api/auth';
import { AuthCard } from './AuthCard';

/**
 * The page the verification e-mail links to. Confirming takes a click (not the page load), so a
 * mail scanner that opens the link does not use it up.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const mutation = useMutation({ mutationFn: () => confirmEmail(token) });
  const expired = isApiError(mutation.error, 404) || isApiError(mutation.error, 410);

  return (
    <AuthCard title={t('identity.verifyEmail.title')}>
      <div aria-live="polite" aria-atomic="true">
        {mutation.isSuccess ? (
          <div className="alert alert-success" role="status">
            <Icon name="check" />
            <p>
              {t('identity.verifyEmail.done')} <Link to="/">{t('identity.verifyEmail.continue')}</Link>
            </p>
          </div>
        ) : null}
        {mutation.error ? (
          <div className="alert alert-error" role="alert">
            <Icon name="warning" />
            <p>{expired ? t('identity.verifyEmail.expired') : errorText(t, mutation.error)}</p>
          </div>
        ) : null}
      </div>
      {mutation.isSuccess || expired ? null : (
        <>
          <p>{t('identity.verifyEmail.intro')}</p>
          <div className="form-actions">
            <button type="button" className="button" disabled={mutation.isPending} onClick={() => mutation.mutate()}>
              {t('identity.verifyEmail.submit')}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  );
}
