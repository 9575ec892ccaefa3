import { useEffect } from 'react';

/** Sets the document title of the current page: "<page> · Kindling". */
export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Kindling` : 'Kindling';
  }, [title]);
}
