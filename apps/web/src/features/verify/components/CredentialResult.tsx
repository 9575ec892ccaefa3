import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CredentialVerification } from '../../../api';
import { Icon } from '../../../components/Icon';
import { useFormat } from '../../../i18n/format';
import { claimsToShow, printed } from '../api/display';

const ICONS = { valid: 'check', revoked: 'cross', superseded: 'warning', expired: 'warning', invalid: 'cross' } as const;

/** The answer for a credential JSON: signature, issuer, status and what it claims. */
export function CredentialResult({ result }: { result: CredentialVerification }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const c = claimsToShow(result);
  return (
    <section className={`verdict verdict-${result.status === 'invalid' ? 'revoked' : result.status}`} aria-labelledby="credential-verdict" tabIndex={-1} id="credential-result">
      <span className="verdict-icon">
        <Icon name={ICONS[result.status]} size={40} />
      </span>
      <div>
        <p className="verdict-label">{t('credentials.statusLabel')}</p>
        <h2 id="credential-verdict">{t(`credentials.status.${result.status}`)}</h2>
        <p className="verdict-text">{result.signatureValid ? t('credentials.signatureValid') : t(`credentials.reason.${result.reason ?? 'signature'}`)}</p>
        {/* An invalid credential vouches for nothing: what its file claims (a changed name or hours) is not shown as facts. */}
        {c === null ? null : (
          <dl className="facts facts-wide">
            <div>
              <dt>{t('credentials.issuer')}</dt>
              <dd>{printed(result.issuer.name ?? result.issuer.id) ?? '—'}</dd>
            </div>
            {c.holderName ? (
              <div>
                <dt>{t('certificates.holder')}</dt>
                <dd>{printed(c.holderName)}</dd>
              </div>
            ) : null}
            {c.achievement ? (
              <div>
                <dt>{t('verify.course')}</dt>
                <dd>{printed(c.achievement)}</dd>
              </div>
            ) : null}
            {c.hours !== null ? (
              <div>
                <dt>{t('certificates.hours')}</dt>
                <dd>{fmt.number(c.hours, c.hours % 1 ? 1 : 0)}</dd>
              </div>
            ) : null}
            {c.accreditationBody ? (
              <div>
                <dt>{t('verify.accreditedBy')}</dt>
                <dd>
                  {printed(c.accreditationBody)}
                  {c.accreditationReference ? ` (${printed(c.accreditationReference)})` : ''}
                </dd>
              </div>
            ) : null}
            {c.number ? (
              <div>
                <dt>{t('certificates.number')}</dt>
                <dd>{c.number}</dd>
              </div>
            ) : null}
            {c.validFrom ? (
              <div>
                <dt>{t('verify.issued')}</dt>
                <dd>{fmt.date(c.validFrom)}</dd>
              </div>
            ) : null}
            {c.validUntil ? (
              <div>
                <dt>{t('credentials.validUntil')}</dt>
                <dd>{fmt.date(c.validUntil)}</dd>
              </div>
            ) : null}
          </dl>
        )}
        {result.status !== 'invalid' ? <p className="hint">{t('credentials.claimsHint')}</p> : null}
        {result.verificationCode ? (
          <p>
            <Link to={`/verify/${encodeURIComponent(result.verificationCode)}`}>{t('credentials.openRecord')}</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}
