import { useTranslation } from 'react-i18next';
import type { MyEnrolment } from '../api';
import { Icon } from './Icon';

/** An enrolment's status (active, completed, withdrawn) as a badge with an icon. */
export function StatusBadge({ status }: { status: MyEnrolment['status'] }) {
  const { t } = useTranslation();
  const icon = status === 'completed' ? 'check' : status === 'withdrawn' ? 'cross' : 'circle';
  return (
    <span className={`badge badge-${status}`}>
      <Icon name={icon} size={16} />
      {t(`status.${status}`)}
    </span>
  );
}
