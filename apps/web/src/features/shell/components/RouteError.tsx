import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { errorText } from '../../../components/ErrorMessage';
import { usePageTitle } from '../../../lib/usePageTitle';

/** Shown when rendering a route throws: a full-page message with a way out. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errors.crashTitle'));
  return (
    <main id="main" className="container site-main">
      <div className="page narrow">
        <h1>{t('errors.crashTitle')}</h1>
        <div className="alert alert-error" role="alert">
          <p>{errorText(t, error)}</p>
        </div>
        <p>
          <a href="/">{t('common.home')}</a>
        </p>
      </div>
    </main>
  );
}
