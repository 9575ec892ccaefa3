import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { VerifyFileForm } from './VerifyFileForm';
import { VerifyForm } from './VerifyForm';

export function VerifyLookupPage() {
  const { t } = useTranslation();
  usePageTitle(t('verify.lookupTitle'));
  return (
    <div className="page narrow">
      <PageHeading>{t('verify.lookupTitle')}</PageHeading>
      <p className="lead">{t('verify.lookupIntro')}</p>
      <VerifyForm />
      <VerifyFileForm />
    </div>
  );
}
