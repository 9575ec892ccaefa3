import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextArea } from '../../../components/form';
import { sha256OfFile, verifyCredential } from '../api/verify';
import { CredentialResult } from './CredentialResult';

/** Largest file read in the browser (a certificate PDF is far smaller). */
const MAX_BYTES = 20 * 1024 * 1024;

/**
 * Check what a verifier was sent: the PDF (hashed here, never uploaded: the hash is looked up)
 * or the credential JSON (a file or pasted), which is checked by POST /api/verify/credential.
 */
export function VerifyFileForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const check = useMutation({ mutationFn: verifyCredential });

  useEffect(() => {
    if (check.data) document.getElementById('credential-result')?.focus();
  }, [check.data]);

  const submitJson = (raw: string) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      setError(t('credentials.notJson'));
      return;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      setError(t('credentials.notJson'));
      return;
    }
    setError(undefined);
    check.mutate(parsed as Record<string, unknown>);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setError(t('credentials.fileTooLarge'));
      return;
    }
    const head = new Uint8Array(await file.slice(0, 5).arrayBuffer());
    const isPdf = String.fromCharCode(...head) === '%PDF-';
    if (isPdf) {
      setError(undefined);
      void navigate(`/verify/${await sha256OfFile(file)}`);
      return;
    }
    submitJson(await file.text());
  };

  return (
    <section aria-labelledby="verify-file-title" className="card">
      <h2 id="verify-file-title">{t('credentials.fileTitle')}</h2>
      <p>{t('credentials.fileIntro')}</p>
      <div className="field">
        <label htmlFor="verify-file">{t('credentials.fileLabel')}</label>
        <input
          id="verify-file"
          type="file"
          accept=".pdf,.json,.jsonld,application/pdf,application/json,application/ld+json"
          aria-describedby="verify-file-hint"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
        <p id="verify-file-hint" className="hint">{t('credentials.fileHint')}</p>
      </div>
      <form
        noValidate
        aria-label={t('credentials.pasteTitle')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!text.trim()) {
            setError(t('validation.required'));
            return;
          }
          submitJson(text);
        }}
      >
        <TextArea id="verify-json" label={t('credentials.pasteLabel')} rows={5} spellCheck={false} value={text} error={error} onChange={(e) => { setText(e.target.value); }} />
        <div className="form-actions">
          <button type="submit" className="button" aria-disabled={check.isPending ? true : undefined}>
            {t('credentials.check')}
          </button>
        </div>
      </form>
      {!text && error ? <p role="alert" className="field-error">{error}</p> : null}
      {check.error ? <ErrorMessage error={check.error} /> : null}
      <div aria-live="polite">{check.data ? <CredentialResult result={check.data} /> : null}</div>
    </section>
  );
}
