import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { downloadMyData } from '../api/certificates';

/** "What do you hold about me?": the data-subject export (JSON and certificate PDFs in one ZIP). */
export function MyDataCard() {
  const { t } = useTranslation();
  const exportData = useMutation({ mutationFn: downloadMyData });
  return (
    <section className="card" aria-labelledby="my-data-heading">
      <h2 id="my-data-heading">{t('office2.myData.title')}</h2>
      <p>{t('office2.myData.intro')}</p>
      {exportData.error ? <ErrorMessage error={exportData.error} /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" disabled={exportData.isPending} onClick={() => { exportData.mutate(); }}>
          {t('office2.myData.download')}
        </button>
      </div>
    </section>
  );
}
