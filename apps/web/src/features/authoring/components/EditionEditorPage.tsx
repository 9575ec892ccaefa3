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

type Question = Edition['quizzes'][number]['questions'][number];
type Label = (key: string, values?: Record<string, unknown>) => string;

/** A list (accepted answers) as one text, one entry a line. */
const listPair = (p: { source: string[]; text: string[] | null }): Pair => ({ source: p.source.join('\n'), text: p.text ? p.text.join('\n') : null });
const lines = (v: string) => v.split('\n').map((l) => l.trim()).filter((l) => l !== '');

/**
 * The rows of questions (of the quiz `quiz`, or of the question bank when null), under keys
 * `${base}.${i}.…`: prompt, each answer with its feedback and its match, the explanation, the
 * accepted answers.
 */
function questionRows(base: string, quiz: string | null, questions: Question[], label: Label): Row[] {
  const rows: Row[] = [];
  questions.forEach((question, i) => {
    const q = { number: i + 1, question: i + 1, quiz };
    rows.push({ key: `${base}.${i}.prompt`, label: label(quiz === null ? 'authoring2.editions.bankPrompt' : 'authoring2.editions.prompt', q), pair: question.prompt, long: true });
    question.options.forEach((o, j) => {
      const a = { ...q, number: j + 1 };
      rows.push({ key: `${base}.${i}.option.${j}`, label: label(quiz === null ? 'authoring2.editions.bankOption' : 'authoring2.editions.option', a), pair: o, long: false });
      const feedback = question.optionFeedback.find((f) => f.option === j);
      if (feedback) rows.push({ key: `${base}.${i}.optionFeedback.${j}`, label: label(quiz === null ? 'authoring2.editions.bankOptionFeedback' : 'authoring2.editions.optionFeedback', a), pair: feedback, long: true });
      const match = question.matches[j];
      if (match) rows.push({ key: `${base}.${i}.match.${j}`, label: label(quiz === null ? 'authoring2.editions.bankMatch' : 'authoring2.editions.match', a), pair: match, long: false });
    });
    if (question.acceptedAnswers) {
      rows.push({ key: `${base}.${i}.accepted`, label: label(quiz === null ? 'authoring2.editions.bankAccepted' : 'authoring2.editions.accepted', q), pair: listPair(question.acceptedAnswers), long: true });
    }
    if (question.feedback) rows.push({ key: `${base}.${i}.feedback`, label: label(quiz === null ? 'authoring2.editions.bankFeedback' : 'authoring2.editions.feedback', q), pair: question.feedback, long: true });
  });
  return rows;
}

/**
 * Every translatable text of the course as rows: where it is, the default text, the edition's
 * text. Texts empty in the default language are not asked for (as the server's missing list).
 */
function rowsOf(e: Edition, label: Label): Row[] {
  const rows: Row[] = [
    { key: 'course.title', label: label('authoring2.editions.courseTitle'), pair: e.course.title, long: false },
    { key: 'course.summary', label: label('authoring2.editions.courseSummary'), pair: e.course.summary, long: true },
  ];
  for (const m of e.modules) rows.push({ key: `module.${m.id}.title`, label: label('authoring2.editions.moduleTitle', { title: m.title.source }), pair: m.title, long: false });
  for (const l of e.lessons) {
    rows.push({ key: `lesson.${l.id}.title`, label: label('authoring2.editions.lessonTitle', { title: l.title.source }), pair: l.title, long: false });
    rows.push({ key: `lesson.${l.id}.body`, label: label('authoring2.editions.lessonBody', { title: l.title.source }), pair: l.body, long: true });
    if (l.videoText) rows.push({ key: `lesson.${l.id}.videoText`, label: label('authoring2.editions.lessonVideoText', { title: l.title.source }), pair: l.videoText, long: true });
  }
  for (const q of e.quizzes) {
    rows.push({ key: `quiz.${q.id}.title`, label: label('authoring2.editions.quizTitle', { title: q.title.source }), pair: q.title, long: false });
    rows.push(...questionRows(`quiz.${q.id}`, q.title.source, q.questions, label));
  }
  rows.push(...questionRows('bank', null, e.bank.questions, label));
  return rows.filter((r) => r.pair.source.trim() !== '');
}

/** The questions' texts as the API takes them: every text of every question (the current value, else the saved one). */
function questionsBody(base: string, questions: Question[], current: (key: string, pair: Pair) => string) {
  return questions.map((question, i) => ({
    prompt: current(`${base}.${i}.prompt`, question.prompt),
    options: question.options.map((o, j) => current(`${base}.${i}.option.${j}`, o)),
    ...(question.feedback ? { feedback: current(`${base}.${i}.feedback`, question.feedback) } : {}),
    ...(question.optionFeedback.length > 0
      ? {
          optionFeedback: question.options.map((_, j) => {
            const f = question.optionFeedback.find((x) => x.option === j);
            return f ? current(`${base}.${i}.optionFeedback.${j}`, f) : '';
          }),
        }
      : {}),
    ...(question.matches.length > 0 ? { matches: question.matches.map((m, j) => current(`${base}.${i}.match.${j}`, m)) } : {}),
    ...(question.acceptedAnswers ? { acceptedAnswers: lines(current(`${base}.${i}.accepted`, listPair(question.acceptedAnswers))) } : {}),
  }));
}

/** The PUT body for the edited values (only the items whose texts the author changed are sent). */
function bodyOf(e: Edition, values: Record<string, string>, changed: Set<string>) {
  const v = (key: string) => (changed.has(key) ? values[key] : undefined);
  const current = (key: string, pair: Pair) => values[key] ?? pair.text ?? '';
  const course = { title: v('course.title'), summary: v('course.summary') };
  const bankTouched = [...changed].some((k) => k.startsWith('bank.'));
  return {
    ...(course.title !== undefined || course.summary !== undefined ? { course } : {}),
    modules: e.modules.flatMap((m) => (changed.has(`module.${m.id}.title`) ? [{ id: m.id, title: values[`module.${m.id}.title`] ?? '' }] : [])),
    lessons: e.lessons.flatMap((l) => {
      const title = v(`lesson.${l.id}.title`);
      const body = v(`lesson.${l.id}.body`);
      const videoText = v(`lesson.${l.id}.videoText`);
      return title !== undefined || body !== undefined || videoText !== undefined
        ? [{ id: l.id, ...(title !== undefined ? { title } : {}), ...(body !== undefined ? { body } : {}), ...(videoText !== undefined ? { videoText } : {}) }]
        : [];
    }),
    quizzes: e.quizzes.flatMap((q) => {
      const touched = [...changed].some((k) => k.startsWith(`quiz.${q.id}.`));
      if (!touched) return [];
      return [{ id: q.id, title: current(`quiz.${q.id}.title`, q.title), questions: questionsBody(`quiz.${q.id}`, q.questions, current) }];
    }),
    ...(bankTouched ? { bank: { questions: questionsBody('bank', e.bank.questions, current) } } : {}),
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
