import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CourseDetail, OutlineModule } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TextField } from '../../../components/form';
import { StatusMessage } from '../../../components/StatusMessage';
import { useFormat } from '../../../i18n/format';
import { authoringKeys, createModule, orderLessons, orderModules, renameModule } from '../api/authoring';
import { DeleteItemButton, UndoDeletions } from './DraftDeletions';

function moved<T>(list: T[], index: number, delta: -1 | 1): T[] {
  const next = [...list];
  const target = index + delta;
  const a = next[index];
  const b = next[target];
  if (a === undefined || b === undefined) return list;
  next[index] = b;
  next[target] = a;
  return next;
}

/** Up and down buttons: a keyboard-friendly way to reorder (no drag and drop needed). */
function MoveButtons({ label, index, count, onMove }: { label: string; index: number; count: number; onMove: (delta: -1 | 1) => void }) {
  const { t } = useTranslation();
  return (
    <span className="move-buttons">
      <button type="button" className="button button-secondary button-small" disabled={index === 0} onClick={() => { onMove(-1); }}>
        <span aria-hidden="true">↑</span>
        <span className="visually-hidden">{t('authoring.structure.moveUp', { name: label })}</span>
      </button>
      <button type="button" className="button button-secondary button-small" disabled={index === count - 1} onClick={() => { onMove(1); }}>
        <span aria-hidden="true">↓</span>
        <span className="visually-hidden">{t('authoring.structure.moveDown', { name: label })}</span>
      </button>
    </span>
  );
}

function ModuleBlock({ course, module, index, onStatus }: { course: CourseDetail; module: OutlineModule; index: number; onStatus: (m: string) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState(false);
  const [title, setTitle] = useState(module.title);
  const refresh = () => queryClient.invalidateQueries({ queryKey: authoringKeys.course(course.id) });
  const rename = useMutation({
    mutationFn: () => renameModule(module.id, title.trim()),
    onSuccess: async () => {
      setRenaming(false);
      onStatus(t('common.saved'));
      await refresh();
    },
  });
  const reorderModules = useMutation({
    mutationFn: (delta: -1 | 1) => orderModules(course.id, moved(course.modules, index, delta).map((m) => m.id)),
    onSuccess: async () => {
      onStatus(t('authoring.structure.moved', { name: module.title }));
      await refresh();
    },
  });
  const reorderLessons = useMutation({
    mutationFn: ({ at, delta }: { at: number; delta: -1 | 1 }) => orderLessons(module.id, moved(module.lessons, at, delta).map((l) => l.id)),
    onSuccess: async (_, { at }) => {
      onStatus(t('authoring.structure.moved', { name: module.lessons[at]?.title ?? '' }));
      await refresh();
    },
  });
  const headingId = `module-${module.id}`;
  const error = rename.error ?? reorderModules.error ?? reorderLessons.error;

  return (
    <section aria-labelledby={headingId} className="card">
      <div className="card-head">
        <h3 id={headingId}>
          {t('authoring.structure.moduleNumber', { number: index + 1 })}: {module.title}
        </h3>
        <span className="card-actions">
          <MoveButtons label={module.title} index={index} count={course.modules.length} onMove={(d) => { reorderModules.mutate(d); }} />
          <button type="button" className="button button-secondary button-small" aria-expanded={renaming} onClick={() => { setRenaming((r) => !r); }}>
            {t('authoring.structure.rename')}
            <span className="visually-hidden"> {module.title}</span>
          </button>
          <DeleteItemButton courseId={course.id} kind="module" id={module.id} name={module.title} onStatus={onStatus} />
        </span>
      </div>
      {renaming ? (
        <form
          className="inline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim()) rename.mutate();
          }}
        >
          <TextField id={`${headingId}-title`} label={t('authoring.structure.moduleTitle')} value={title} onChange={(e) => { setTitle(e.target.value); }} />
          <button type="submit" className="button button-small" disabled={rename.isPending}>
            {t('common.save')}
          </button>
        </form>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      <h4>{t('authoring.structure.lessons')}</h4>
      {module.lessons.length ? (
        <ol className="structure-list">
          {module.lessons.map((lesson, at) => (
            <li key={lesson.id}>
              <span className="grow">
                <Link to={`/author/courses/${course.id}/lessons/${lesson.id}`}>{lesson.title}</Link>
                {lesson.minutes ? <span className="hint"> · {fmt.minutes(lesson.minutes)}</span> : null}
              </span>
              <MoveButtons label={lesson.title} index={at} count={module.lessons.length} onMove={(delta) => { reorderLessons.mutate({ at, delta }); }} />
              <DeleteItemButton courseId={course.id} kind="lesson" id={lesson.id} name={lesson.title} onStatus={onStatus} />
            </li>
          ))}
        </ol>
      ) : (
        <p className="hint">{t('authoring.structure.noLessons')}</p>
      )}
      <h4>{t('authoring.structure.quizzes')}</h4>
      {module.quizzes.length ? (
        <ul className="structure-list">
          {module.quizzes.map((quiz) => (
            <li key={quiz.id}>
              <span className="grow">
                <Link to={`/author/courses/${course.id}/quizzes/${quiz.id}`}>{quiz.title}</Link>
              </span>
              <span className="hint">
                {t('authoring.structure.quizFacts', { count: quiz.questionCount, passMark: fmt.percent(quiz.passMark) })}
              </span>
              <DeleteItemButton courseId={course.id} kind="quiz" id={quiz.id} name={quiz.title} onStatus={onStatus} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{t('authoring.structure.noQuizzes')}</p>
      )}
      <div className="card-actions">
        <Link className="button button-secondary button-small" to={`/author/courses/${course.id}/lessons/new?module=${module.id}`}>
          {t('authoring.structure.addLesson')}
          <span className="visually-hidden"> {module.title}</span>
        </Link>
        <Link className="button button-secondary button-small" to={`/author/courses/${course.id}/quizzes/new?module=${module.id}`}>
          {t('authoring.structure.addQuiz')}
          <span className="visually-hidden"> {module.title}</span>
        </Link>
      </div>
    </section>
  );
}

/** Modules with their lessons and quizzes: add, rename, reorder. */
export function CourseStructure({ course }: { course: CourseDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string | undefined>();
  const add = useMutation({
    mutationFn: () => createModule(course.id, title.trim()),
    onSuccess: async () => {
      setTitle('');
      setStatus(t('authoring.structure.moduleAdded'));
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(course.id) });
    },
  });
  return (
    <>
      <StatusMessage message={status} />
      {course.modules.map((module, index) => (
        <ModuleBlock key={module.id} course={course} module={module} index={index} onStatus={setStatus} />
      ))}
      <UndoDeletions courseId={course.id} onStatus={setStatus} />
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!title.trim()) {
            setTitleError(t('validation.required'));
            return;
          }
          setTitleError(undefined);
          add.mutate();
        }}
      >
        <TextField id={id} label={t('authoring.structure.newModule')} value={title} error={titleError} onChange={(e) => { setTitle(e.target.value); }} />
        {add.error ? <ErrorMessage error={add.error} /> : null}
        <button type="submit" className="button button-secondary" disabled={add.isPending}>
          {t('authoring.structure.addModule')}
        </button>
      </form>
    </>
  );
}
