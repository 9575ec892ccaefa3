import { useTranslation } from 'react-i18next';
import { CheckboxField } from '../../../components/form';

export function PasswordVisibility({ id, shown, onChange }: { id: string; shown: boolean; onChange: (shown: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <CheckboxField id={id} label={t('auth.showPassword')} checked={shown} onChange={(e) => { onChange(e.target.checked); }} />
  );
}
