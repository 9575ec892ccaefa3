import type { ReactNode } from 'react';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';

/** The narrow, centred frame of the sign-in pages. */
export function AuthCard({ title, intro, children, footer }: { title: string; intro?: string; children: ReactNode; footer?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="auth-page">
      <section className="card auth-card" aria-labelledby="auth-title">
        <PageHeading id="auth-title">{title}</PageHeading>
        {intro ? <p className="lead">{intro}</p> : null}
        {children}
      </section>
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </div>
  );
}
