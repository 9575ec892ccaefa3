import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { isApiError } from '../../../api';
import { errorText } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { TextField, useFieldErrorText } from '../../../components/form';
import { pupilSignIn } from '../../../api/auth';
import { signedOutLocaleChoice } from '../../../i18n';
import { useFinishSignIn } from '../../../lib/useSession';
import { AuthCard } from './AuthCard';
import { required } from './schemas';

const schema = z.object({ username: required, code: required });
type Values = z.infer<typeof schema>;

export function PupilSignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = params.get('next');
  const finish = useFinishSignIn();
  const errorOf = useFieldErrorText();
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { username: '', code: '' } });
  // The language picked on this page is sent along and saved on the account as its choice.
  const mutation = useMutation({
    mutationFn: (values: Values) => {
      const locale = signedOutLocaleChoice();
      return pupilSignIn({ ...values, ...(locale ? { locale } : {}) });
    },
    onSuccess: () => finish(next),
  });
  const submit = form.handleSubmit((values) => { mutation.mutate({ username: values.username, code: values.code.replace(/\s+/g, '') }); });
  const failure = mutation.error
    ? isApiError(mutation.error, 401)
      ? t('auth.pupil.invalid')
      : errorText(t, mutation.error)
    : null;

  return (
    <AuthCard
      title={t('auth.pupil.title')}
      intro={t('auth.pupil.intro')}
      footer={
        <p>
          <Link to="/sign-in">{t('auth.pupil.adultLink')}</Link>
        </p>
      }
    >
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
          id="pupil-username"
          label={t('auth.pupil.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          error={errorOf(form.formState.errors.username)}
          {...form.register('username')}
        />
        <TextField
          id="pupil-code"
          label={t('auth.pupil.code')}
          hint={t('auth.pupil.codeHint')}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          error={errorOf(form.formState.errors.code)}
          {...form.register('code')}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mutation.isPending ? t('auth.signIn.submitting') : t('auth.signIn.submit')}
          </button>
        </div>
      </form>
    </AuthCard>
  );
}
