import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../api';
import { currentLocale, isLocale, LOCALE_NAMES, LOCALES, setLocale } from '../../../i18n';
import { meQueryKey, updateMe } from '../../../api/auth';
import { useMe } from '../../../lib/useSession';

/** The interface language: kept on the user when signed in, on this device otherwise. */
export function LanguagePicker() {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe();
  const queryClient = useQueryClient();

  const change = async (value: string) => {
    if (!isLocale(value)) return;
    if (me.data) {
      const updated: Me = { ...me.data, locale: value };
      queryClient.setQueryData(meQueryKey, updated);
    }
    await setLocale(value);
    if (me.data) {
      try {
        await updateMe({ locale: value });
      } catch {
        // the interface already speaks the new language; the server keeps the old one until next time
      }
    }
  };

  return (
    <div className="language-picker">
      <label htmlFor={id}>{t('shell.language')}</label>
      <select id={id} value={currentLocale()} onChange={(e) => void change(e.target.value)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
