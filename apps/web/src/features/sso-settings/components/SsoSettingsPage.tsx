import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { IdentityProvider, IdentityProviderBody } from '../../../api';
import {
  createIdentityProvider,
  deleteIdentityProvider,
  fetchIdentityProviders,
  fetchPasswordSignIn,
  identityProvidersKey,
  passwordSignInKey,
  setPasswordSignIn,
  updateIdentityProvider,
} from '../../../api/sso';
import { ErrorMessage, errorText } from '../../../components/ErrorMessage';
import { CheckboxField, TextField } from '../../../components/form';
import { Loading } from '../../../components/Loading';
import { OrgHeader } from '../../../components/OrgTabs';
import { PageHeading } from '../../../components/PageHeading';
import { useOrganizationName } from '../../../lib/useOrganization';
import { usePageTitle } from '../../../lib/usePageTitle';

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

interface Draft {
  displayName: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  domains: string;
  emailClaim: string;
  nameClaim: string;
  employeeNumberClaim: string;
  groupClaim: string;
  managerGroups: string;
  enabled: boolean;
}

const draftOf = (p?: IdentityProvider): Draft => ({
  displayName: p?.displayName ?? '',
  issuer: p?.issuer ?? '',
  clientId: p?.clientId ?? '',
  clientSecret: '',
  domains: p?.domains.join(', ') ?? '',
  emailClaim: p?.emailClaim ?? 'email',
  nameClaim: p?.nameClaim ?? 'name',
  employeeNumberClaim: p?.employeeNumberClaim ?? '',
  groupClaim: p?.groupClaim ?? '',
  managerGroups: p?.managerGroups.join(', ') ?? '',
  enabled: p?.enabled ?? true,
});

const bodyOf = (d: Draft): IdentityProviderBody => ({
  displayName: d.displayName,
  issuer: d.issuer,
  clientId: d.clientId,
  ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
  domains: list(d.domains),
  emailClaim: d.emailClaim || 'email',
  nameClaim: d.nameClaim || 'name',
  ...(d.employeeNumberClaim ? { employeeNumberClaim: d.employeeNumberClaim } : {}),
  ...(d.groupClaim ? { groupClaim: d.groupClaim } : {}),
  managerGroups: list(d.managerGroups),
  enabled: d.enabled,
});

