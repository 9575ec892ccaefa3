import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../../components/Icon';
import { verifyUrl } from '../api/certificates';

/** The public verification link of a certificate, to copy and share. */
export function ShareLink({ id, code, url: given }: { id: string; code: string; url?: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const url = given ?? verifyUrl(code);
  const inputId = `share-${id}`;

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      document.getElementById(inputId)?.focus();
      setCopied('no');
    }
  };

  return (
    <div className="share">
      <label htmlFor={inputId}>{t('certificates.shareLabel')}</label>
      <div className="share-row">
        <input id={inputId} type="text" readOnly value={url} onFocus={(e) => { e.target.select(); }} />
        <button type="button" className="button button-secondary" onClick={() => void copy()}>
          <Icon name="link" size={18} />
          {t('certificates.copy')}
        </button>
      </div>
      <p aria-live="polite" className="hint">
        {copied === 'yes' ? t('certificates.copied') : copied === 'no' ? t('certificates.copyManually') : ''}
      </p>
      <p>
        <Link to={`/verify/${encodeURIComponent(code)}`}>{t('certificates.openVerification')}</Link>
      </p>
    </div>
  );
}
