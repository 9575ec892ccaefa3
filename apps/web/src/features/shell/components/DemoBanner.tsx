import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { operations, request } from '../../../api';
import { Icon } from '../../../components/Icon';

export const metaQueryKey = ['meta'] as const;

/**
 * Shown on every page while this Kindling holds the demo accounts (GET /api/meta → demo),
 * whose password is published: nobody should mistake it for a real instance.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const meta = useQuery({ queryKey: metaQueryKey, queryFn: () => request(operations.getMeta), staleTime: 5 * 60_000, retry: false });
  if (!meta.data?.demo) return null;
  return (
    <section className="demo-banner alert alert-warning" aria-label={t('identity.demo.label')}>
      <Icon name="info" />
      <p>
        <strong>{t('identity.demo.label')}:</strong> {t('identity.demo.text')}
      </p>
    </section>
  );
}
