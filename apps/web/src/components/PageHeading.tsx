import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';

const firstPath = window.location.pathname;
let navigated = false;

/**
 * The page's h1. After a client-side navigation it takes the focus, so that keyboard and
 * screen-reader users start at the new page's content (not on the first page load).
 */
export function PageHeading({ children, id }: { children: ReactNode; id?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (!navigated && pathname === firstPath) return;
    navigated = true;
    ref.current?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <h1 ref={ref} id={id} tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
