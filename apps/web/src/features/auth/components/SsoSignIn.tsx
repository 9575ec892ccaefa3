import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../api';
import type { SsoProviderChoice } from '../../../api';
import { ssoProvidersFor } from '../../../api/sso';
import { errorText } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/form';

/**
 * "Sign in with your organisation's account": type the e-mail address and be routed to the
 * provider that vouches for its domain, or (`organizationId`, the organisation's own link) pick
 * one of its providers. The sign-in itself happens at the provider and ends on Kindling's callback.
 */
export function SsoSignIn({ organizationId, next }: { organizationId: string | null; next: string | null }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const withNext = (p: SsoProviderChoice) => (next ? `${p.signInUrl}?returnTo=${encodeURIComponent(next)}` : p.signInUrl);
  const ofOrganization = useQuery({
    queryKey: ['sso-providers', organizationId],
    queryFn: () => ssoProvidersFor({ organizationId: organizationId! }),
    enabled: organizationId !== null,
  });
  const lookup = useMutation({
    mutationFn: (address: string) => ssoProvidersFor({ email: address }),
    onSuccess: (choices) => {
      if (choices.length === 1) window.location.assign(withNext(choices[0]!));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (email.trim()) lookup.mutate(email.trim());
  };
  const choices = organizationId ? ofOrganization.data : lookup.data && lookup.data.length > 1 ? lookup.data : undefined;
  const failure = lookup.error ? (isApiError(lookup.error, 404) ? t('sso.signIn.none') : errorText(t, lookup.error)) : null;

  return (
    <section aria-labelledby="sso-heading" className="sso-sign-in">
      <h2 id="sso-heading">{t('sso.signIn.heading')}</h2>
      {organizationId ? null : (
        <form noValidate onSubmit={submit}>
          <p className="hint">{t('sso.signIn.intro')}</p>
          <TextField
            id="sso-email"
            label={t('sso.signIn.email')}
            type="email"
            autoComplete="email"
            inputMode="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <div className="form-actions">
            <button type="submit" className="button button-secondary" disabled={lookup.isPending}>
              {lookup.isPending ? t('sso.signIn.submitting') : t('sso.signIn.submit')}
            </button>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {failure ? <p className="alert alert-info">{failure}</p> : null}
        {choices?.length ? (
          <>
            <p>{t('sso.signIn.choose')}</p>
            <ul className="plain-list">
              {choices.map((p) => (
                <li key={p.id}>
                  <a className="button" href={withNext(p)}>
                    {t('sso.signIn.with', { provider: p.displayName })}
                  </a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}
