import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { hasSection, rolesOf, useMe, type Section } from '../../../lib/useSession';

/** Renders the signed-in part of the app, or sends to sign-in keeping the intended URL. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorMessage error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}${location.hash}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

function NoAccess() {
  const { t } = useTranslation();
  usePageTitle(t('errors.noAccessTitle'));
  return (
    <div className="page narrow">
      <PageHeading>{t('errors.noAccessTitle')}</PageHeading>
      <p>{t('errors.noAccess')}</p>
    </div>
  );
}

/** Shows a staff section only to the roles that have it. */
export function RequireSection({ section, children }: { section: Section; children: ReactNode }) {
  const me = useMe();
  if (!hasSection(rolesOf(me.data), section)) return <NoAccess />;
  return children;
}
