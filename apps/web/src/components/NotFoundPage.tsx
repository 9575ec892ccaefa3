import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeading } from './PageHeading';
import { usePageTitle } from '../lib/usePageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('errors.notFoundTitle'));
  return (
    <div className="page narrow">
      <PageHeading>{t('errors.notFoundTitle')}</PageHeading>
      <p>{t('errors.notFoundPage')}</p>
      <p>
        <Link to="/">{t('common.home')}</Link>
      </p>
    </div>
  );
}
