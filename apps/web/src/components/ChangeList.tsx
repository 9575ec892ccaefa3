import { useTranslation } from 'react-i18next';
import type { fetchChanges } from '../api/publishing';

type Change = Awaited<ReturnType<typeof fetchChanges>>['changes'][number];

/** One line per change: "Lesson “Intro” edited (body)"; quiz changes that affect grading are said so. */
export function ChangeList({ changes }: { changes: readonly Change[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p>{t('authoring2.publish.noChanges')}</p>;
  return (
    <ul className="change-list">
      {changes.map((c) => (
        <li key={`${c.item}-${c.lineageId}`}>
          {t(`authoring2.publish.line.${c.change}`, { item: t(`authoring2.publish.item.${c.item}`), title: c.title })}
          {c.change === 'edited' && c.fields.length > 0 ? ` (${c.fields.map((f) => t(`authoring2.publish.field.${f}`, { defaultValue: f })).join(', ')})` : ''}
          {c.item === 'quiz' && c.affectsGrading ? <strong className="badge"> {t('authoring2.publish.affectsGrading')}</strong> : null}
        </li>
      ))}
    </ul>
  );
}

