import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyCertificate } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { useFormat } from '../../../i18n/format';
import { usePageTitle } from '../../../lib/usePageTitle';
import { fetchMyEnrolments, myEnrolmentsKey } from '../../../api/enrolments';
import { downloadCertificatePdf, downloadCredential, fetchMyCertificates, linkedInUrl, myCertificatesKey } from '../api/certificates';
import { CertificateNameCard } from './CertificateNameCard';
import { MyDataCard } from './MyDataCard';
import { ShareLink } from './ShareLink';

function CertificateCard({ certificate }: { certificate: MyCertificate }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const pdf = useMutation({ mutationFn: () => downloadCertificatePdf(certificate.id, certificate.number) });
  const credential = useMutation({ mutationFn: () => downloadCredential(certificate.id, certificate.number) });
  const revoked = certificate.status === 'revoked';
  const headingId = `cert-${certificate.id}`;
  return (
    <li className="card certificate-card">
      <article aria-labelledby={headingId}>
        <h2 id={headingId}>{certificate.courseTitle}</h2>
        <p className={revoked ? 'badge badge-revoked' : 'badge badge-valid'}>
          <Icon name={revoked ? 'cross' : 'check'} size={16} />
          {revoked ? t('certificates.statusRevoked') : t('certificates.statusValid')}
        </p>
        <dl className="facts">
          <div>
            <dt>{t('certificates.number')}</dt>
            <dd>{certificate.number}</dd>
          </div>
          <div>
            <dt>{t('certificates.holder')}</dt>
            <dd>{certificate.holderName}</dd>
          </div>
          <div>
            <dt>{t('certificates.completed')}</dt>
            <dd>{fmt.date(certificate.completedAt)}</dd>
          </div>
          {certificate.hours !== null ? (
            <div>
              <dt>{t('certificates.hours')}</dt>
              <dd>{fmt.number(certificate.hours, certificate.hours % 1 ? 1 : 0)}</dd>
            </div>
          ) : null}
        </dl>
        {revoked ? null : (
          <>
            <div className="form-actions">
              <button
                type="button"
                className="button"
                aria-disabled={pdf.isPending ? true : undefined}
                onClick={() => {
                  if (!pdf.isPending) pdf.mutate();
                }}
              >
                <Icon name="download" size={18} />
                {t('certificates.download')}
                <span className="visually-hidden"> {certificate.courseTitle}</span>
              </button>
              <button
                type="button"
                className="button button-secondary"
                aria-disabled={credential.isPending ? true : undefined}
                onClick={() => {
                  if (!credential.isPending) credential.mutate();
                }}
              >
                <Icon name="download" size={18} />
                {t('credentials.download')}
                <span className="visually-hidden"> {certificate.courseTitle}</span>
              </button>
              <a className="button button-secondary" href={linkedInUrl(certificate)} target="_blank" rel="noopener noreferrer">
                {t('credentials.linkedIn')}
                <span className="visually-hidden"> {certificate.courseTitle} ({t('credentials.newWindow')})</span>
              </a>
            </div>
            <p className="hint">{t('credentials.downloadHint')}</p>
            {pdf.error ? <ErrorMessage error={pdf.error} /> : null}
            {credential.error ? <ErrorMessage error={credential.error} /> : null}
            <ShareLink id={certificate.id} code={certificate.verificationCode} url={certificate.verificationUrl} />
          </>
        )}
      </article>
    </li>
  );
}

export function CertificatesPage() {
  const { t } = useTranslation();
  usePageTitle(t('certificates.title'));
  // A certificate is issued by the worker a few seconds after completion: poll until it is there.
  const enrolments = useQuery({
    queryKey: myEnrolmentsKey,
    queryFn: fetchMyEnrolments,
    // Always ask again on arrival: a completion from the page before may have changed the answer.
    refetchOnMount: 'always',
    refetchInterval: (query) =>
      query.state.data?.some((e) => e.status === 'completed' && !e.certificate) ? 4000 : false,
  });
  const waiting = (enrolments.data ?? []).filter((e) => e.status === 'completed' && !e.certificate);
  // The two lists are polled independently: the enrolments may already name a certificate the
  // list of certificates (fetched a moment before) does not hold yet. Keep asking for the
  // certificates until every certificate an enrolment names is among them, or the card would
  // never appear when the enrolments' poll happened to answer first.
  const certificates = useQuery({
    queryKey: myCertificatesKey,
    queryFn: fetchMyCertificates,
    refetchOnMount: 'always',
    refetchInterval: (query) => {
      if (waiting.length) return 4000;
      const held = new Set((query.state.data ?? []).map((c) => c.id));
      return (enrolments.data ?? []).some((e) => e.certificate && !held.has(e.certificate.id)) ? 1000 : false;
    },
  });

  return (
    <div className="page">
      <PageHeading>{t('certificates.title')}</PageHeading>
      <div aria-live="polite" className="live">
        {waiting.map((e) => (
          <p key={e.id} className="status-line">
            <span className="spinner" aria-hidden="true" /> {t('certificates.preparing', { course: e.course.title })}
          </p>
        ))}
      </div>
      {certificates.isPending ? <Loading /> : null}
      {certificates.isError ? <ErrorMessage error={certificates.error} onRetry={() => void certificates.refetch()} /> : null}
      {certificates.data?.length === 0 && !waiting.length ? (
        <p className="empty">
          {t('certificates.empty')} <Link to="/">{t('certificates.toCourses')}</Link>
        </p>
      ) : null}
      {certificates.data?.length ? (
        <ul className="card-list">
          {certificates.data.map((c) => (
            <CertificateCard key={c.id} certificate={c} />
          ))}
        </ul>
      ) : null}
      <CertificateNameCard />
      <MyDataCard />
    </div>
  );
}
