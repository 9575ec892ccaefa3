import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError, operations, request } from '../../../api';
import { errorText } from '../../../components/ErrorMessage';
import { useMe } from '../../../lib/useSession';

/**
 * For a signed-in account whose e-mail address is not proven yet: organisations cannot add it
 * until it is. Offers to send the verification e-mail again (a few times per hour).
 */
export function VerifyEmailNotice() {
  const { t } = useTranslation();
  const me = useMe();
  const resend = useMutation({ mutationFn: () => request(operations.resendEmailVerification) });
  if (!me.data?.email || me.data.emailVerified !== false) return null;
  return (
    <section className="alert alert-info" aria-label={t('identity.unverified.label')}>
      <div aria-live="polite">
        <p>{t('identity.unverified.text', { email: me.data.email })}</p>
        {resend.isSuccess ? <p role="status">{t('identity.unverified.sent')}</p> : null}
        {resend.error && !isApiError(resend.error, 409) ? <p role="alert">{errorText(t, resend.error)}</p> : null}
        {resend.isSuccess ? null : (
          <button type="button" className="button button-quiet" disabled={resend.isPending} onClick={() => resend.mutate()}>
            {t('identity.unverified.resend')}
          </button>
        )}
      </div>
    </section>
  );
}
