import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { TextField, useFieldErrorText } from '../../../components/form';
import { requestPasswordReset } from '../../../api/auth';
import { AuthCard } from './AuthCard';
import { email } from './schemas';

const schema = z.object({ email });
type Values = z.infer<typeof schema>;

export function ResetRequestPage() {
  const { t } = useTranslation();
  const errorOf = useFieldErrorText();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: '' } });
  const mutation = useMutation({ mutationFn: requestPasswordReset });
  const submit = form.handleSubmit((values) => { mutation.mutate(values); });

  return (
    <AuthCard
      title={t('auth.reset.requestTitle')}
      intro={t('auth.reset.requestIntro')}
      footer={
        <p>
          <Link to="/sign-in">{t('auth.backToSignIn')}</Link>
        </p>
      }
    >
      <div aria-live="polite" aria-atomic="true">
        {mutation.isSuccess ? (
          <div className="alert alert-success" role="status">
            <Icon name="check" />
            <p>{t('auth.reset.requestSent', { email: mutation.variables.email })}</p>
          </div>
        ) : null}
      </div>
      {mutation.error ? <ErrorMessage error={mutation.error} /> : null}
      {mutation.isSuccess ? null : (
        <form noValidate onSubmit={(e) => void submit(e)}>
          <TextField
            id="reset-email"
            label={t('auth.email')}
            type="email"
            autoComplete="email"
            inputMode="email"
            error={errorOf(form.formState.errors.email)}
            {...form.register('email')}
          />
          <div className="form-actions">
            <button type="submit" className="button" disabled={mutation.isPending}>
              {t('auth.reset.requestSubmit')}
            </button>
          </div>
        </form>
      )}
    </AuthCard>
  );
}
