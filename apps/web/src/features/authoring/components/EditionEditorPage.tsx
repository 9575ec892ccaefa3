import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { operations, request } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys } from '../api/authoring';

type Locale = 'en' | 'it' | 'de' | 'fr';
const fetchEdition = (id: string, locale: Locale) => request(operations.courseEdition, { params: { id, locale } });
type Edition = Awaited<ReturnType<typeof fetchEdition>>;
type Pair = { source: string; text: string | null };

interface Row { key: string; label: string; pair: Pair; long: boolean }

/** Every translatable text of the course as rows: where it is, the default text, the edition's text. */
function rowsOf(e: Edition, label: (key: string, values?: Record<string, unknown>) => string): Row[] {
  const rows: Row[] = [
    { key: 'course.title', label: label('authoring2.editions.courseTitle'), pair: e.course.title, long: false },
    { key: 'course.summary', label: label('authoring2.editions.courseSummary'), pair: e.course.summary, long: true },
  ];
  for (const m of e.modules) rows.push({ key: `module.${m.id}.title`, label: label('authoring2.editions.moduleTitle', { title: m.title.source }), pair: m.title, long: false });
  for (const l of e.lessons) {
    rows.push({ key: `lesson.${l.id}.title`, label: label('authoring2.editions.lessonTitle', { title: l.title.source }), pair: l.title, long: false });
    rows.push({ key: `lesson.${l.id}.body`, label: label('authoring2.editions.lessonBody', { title: l.title.source }), pair: l.body, long: true });
  }
  for (const q of e.quizzes) {
    rows.push({ key: `quiz.${q.id}.title`, label: label('authoring2.editions.quizTitle', { title: q.title.source }), pair: q.title, long: false });
    q.questions.forEach((question, i) => {
      rows.push({ key: `quiz.${q.id}.${i}.prompt`, label: label('authoring2.editions.prompt', { number: i + 1, quiz: q.title.source }), pair: question.prompt, long: true });
      question.options.forEach((o, j) => {
        rows.push({ key: `quiz.${q.id}.${i}.option.${j}`, label: label('authoring2.editions.option', { number: j + 1, question: i + 1, quiz: q.title.source }), pair: o, long: false });
      });
      if (question.feedback) rows.push({ key: `quiz.${q.id}.${i}.feedback`, label: label('authoring2.editions.feedback', { number: i + 1, quiz: q.title.source }), pair: question.feedback, long: true });
    });
  }
  return rows;
}

/** The PUT body for the edited values (only the texts the author changed are sent). */
function bodyOf(e: Edition, values: Record<string, string>, changed: Set<string>) {
  const v = (key: string) => (changed.has(key) ? values[key] : undefined);
  const course = { title: v('course.title'), summary: v('course.summary') };
  return {
    ...(course.title !== undefined || course.summary !== undefined ? { course } : {}),
    modules: e.modules.flatMap((m) => (changed.has(`module.${m.id}.title`) ? [{ id: m.id, title: values[`module.${m.id}.title`] ?? '' }] : [])),
    lessons: e.lessons.flatMap((l) => {
      const title = v(`lesson.${l.id}.title`);
      const body = v(`lesson.${l.id}.body`);
      return title !== undefined || body !== undefined ? [{ id: l.id, ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { body } : {}) }] : [];
    }),
    quizzes: e.quizzes.flatMap((q) => {
      const touched = [...changed].some((k) => k.startsWith(`quiz.${q.id}.`));
      if (!touched) return [];
      const current = (key: string, pair: Pair) => values[key] ?? pair.text ?? '';
      return [{
        id: q.id,
        title: current(`quiz.${q.id}.title`, q.title),
        questions: q.questions.map((question, i) => ({
          prompt: current(`quiz.${q.id}.${i}.prompt`, question.prompt),
          options: question.options.map((o, j) => current(`quiz.${q.id}.${i}.option.${j}`, o)),
          ...(question.feedback ? { feedback: current(`quiz.${q.id}.${i}.feedback`, question.feedback) } : {}),
        })),
      }];
    }),
  };
}

