import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { setSessionLostHandler } from '../../../api';
import { Loading } from '../../../components/Loading';
import { currentLocale, isLocale, setLocale } from '../../../i18n';
import { meQueryKey } from '../../../api/auth';
import { rolesOf, useMe, useSignOut } from '../../../lib/useSession';
import { DemoBanner } from './DemoBanner';
import { LanguagePicker } from './LanguagePicker';
import { VerifyEmailNotice } from './VerifyEmailNotice';

function navClass({ isActive }: { isActive: boolean }): string {
  return isActive ? 'nav-link active' : 'nav-link';
}

/** The page frame: skip link, header with navigation by role, main landmark, footer. */
export function Layout() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const signOut = useSignOut();
  const roles = rolesOf(me.data);
  const userLocale = me.data?.locale;
  const [menuOpen, setMenuOpen] = useState(false);
  const { pathname } = useLocation();

  // A followed link closes the phone menu.
  useEffect(() => {
    setMenuOpen(false);
  }, [pathname]);

  useEffect(() => {
    setSessionLostHandler(() => queryClient.setQueryData(meQueryKey, null));
    return () => { setSessionLostHandler(null); };
  }, [queryClient]);

  useEffect(() => {
    if (isLocale(userLocale) && userLocale !== currentLocale()) void setLocale(userLocale);
  }, [userLocale]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width={28} height={28} />
            <span>Kindling</span>
          </Link>
          <button
            type="button"
            className="button button-quiet menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-menu"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? t('shell.closeMenu') : t('shell.menu')}
          </button>
          <div id="site-menu" className={menuOpen ? 'site-menu open' : 'site-menu'}>
          {me.data ? (
            <nav aria-label={t('shell.mainNav')} className="main-nav">
              <ul>
                <li>
                  {/* A manager's "/" is the overview of their cohorts (issue 18); their own courses are at /my-learning. */}
                  <NavLink to={roles.isManager ? '/my-learning' : '/'} end className={navClass}>
                    {t('shell.nav.learning')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/certificates" className={navClass}>
                    {t('shell.nav.certificates')}
                  </NavLink>
                </li>
                {roles.isAuthor ? (
                  <li>
                    <NavLink to="/author" className={navClass}>
                      {t('shell.nav.author')}
                    </NavLink>
                  </li>
                ) : null}
                {roles.isManager ? (
                  <li>
                    <NavLink to="/manage" className={navClass}>
                      {t('shell.nav.manage')}
                    </NavLink>
                  </li>
                ) : null}
                {roles.isAdmin ? (
                  <li>
                    <NavLink to="/platform" className={navClass}>
                      {t('shell.nav.admin')}
                    </NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
          ) : null}
          <div className="header-tools">
            <LanguagePicker />
            {me.data ? (
              <div className="account">
                <span className="account-name">{t('shell.signedInAs', { name: me.data.name })}</span>
                <button type="button" className="button button-quiet" onClick={() => void signOut()}>
                  {t('shell.signOut')}
                </button>
              </div>
            ) : me.isPending ? null : (
              <Link to="/sign-in" className="button button-quiet">
                {t('shell.signIn')}
              </Link>
            )}
          </div>
          </div>
        </div>
      </header>
      <div className="container">
        <DemoBanner />
        <VerifyEmailNotice />
      </div>
      <main id="main" tabIndex={-1} className="container site-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footer')}</p>
          <p>
            <Link to="/verify">{t('shell.verifyLink')}</Link>
          </p>
        </div>
      </footer>
    </>
  );
}
