import { useTranslation } from 'react-i18next';
import type { VersionStatus } from '../../../api';
import { Icon } from '../../../components/Icon';

export function CourseStatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      <Icon name={status === 'published' ? 'check' : status === 'draft' ? 'circle' : 'lock'} size={16} />
      {t(`authoring.status.${status}`)}
    </span>
  );
}
