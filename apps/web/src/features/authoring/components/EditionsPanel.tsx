import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon } from '../../../components/Icon';
import { authoringKeys, fetchEditions } from '../api/authoring';

/** The course's language editions: which languages it has and how many texts each one lacks. */
export function EditionsPanel({ courseId }: { courseId: string }) {
  const { t, i18n } = useTranslation();
  const editions = useQuery({ queryKey: authoringKeys.editions(courseId), queryFn: () => fetchEditions(courseId) });
  if (!editions.data) return null;
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const name = (locale: string) => names.of(locale) ?? locale;
  const { defaultLocale } = editions.data;
  return (
    <>
      <p>{t('editions.intro', { language: name(defaultLocale) })}</p>
      <ul className="editions-list">
        {editions.data.editions.map((e) => (
          <li key={e.locale}>
            {e.isDefault ? (
              <>
                <Icon name="check" /> {t('editions.default', { language: name(e.locale) })}
              </>
            ) : e.missing === 0 ? (
              <>
                <Icon name="check" /> {t('editions.complete', { language: name(e.locale) })}
              </>
            ) : e.started ? (
              t('editions.missing', { language: name(e.locale), count: e.missing, total: e.total })
            ) : (
              t('editions.notStarted', { language: name(e.locale) })
            )}
            {e.isDefault ? null : (
              <>
                {' '}
                <Link to={`/author/courses/${courseId}/editions/${e.locale}`}>{t('authoring2.editions.fill', { language: name(e.locale) })}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
