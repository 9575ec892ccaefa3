import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { LessonContent } from '../../../components/LessonContent';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys, fetchCourse, fetchLesson, fetchQuiz } from '../api/authoring';

function LessonPreview({ id, lang }: { id: string; lang: string }) {
  const lesson = useQuery({ queryKey: authoringKeys.lesson(id), queryFn: () => fetchLesson(id) });
  if (lesson.isPending) return <Loading />;
  if (lesson.isError) return <ErrorMessage error={lesson.error} />;
  return (
    <article className="lesson" aria-labelledby="preview-item-title">
      <h2 id="preview-item-title">{lesson.data.title}</h2>
      <LessonContent title={lesson.data.title} videoUrl={lesson.data.videoUrl} videoText={lesson.data.videoText} bodyHtml={lesson.data.bodyHtml} lang={lang} />
    </article>
  );
}

/** The quiz's questions as a learner meets them; the inputs are not a form: nothing is sent, recorded or graded. */
function QuizPreview({ id, lang }: { id: string; lang: string }) {
  const { t } = useTranslation();
  const quiz = useQuery({ queryKey: authoringKeys.quiz(id), queryFn: () => fetchQuiz(id) });
  if (quiz.isPending) return <Loading />;
  if (quiz.isError) return <ErrorMessage error={quiz.error} />;
  const count = quiz.data.questions.length;
  return (
    <article aria-labelledby="preview-item-title" lang={lang}>
      <h2 id="preview-item-title">{quiz.data.title}</h2>
      <p className="hint">{t('authoring1.learnerPreview.quizNote')}</p>
      {quiz.data.questions.map((q, n) => (
        <fieldset key={q.id} className="card">
          <legend>
            <span className="eyebrow">{t('authoring1.learnerPreview.questionOf', { number: n + 1, count })}</span> {q.prompt}
          </legend>
          {q.options.map((o) => (
            <div key={o.id} className="field field-checkbox">
              <input id={`preview-${o.id}`} type={q.kind === 'single' ? 'radio' : 'checkbox'} name={`preview-${q.id}`} />
              <label htmlFor={`preview-${o.id}`}>{o.text}</label>
            </div>
          ))}
        </fieldset>
      ))}
    </article>
  );
}

/** "Preview as learner" for the whole draft: the outline, each lesson as learners see it, the quizzes without recording anything. */
export function LearnerPreviewPage() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const [params] = useSearchParams();
  const selected = params.get('item') ?? '';
  const [kind, itemId] = selected.split(':') as ['lesson' | 'quiz' | '', string | undefined];
  const course = useQuery({ queryKey: authoringKeys.course(courseId), queryFn: () => fetchCourse(courseId) });
  usePageTitle(t('authoring1.learnerPreview.title'));
  if (course.isPending) return <Loading />;
  if (course.isError) return <ErrorMessage error={course.error} />;
  const data = course.data;
  const link = (k: 'lesson' | 'quiz', id: string) => `/author/courses/${courseId}/preview?item=${k}:${id}`;

  return (
    <div className="page page-wide">
      <Breadcrumbs
        items={[
          { label: t('authoring.list.title'), to: '/author' },
          { label: data.title, to: `/author/courses/${courseId}` },
          { label: t('authoring1.learnerPreview.title') },
        ]}
      />
      <PageHeading>
        {t('authoring1.learnerPreview.title')}: {data.title}
      </PageHeading>
      <div className="alert alert-info">
        <p>
          {t('authoring1.learnerPreview.note')} <Link to={`/author/courses/${courseId}`}>{t('authoring1.learnerPreview.back')}</Link>
        </p>
      </div>
      <div className="learner-preview">
        <nav aria-labelledby="preview-outline">
          <h2 id="preview-outline">{t('authoring1.learnerPreview.outline')}</h2>
          <ol className="structure-list">
            {data.modules.map((m) => (
              <li key={m.id}>
                <div className="grow">
                  <strong>{m.title}</strong>
                  <ol>
                    {m.lessons.map((l) => (
                      <li key={l.id}>
                        <Link to={link('lesson', l.id)} aria-current={selected === `lesson:${l.id}` ? 'page' : undefined}>
                          {l.title}
                        </Link>
                      </li>
                    ))}
                    {m.quizzes.map((q) => (
                      <li key={q.id}>
                        <Link to={link('quiz', q.id)} aria-current={selected === `quiz:${q.id}` ? 'page' : undefined}>
                          {q.title}
                        </Link>
                      </li>
                    ))}
                  </ol>
                </div>
              </li>
            ))}
          </ol>
        </nav>
        <div>
          {kind === 'lesson' && itemId ? (
            <LessonPreview id={itemId} lang={data.locale} />
          ) : kind === 'quiz' && itemId ? (
            <QuizPreview id={itemId} lang={data.locale} />
          ) : (
            <p className="hint">{t('authoring1.learnerPreview.pick')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
