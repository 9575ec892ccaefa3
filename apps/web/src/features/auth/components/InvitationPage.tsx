import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { isApiError } from '../../../api';
import { errorText } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { TextField, useFieldErrorText } from '../../../components/form';
import { acceptInvitation } from '../../../api/auth';
import { signedOutLocaleChoice } from '../../../i18n';
import { useFinishSignIn } from '../../../lib/useSession';
import { AuthCard } from './AuthCard';
import { PasswordVisibility } from './PasswordVisibility';
import { passwordPair, required } from './schemas';

const schema = z.object({ name: required.max(200, 'validation.tooLong') }).and(passwordPair);
type Values = z.infer<typeof schema>;

export function InvitationPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const finish = useFinishSignIn();
  const [showPassword, setShowPassword] = useState(false);
  const errorOf = useFieldErrorText();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', password: '', confirm: '' } });
  const mutation = useMutation({
    mutationFn: (values: Values) => {
      // A language picked on this page becomes the new account's choice.
      const locale = signedOutLocaleChoice();
      return acceptInvitation(token, { name: values.name, password: values.password, ...(locale ? { locale } : {}) });
    },
    onSuccess: () => finish('/'),
  });
  const submit = form.handleSubmit((values) => { mutation.mutate(values); });
  const expired = isApiError(mutation.error, 404) || isApiError(mutation.error, 410);

  return (
    <AuthCard title={t('auth.invitation.title')} intro={t('auth.invitation.intro')}>
      <div aria-live="assertive" aria-atomic="true">
        {mutation.error ? (
          <div className="alert alert-error" role="alert">
            <Icon name="warning" />
            <p>
              {expired ? t('auth.invitation.expired') : errorText(t, mutation.error)}{' '}
              {expired ? <Link to="/sign-in">{t('auth.signIn.title')}</Link> : null}
            </p>
          </div>
        ) : null}
      </div>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <TextField
          id="invite-name"
          label={t('auth.name')}
          autoComplete="name"
          error={errorOf(form.formState.errors.name)}
          {...form.register('name')}
        />
        <TextField
          id="invite-password"
          label={t('auth.newPassword')}
          hint={t('auth.passwordHint')}
          type={showPassword ? 'text' : 'password'}
          autoComplete="new-password"
          error={errorOf(form.formState.errors.password)}
          {...form.register('password')}
        />
        <TextField
          id="invite-confirm"
          label={t('auth.confirmPassword')}
          type={showPassword ? 'text' : 'password'}
          autoComplete="new-password"
          error={errorOf(form.formState.errors.confirm)}
          {...form.register('confirm')}
        />
        <PasswordVisibility id="invite-show-password" shown={showPassword} onChange={setShowPassword} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {t('auth.invitation.submit')}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
