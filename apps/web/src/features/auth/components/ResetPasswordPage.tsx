import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { isApiError } from '../../../api';
import { errorText } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { TextField, useFieldErrorText } from '../../../components/form';
import { resetPassword } from '../../../api/auth';
import { AuthCard } from './AuthCard';
import { PasswordVisibility } from './PasswordVisibility';
import { passwordPair } from './schemas';

type Values = z.infer<typeof passwordPair>;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const [showPassword, setShowPassword] = useState(false);
  const errorOf = useFieldErrorText();
  const form = useForm<Values>({ resolver: zodResolver(passwordPair), defaultValues: { password: '', confirm: '' } });
  const mutation = useMutation({ mutationFn: (values: Values) => resetPassword(token, { password: values.password }) });
  const submit = form.handleSubmit((values) => { mutation.mutate(values); });
  const expired = isApiError(mutation.error, 404) || isApiError(mutation.error, 410);

  return (
    <AuthCard title={t('auth.reset.title')}>
      <div aria-live="polite" aria-atomic="true">
        {mutation.isSuccess ? (
          <div className="alert alert-success" role="status">
            <Icon name="check" />
            <p>
              {t('auth.reset.done')} <Link to="/sign-in">{t('auth.signIn.title')}</Link>
            </p>
          </div>
        ) : null}
        {mutation.error ? (
          <div className="alert alert-error" role="alert">
            <Icon name="warning" />
            <p>
              {expired ? t('auth.reset.expired') : errorText(t, mutation.error)}{' '}
              {expired ? <Link to="/reset-password">{t('auth.reset.requestAgain')}</Link> : null}
            </p>
          </div>
        ) : null}
      </div>
      {mutation.isSuccess ? null : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <TextField
            id="reset-password"
            label={t('auth.newPassword')}
            hint={t('auth.passwordHint')}
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            error={errorOf(form.formState.errors.password)}
            {...form.register('password')}
          />
          <TextField
            id="reset-confirm"
            label={t('auth.confirmPassword')}
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            error={errorOf(form.formState.errors.confirm)}
            {...form.register('confirm')}
          />
          <PasswordVisibility id="reset-show-password" shown={showPassword} onChange={setShowPassword} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {t('auth.reset.submit')}
            </button>
          </div>
        </form>
      )}
    </AuthCard>
  );
}