/** One provider's form: a new one (no `provider`) or an edit. The secret is write-only. */
function ProviderForm({ orgId, provider, onDone }: { orgId: string; provider?: IdentityProvider; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(provider));
  const save = useMutation({
    mutationFn: () => (provider ? updateIdentityProvider(orgId, provider.id, bodyOf(draft)) : createIdentityProvider(orgId, bodyOf(draft))),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: identityProvidersKey(orgId) });
      onDone();
    },
  });
  const field = (key: keyof Draft) => ({
    value: String(draft[key]),
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  const prefix = provider ? `idp-${provider.id}` : 'idp-new';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-label={provider ? t('sso.settings.edit', { provider: provider.displayName }) : t('sso.settings.add')}>
      {save.error ? (
        <div className="alert alert-error" role="alert">
          <p>{errorText(t, save.error)}</p>
        </div>
      ) : null}
      <TextField id={`${prefix}-name`} label={t('sso.settings.displayName')} required {...field('displayName')} />
      <TextField id={`${prefix}-issuer`} label={t('sso.settings.issuer')} hint={t('sso.settings.issuerHint')} type="url" required {...field('issuer')} />
      <TextField id={`${prefix}-client`} label={t('sso.settings.clientId')} required autoComplete="off" {...field('clientId')} />
      <TextField
        id={`${prefix}-secret`}
        label={t('sso.settings.clientSecret')}
        hint={provider ? t('sso.settings.clientSecretKeep') : undefined}
        type="password"
        autoComplete="new-password"
        required={!provider}
        {...field('clientSecret')}
      />
      <TextField id={`${prefix}-domains`} label={t('sso.settings.domains')} hint={t('sso.settings.listHint')} required {...field('domains')} />
      <TextField id={`${prefix}-email-claim`} label={t('sso.settings.emailClaim')} {...field('emailClaim')} />
      <TextField id={`${prefix}-name-claim`} label={t('sso.settings.nameClaim')} {...field('nameClaim')} />
      <TextField id={`${prefix}-employee-claim`} label={t('sso.settings.employeeNumberClaim')} optional {...field('employeeNumberClaim')} />
      <TextField id={`${prefix}-group-claim`} label={t('sso.settings.groupClaim')} optional {...field('groupClaim')} />
      <TextField id={`${prefix}-manager-groups`} label={t('sso.settings.managerGroups')} hint={t('sso.settings.listHint')} optional {...field('managerGroups')} />
      <CheckboxField id={`${prefix}-enabled`} label={t('sso.settings.enabled')} checked={draft.enabled} onChange={(e) => setDraft((d) => ({ ...d, enabled: e.target.checked }))} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('sso.settings.saving') : t('sso.settings.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          {t('sso.settings.cancel')}
        </button>
      </div>
    </form>
  );
}

/** An organisation's single sign-on: its identity providers and the password switch (managers, admins). */
export function SsoSettingsPage() {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  const name = useOrganizationName(orgId);
  const title = t('sso.settings.title', { name });
  usePageTitle(title);
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const providers = useQuery({ queryKey: identityProvidersKey(orgId), queryFn: () => fetchIdentityProviders(orgId) });
  const password = useQuery({ queryKey: passwordSignInKey(orgId), queryFn: () => fetchPasswordSignIn(orgId) });
  const toggle = useMutation({
    mutationFn: (allowed: boolean) => setPasswordSignIn(orgId, allowed),
    onSuccess: (view) => queryClient.setQueryData(passwordSignInKey(orgId), view),
  });
  const remove = useMutation({
    mutationFn: (id: string) => deleteIdentityProvider(orgId, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityProvidersKey(orgId) }),
  });

  return (
    <div className="page page-wide">
      <OrgHeader orgId={orgId} current={t('sso.settings.tab')} />
      <PageHeading>{title}</PageHeading>
      <p>{t('sso.settings.intro')}</p>
      <section aria-labelledby="sso-providers">
        <h2 id="sso-providers">{t('sso.settings.providers')}</h2>
        {providers.isPending ? <Loading /> : null}
        {providers.isError ? <ErrorMessage error={providers.error} onRetry={() => void providers.refetch()} /> : null}
        {remove.error ? <ErrorMessage error={remove.error} /> : null}
        {providers.data && providers.data.length === 0 ? <p className="empty">{t('sso.settings.empty')}</p> : null}
        <ul className="plain-list">
          {providers.data?.map((p) => (
            <li key={p.id} className="card">
              <h3>{p.displayName}</h3>
              <dl>
                <dt>{t('sso.settings.issuer')}</dt>
                <dd><code>{p.issuer}</code></dd>
                <dt>{t('sso.settings.domains')}</dt>
                <dd>{p.domains.join(', ')}</dd>
                <dt>{t('sso.settings.enabled')}</dt>
                <dd>{p.enabled ? t('sso.settings.on') : t('sso.settings.off')}</dd>
                <dt>{t('sso.settings.redirectUri')}</dt>
                <dd><code className="hash block">{p.redirectUri}</code></dd>
                <dt>{t('sso.settings.signInLink')}</dt>
                <dd><code className="hash block">{p.signInUrl}</code></dd>
              </dl>
              {editing === p.id ? (
                <ProviderForm orgId={orgId} provider={p} onDone={() => setEditing(null)} />
              ) : (
                <div className="form-actions">
                  <button type="button" className="button button-secondary" onClick={() => setEditing(p.id)}>
                    {t('sso.settings.edit', { provider: p.displayName })}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t('sso.settings.confirmRemove', { provider: p.displayName }))) remove.mutate(p.id);
                    }}
                  >
                    {t('sso.settings.remove', { provider: p.displayName })}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
        {editing === 'new' ? (
          <ProviderForm orgId={orgId} onDone={() => setEditing(null)} />
        ) : (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('sso.settings.add')}
          </button>
        )}
      </section>
      <section aria-labelledby="sso-password">
        <h2 id="sso-password">{t('sso.settings.passwordTitle')}</h2>
        {toggle.error ? <ErrorMessage error={toggle.error} /> : null}
        {password.data ? (
          <CheckboxField
            id="sso-password-allowed"
            label={t('sso.settings.passwordAllowed')}
            hint={t('sso.settings.passwordHint')}
            checked={password.data.allowed}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate(e.target.checked)}
          />
        ) : null}
      </section>
    </div>
  );
}
