import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { isApiError } from '../../../api';
import { errorText } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { TextField, useFieldErrorText } from '../../../components/form';
import { signIn } from '../../../api/auth';
import { linkSsoIdentity } from '../../../api/sso';
import { signedOutLocaleChoice } from '../../../i18n';
import { useFinishSignIn } from '../../../lib/useSession';
import { AuthCard } from './AuthCard';
import { PasswordVisibility } from './PasswordVisibility';
import { SsoSignIn } from './SsoSignIn';
import { email, required } from './schemas';

const schema = z.object({ email, password: required });
type Values = z.infer<typeof schema>;

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = params.get('next');
  // Single sign-on: ?org=<id> is an organisation's own sign-in link; ?ssoLink=<token> follows an SSO
  // sign-in that met an existing account, which is linked once its owner signs in here.
  const organizationId = params.get('org');
  const ssoLink = params.get('ssoLink');
  const finish = useFinishSignIn();
  const [showPassword, setShowPassword] = useState(false);
  const [linkFailed, setLinkFailed] = useState(false);
  const errorOf = useFieldErrorText();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: params.get('email') ?? '', password: '' } });
  // The language picked on this page is sent along and saved on the account as its choice.
  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const locale = signedOutLocaleChoice();
      return signIn({ ...values, ...(locale ? { locale } : {}) });
    },
    onSuccess: async () => {
      if (ssoLink) {
        try {
          await linkSsoIdentity(ssoLink);
        } catch {
          // Signed in all the same; the page says the link did not happen.
          setLinkFailed(true);
          return;
        }
      }
      await finish(next);
    },
  });

  const submit = form.handleSubmit((values) => { mutation.mutate(values); });
  const failure = linkFailed
    ? t('sso.signIn.linkFailed')
    : mutation.error
    ? isApiError(mutation.error, 401)
      ? t('auth.signIn.invalid')
      : errorText(t, mutation.error)
    : null;
  const suffix = next ? `?next=${encodeURIComponent(next)}` : '';

  return (
    <AuthCard
      title={t('auth.signIn.title')}
      intro={t('auth.signIn.intro')}
      footer={
        <p>
          {t('auth.signIn.pupilPrompt')} <Link to={`/pupil-sign-in${suffix}`}>{t('auth.signIn.pupilLink')}</Link>
        </p>
      }
    >
      {ssoLink ? (
        <p className="alert alert-info" role="status">
          {t('sso.signIn.linkNotice')}
        </p>
      ) : (
        <SsoSignIn organizationId={organizationId} next={next} />
      )}
      {ssoLink ? null : <h2 className="sso-or">{t('sso.signIn.orPassword')}</h2>}
      <div aria-live="assertive" aria-atomic="true">
        {failure ? (
          <div className="alert alert-error" role="alert">
            <Icon name="warning" />
            <p>{failure}</p>
          </div>
        ) : null}
      </div>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="signin-email"
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          error={errorOf(form.formState.errors.email)}
          {...form.register('email')}
        />
        <TextField
          id="signin-password"
          label={t('auth.password')}
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          error={errorOf(form.formState.errors.password)}
          {...form.register('password')}
        />
        <PasswordVisibility id="signin-show-password" shown={showPassword} onChange={setShowPassword} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
          </button>
          <Link to="/reset-password">{t('auth.signIn.forgot')}</Link>
        </div>
      </form>
    </AuthCard>
  );
}
