import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { OrgHeader } from '../../../components/OrgTabs';
import { PageHeading } from '../../../components/PageHeading';
import { TextField } from '../../../components/form';
import { useOrganizationName } from '../../../lib/useOrganization';
import { usePageTitle } from '../../../lib/usePageTitle';
import { brandingKey, fetchBranding, readAsDataUrl, saveBranding, type BrandingChange } from '../api/branding';

const MAX_FILE_BYTES = 1024 * 1024;
const ACCEPT = 'image/png,image/jpeg,image/svg+xml';

type ImageField = 'logo' | 'signatureImage';

/**
 * The organisation's face on its certificates (issue #16 point 7): logo, signatory, signature
 * image and accent colour; the contact e-mail and website of its public issuer profile. Saving makes a new version; issued certificates keep theirs.
 */
export function BrandingPage() {
  const { t } = useTranslation();
  const { orgId = '' } = useParams();
  const name = useOrganizationName(orgId);
  const title = t('branding.title', { name });
  usePageTitle(title);
  const client = useQueryClient();
  const branding = useQuery({ queryKey: brandingKey(orgId), queryFn: () => fetchBranding(orgId) });
  const [draft, setDraft] = useState<BrandingChange>({});
  const [fileError, setFileError] = useState<Partial<Record<ImageField, string>>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: BrandingChange) => saveBranding(orgId, body),
    onSuccess: (view) => {
      client.setQueryData(brandingKey(orgId), view);
      setDraft({});
      setSaved(true);
    },
  });

  const current = branding.data;
  const value = <K extends keyof BrandingChange>(k: K, fallback: string | null | undefined): string => {
    const v = draft[k];
    return v === undefined ? (fallback ?? '') : (v ?? '');
  };
  const setText = (k: 'signatoryName' | 'signatoryTitle' | 'accentColor' | 'contactEmail' | 'websiteUrl', v: string) => {
    setSaved(false);
    setDraft((d) => ({ ...d, [k]: v.trim() === '' ? null : v }));
  };
  const choose = async (field: ImageField, file: File | undefined) => {
    setSaved(false);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError((e) => ({ ...e, [field]: t('branding.fileTooLarge') }));
      return;
    }
    setFileError((e) => ({ ...e, [field]: undefined }));
    const dataUrl = await readAsDataUrl(file);
    setDraft((d) => ({ ...d, [field]: dataUrl }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(draft);
  };
  const preview = (field: ImageField): string | null => {
    const d = draft[field];
    if (d === null) return null;
    if (typeof d === 'string') return d;
    return current?.[field]?.dataUrl ?? null;
  };
  const colour = value('accentColor', current?.accentColor) || '#2e6b66';

  return (
    <div className="page">
      <OrgHeader orgId={orgId} current={t('branding.tab')} />
      <PageHeading>{title}</PageHeading>
      <p>{t('branding.intro')}</p>
      {branding.isPending ? <Loading /> : null}
      {branding.isError ? <ErrorMessage error={branding.error} onRetry={() => void branding.refetch()} /> : null}
      {current ? (
        <form onSubmit={submit} noValidate aria-describedby="branding-note">
          <p id="branding-note" className="hint">
            {t('branding.newOnly')}
          </p>
          {(['logo', 'signatureImage'] as const).map((field) => {
            const src = preview(field);
            const id = `branding-${field}`;
            return (
              <fieldset key={field} className="field">
                <legend>{t(field === 'logo' ? 'branding.logo' : 'branding.signatureImage')}</legend>
                {src ? (
                  <img src={src} alt={t(field === 'logo' ? 'branding.logoPreview' : 'branding.signaturePreview')} style={{ maxWidth: '100%', maxHeight: 96, display: 'block' }} />
                ) : (
                  <p className="empty">{t('branding.noImage')}</p>
                )}
                <TextField
                  id={id}
                  type="file"
                  accept={ACCEPT}
                  label={t('branding.chooseFile')}
                  hint={t('branding.fileHint')}
                  error={fileError[field]}
                  optional
                  onChange={(e) => void choose(field, e.currentTarget.files?.[0])}
                />
                {src ? (
                  <button type="button" className="button button-secondary" onClick={() => setDraft((d) => ({ ...d, [field]: null }))}>
                    {t(field === 'logo' ? 'branding.removeLogo' : 'branding.removeSignature')}
                  </button>
                ) : null}
              </fieldset>
            );
          })}
          <TextField
            id="branding-signatory-name"
            label={t('branding.signatoryName')}
            maxLength={120}
            optional
            value={value('signatoryName', current.signatoryName)}
            onChange={(e) => setText('signatoryName', e.currentTarget.value)}
          />
          <TextField
            id="branding-signatory-title"
            label={t('branding.signatoryTitle')}
            maxLength={120}
            optional
            value={value('signatoryTitle', current.signatoryTitle)}
            onChange={(e) => setText('signatoryTitle', e.currentTarget.value)}
          />
          <TextField
            id="branding-contact-email"
            type="email"
            autoComplete="email"
            label={t('branding.contactEmail')}
            hint={t('branding.contactEmailHint')}
            maxLength={254}
            optional
            value={value('contactEmail', current.contactEmail)}
            onChange={(e) => setText('contactEmail', e.currentTarget.value)}
          />
          <TextField
            id="branding-website"
            type="url"
            inputMode="url"
            autoComplete="url"
            placeholder="https://"
            label={t('branding.websiteUrl')}
            hint={t('branding.websiteUrlHint')}
            maxLength={2000}
            optional
            value={value('websiteUrl', current.websiteUrl)}
            onChange={(e) => setText('websiteUrl', e.currentTarget.value)}
          />
          <TextField
            id="branding-accent"
            type="color"
            label={t('branding.accentColor')}
            hint={t('branding.accentHint')}
            value={colour}
            onChange={(e) => setText('accentColor', e.currentTarget.value)}
          />
          {save.isError ? <ErrorMessage error={save.error} /> : null}
          <p role="status" aria-live="polite">
            {saved ? t('branding.saved') : ''}
          </p>
          <button type="submit" className="button" disabled={save.isPending || Object.keys(draft).length === 0}>
            {t('branding.save')}
          </button>
        </form>
      ) : null}
    </div>
  );
}
