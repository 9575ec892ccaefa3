import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { authoringKeys, deleteLesson, deleteModule, deleteQuiz, deletionsKey, fetchDeletions, restoreDeletion } from '../api/authoring';

type Kind = 'module' | 'lesson' | 'quiz';
const REMOVE = { module: deleteModule, lesson: deleteLesson, quiz: deleteQuiz } as const;

/** Deletes a module, lesson or quiz from the draft after a confirmation; the deletion can be undone below the structure. */
export function DeleteItemButton({ courseId, kind, id, name, onStatus }: { courseId: string; kind: Kind; id: string; name: string; onStatus: (m: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => REMOVE[kind](id),
    onSuccess: async () => {
      onStatus(t('authoring1.remove.deleted', { name }));
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
      await queryClient.invalidateQueries({ queryKey: deletionsKey(courseId) });
    },
  });
  const confirmText =
    kind === 'module' ? t('authoring1.remove.confirmModule', { name }) : kind === 'lesson' ? t('authoring1.remove.confirmLesson', { name }) : t('authoring1.remove.confirmQuiz', { name });
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(confirmText)) remove.mutate();
        }}
      >
        {t('authoring1.remove.delete')}
        <span className="visually-hidden"> {name}</span>
      </button>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
    </>
  );
}

/** What was deleted from the open draft, newest first, each with an Undo button. */
export function UndoDeletions({ courseId, onStatus }: { courseId: string; onStatus: (m: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deletions = useQuery({ queryKey: deletionsKey(courseId), queryFn: () => fetchDeletions(courseId) });
  const restore = useMutation({
    mutationFn: (d: { id: string; title: string }) => restoreDeletion(courseId, d.id),
    onSuccess: async (_, d) => {
      onStatus(t('authoring1.remove.restored', { name: d.title }));
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
      await queryClient.invalidateQueries({ queryKey: deletionsKey(courseId) });
    },
  });
  const kindLabel = (kind: Kind) =>
    kind === 'module' ? t('authoring1.remove.kind_module') : kind === 'lesson' ? t('authoring1.remove.kind_lesson') : t('authoring1.remove.kind_quiz');
  if (!deletions.data || deletions.data.length === 0) return null;
  return (
    <section aria-labelledby="undo-heading" className="card">
      <h3 id="undo-heading">{t('authoring1.remove.recent')}</h3>
      {restore.error ? <ErrorMessage error={restore.error} /> : null}
      <ul className="undo-list">
        {deletions.data.map((d) => (
          <li key={d.id}>
            <span className="grow">
              {d.title} <span className="hint">({kindLabel(d.kind)})</span>
            </span>
            <button type="button" className="button button-secondary button-small" disabled={restore.isPending} onClick={() => { restore.mutate(d); }}>
              {t('authoring1.remove.undo')}
              <span className="visually-hidden"> {d.title}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
