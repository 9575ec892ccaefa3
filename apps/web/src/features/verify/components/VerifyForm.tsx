import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { TextField } from '../../../components/form';

/** Look up a certificate by its verification code (as printed under the QR code). */
export function VerifyForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      className="verify-form"
      noValidate
      role="search"
      aria-label={t('verify.formLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        const value = code.trim().replace(/^.*\/verify\//, '');
        if (!value) {
          setError(t('validation.required'));
          return;
        }
        setError(undefined);
        void navigate(`/verify/${encodeURIComponent(value)}`);
      }}
    >
      <TextField
        id="verify-code"
        label={t('verify.codeLabel')}
        hint={t('verify.codeHint')}
        value={code}
        autoComplete="off"
        spellCheck={false}
        error={error}
        onChange={(e) => { setCode(e.target.value); }}
      />
      <div className="form-actions">
        <button type="submit" className="button">
          {t('verify.check')}
        </button>
      </div>
    </form>
  );
}