/**
 * Issue 22 point 6: one language edition side by side with the course's default language —
 * each text of the default on the left, its translation to fill in on the right, the missing ones
 * marked and listable on their own.
 */
export function EditionEditorPage() {
  const { t, i18n } = useTranslation();
  const { courseId = '', locale = 'en' } = useParams();
  const queryClient = useQueryClient();
  const edition = useQuery({ queryKey: ['course', courseId, 'edition', locale], queryFn: () => fetchEdition(courseId, locale as Locale) });
  const [values, setValues] = useState<Record<string, string>>({});
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
  const language = names.of(locale) ?? locale;
  const title = t('authoring2.editions.title', { language });
  usePageTitle(title);
  const save = useMutation({
    mutationFn: (e: Edition) => request(operations.updateCourseEdition, { params: { id: courseId, locale: locale as Locale }, body: bodyOf(e, values, changed) }),
    onSuccess: async () => {
      setChanged(new Set());
      setValues({});
      setSaved(t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
    },
  });

  if (edition.isPending) return <Loading />;
  if (edition.isError) return <ErrorMessage error={edition.error} />;
  const e = edition.data;
  const defaultLanguage = names.of(e.defaultLocale) ?? e.defaultLocale;
  const rows = rowsOf(e, (key, v) => t(key as 'authoring2.editions.title', v as { language: string }));
  const isMissing = (r: Row) => (values[r.key] ?? r.pair.text ?? '').trim() === '';
  const missingCount = rows.filter(isMissing).length;
  const shown = onlyMissing ? rows.filter((r) => isMissing(r) || changed.has(r.key)) : rows;

  return (
    <div className="page">
      <Breadcrumbs items={[{ label: t('authoring.list.title'), to: '/author' }, { label: e.course.title.source, to: `/author/courses/${courseId}` }, { label: title }]} />
      <PageHeading>{title}</PageHeading>
      <p>{t('authoring2.editions.intro', { language, defaultLanguage })}</p>
      <p role="status">{t('authoring2.editions.missingCount', { count: missingCount, total: rows.length })}</p>
      <div className="field field-checkbox">
        <input id="edition-only-missing" type="checkbox" checked={onlyMissing} onChange={(ev) => { setOnlyMissing(ev.target.checked); }} />
        <label htmlFor="edition-only-missing">{t('authoring2.editions.onlyMissing')}</label>
      </div>
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          setSaved(null);
          save.mutate(e);
        }}
      >
        <ol className="edition-rows">
          {shown.map((r) => {
            const id = `edition-${r.key.replace(/\./g, '-')}`;
            const value = values[r.key] ?? r.pair.text ?? '';
            return (
              <li key={r.key} className={isMissing(r) ? 'edition-row edition-row-missing' : 'edition-row'}>
                <div className="edition-source">
                  <p className="edition-source-label">{r.label} · {defaultLanguage}</p>
                  <p lang={e.defaultLocale} className="edition-source-text">{r.pair.source}</p>
                </div>
                <div className="field">
                  <label htmlFor={id}>
                    {r.label} · {language}
                    {isMissing(r) ? <span className="badge"> {t('authoring2.editions.missing')}</span> : null}
                  </label>
                  {r.long ? (
                    <textarea id={id} lang={locale} rows={r.key.endsWith('.body') ? 8 : 3} value={value}
                      onChange={(ev) => { setValues((old) => ({ ...old, [r.key]: ev.target.value })); setChanged((old) => new Set(old).add(r.key)); }} />
                  ) : (
                    <input id={id} lang={locale} type="text" value={value}
                      onChange={(ev) => { setValues((old) => ({ ...old, [r.key]: ev.target.value })); setChanged((old) => new Set(old).add(r.key)); }} />
                  )}
                </div>
              </li>
            );
          })}
        </ol>
        {save.error ? <ErrorMessage error={save.error} /> : null}
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending || changed.size === 0}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
          <Link to={`/author/courses/${courseId}`}>{t('authoring.backToCourse')}</Link>
        </div>
        <StatusMessage message={saved} />
      </form>
    </div>
  );
}
