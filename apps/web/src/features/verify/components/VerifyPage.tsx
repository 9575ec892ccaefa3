import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { aroundValue, printed, VALUE_MARK } from '../api/display';
import { fetchVerification, verifyKey } from '../api/verify';
import { VerifyForm } from './VerifyForm';

const ICONS = { valid: 'check', revoked: 'cross', superseded: 'warning', expired: 'warning' } as const;

/** The public page behind the QR code: valid, revoked or superseded, said four ways at once. */
export function VerifyPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { code = '' } = useParams();
  const query = useQuery({ queryKey: verifyKey(code), queryFn: () => fetchVerification(code), retry: false });
  const data = query.data;
  const notFound = isApiError(query.error, 404);

  const headings = {
    valid: t('verify.validTitle'),
    revoked: t('verify.revokedTitle'),
    superseded: t('verify.supersededTitle'),
    expired: t('credentials.expiredTitle'),
  };
  usePageTitle(data ? headings[data.status] : notFound ? t('verify.notFoundTitle') : t('verify.lookupTitle'));

  if (query.isPending) return <Loading label={t('verify.checking')} />;
  if (notFound) {
    return (
      <div className="page narrow">
        <section className="verdict verdict-unknown" aria-labelledby="verdict-title">
          <span className="verdict-icon">
            <Icon name="warning" size={40} />
          </span>
          <div>
            <PageHeading id="verdict-title">{t('verify.notFoundTitle')}</PageHeading>
            <p>{t('verify.notFoundText')}</p>
          </div>
        </section>
        <VerifyForm initial={code} />
      </div>
    );
  }
  if (query.isError || !data) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;

  const org = data.organization;
  const text =
    data.status === 'valid'
      ? data.holderErased
        ? t('office2.verify.validErased')
        : withName(t('verify.validText', { holder: VALUE_MARK }), data.holderName)
      : data.status === 'revoked'
        ? t('verify.revokedText', { date: fmt.date(data.revokedAt) })
        : data.status === 'expired'
          ? t('credentials.expiredText', { date: fmt.date(data.validUntil) })
          : t('verify.supersededText');

  return (
    <div className="page narrow">
      <section className={`verdict verdict-${data.status}`} aria-labelledby="verdict-title">
        <span className="verdict-icon">
          <Icon name={ICONS[data.status]} size={40} />
        </span>
        <div>
          <p className="verdict-label">{t('verify.statusLabel')}</p>
          <PageHeading id="verdict-title">{headings[data.status]}</PageHeading>
          <p className="verdict-text">{text}</p>
          {data.status === 'revoked' && data.revocationReason ? (
            <p>
              <strong>{t('verify.reason')}:</strong> {printed(data.revocationReason)}
            </p>
          ) : null}
          {data.status === 'superseded' && data.currentCode ? (
            <p>
              <Link to={`/verify/${encodeURIComponent(data.currentCode)}`}>{t('verify.seeCurrent')}</Link>
            </p>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="details-title" className="card">
        <h2 id="details-title">{t('verify.details')}</h2>
        <dl className="facts facts-wide">
          {data.holderErased ? (
            <div>
              <dt>{t('certificates.holder')}</dt>
              <dd>{t('office2.verify.holderErased')}</dd>
            </div>
          ) : data.holderName !== undefined ? (
            <div>
              <dt>{t('certificates.holder')}</dt>
              <dd>{printed(data.holderName)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('verify.course')}</dt>
            <dd>{printed(data.courseTitle)}</dd>
          </div>
          {data.hours !== null ? (
            <div>
              <dt>{t('certificates.hours')}</dt>
              <dd>{fmt.number(data.hours, data.hours % 1 ? 1 : 0)}</dd>
            </div>
          ) : null}
          {data.accreditation?.body ? (
            <div>
              <dt>{t('verify.accreditedBy')}</dt>
              <dd>
                {printed(data.accreditation.body)}
                {data.accreditation.reference ? ` (${printed(data.accreditation.reference)})` : ''}
              </dd>
            </div>
          ) : null}
          {org ? (
            <div>
              <dt>{t('verify.organization')}</dt>
              <dd>{printed(org)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('certificates.completed')}</dt>
            <dd>{fmt.date(data.completedAt)}</dd>
          </div>
          <div>
            <dt>{t('verify.issued')}</dt>
            <dd>{fmt.date(data.issuedAt)}</dd>
          </div>
          {data.validUntil ? (
            <div>
              <dt>{t('credentials.validUntil')}</dt>
              <dd>{fmt.date(data.validUntil)}</dd>
            </div>
          ) : null}
          {data.status === 'revoked' ? (
            <div>
              <dt>{t('verify.revokedOn')}</dt>
              <dd>{fmt.date(data.revokedAt)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('certificates.number')}</dt>
            <dd>{data.number}</dd>
          </div>
          <div>
            <dt>{t('verify.fingerprint')}</dt>
            <dd>
              <code className="hash">{data.sha256}</code>
              <span className="hint block">{t('verify.fingerprintHint')}</span>
            </dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

/** The sentence with the holder's name in a <bdi>: a right-to-left name cannot reorder the words around it. */
function withName(sentence: string, name: string | null | undefined) {
  const [before, after] = aroundValue(sentence);
  return (
    <>
      {before}
      <bdi>{printed(name)}</bdi>
      {after}
    </>
  );
}
