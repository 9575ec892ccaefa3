import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { AuthorQuiz, CourseDetail } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FormAlert } from '../../../components/FormAlert';
import { Icon } from '../../../components/Icon';
import { CheckboxField, TextField, useFieldErrorText } from '../../../components/form';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys, createQuiz, fetchCourse, fetchQuiz, updateQuiz } from '../api/authoring';
import { emptyQuestion, QUIZ_FIELDS, quizBody, quizDefaults, quizSchema, type QuizValues } from '../hooks/quizForm';
import { QuestionEditor } from './QuestionEditor';

function QuizForm({ course, moduleId, quiz }: { course: CourseDetail; moduleId: string; quiz?: AuthorQuiz }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorOf = useFieldErrorText();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<QuizValues>({ resolver: zodResolver(quizSchema), defaultValues: quizDefaults(quiz) });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  const errors = form.formState.errors;
  const questionsError = errorOf(errors.questions?.root ?? (errors.questions?.message ? { type: 'validate', message: errors.questions.message } : undefined));

  const submit = form.handleSubmit(async (values) => {
    setFormErrors([]);
    setSaved(null);
    try {
      if (quiz) {
        const updated = await updateQuiz(quiz.id, quizBody(values));
        queryClient.setQueryData(authoringKeys.quiz(updated.id), updated);
        await queryClient.invalidateQueries({ queryKey: authoringKeys.course(course.id) });
        if (updated.id !== quiz.id) await navigate(`/author/courses/${course.id}/quizzes/${updated.id}`, { replace: true });
        setSaved(t('common.saved'));
      } else {
        await createQuiz(moduleId, quizBody(values));
        await queryClient.invalidateQueries({ queryKey: authoringKeys.course(course.id) });
        await navigate(`/author/courses/${course.id}`);
      }
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, QUIZ_FIELDS));
    }
  });

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      <TextField id="quiz-title" label={t('authoring.quiz.title')} error={errorOf(errors.title)} {...form.register('title')} />
      <div className="form-grid">
        <TextField
          id="quiz-pass-mark"
          label={t('authoring.quiz.passMark')}
          hint={t('authoring.quiz.passMarkHint')}
          inputMode="numeric"
          error={errorOf(errors.passMark)}
          {...form.register('passMark')}
        />
        <TextField
          id="quiz-max-attempts"
          label={t('authoring.quiz.maxAttempts')}
          hint={t('authoring.quiz.maxAttemptsHint')}
          optional
          inputMode="numeric"
          error={errorOf(errors.maxAttempts)}
          {...form.register('maxAttempts')}
        />
      </div>
      <div className="form-grid">
        <TextField
          id="quiz-time-limit"
          label={t('authoring2.editor.timeLimit')}
          hint={t('authoring2.editor.timeLimitHint')}
          optional
          inputMode="numeric"
          error={errorOf(errors.timeLimitMinutes)}
          {...form.register('timeLimitMinutes')}
        />
        <TextField
          id="quiz-draw-count"
          label={t('authoring2.editor.drawCount')}
          hint={t('authoring2.editor.drawCountHint')}
          optional
          inputMode="numeric"
          error={errorOf(errors.drawCount)}
          {...form.register('drawCount')}
        />
        <TextField
          id="quiz-draw-tag"
          label={t('authoring2.editor.drawTag')}
          hint={t('authoring2.editor.drawTagHint')}
          optional
          error={errorOf(errors.drawTag)}
          {...form.register('drawTag')}
        />
      </div>
      <CheckboxField id="quiz-draw-bank" label={t('bank.drawFromBank')} {...form.register('drawFromBank')} />
      <p className="hint">
        {t('bank.drawFromBankHint')} <Link to={`/author/courses/${course.id}/question-bank`}>{t('bank.title')}</Link>
      </p>
      <CheckboxField id="quiz-shuffle-questions" label={t('authoring.quiz.shuffleQuestions')} {...form.register('shuffleQuestions')} />
      <CheckboxField id="quiz-shuffle-options" label={t('authoring.quiz.shuffleOptions')} {...form.register('shuffleOptions')} />
      <CheckboxField id="quiz-reveal-answers" label={t('editions.revealAnswers')} {...form.register('revealAnswers')} />
      <p className="hint">{t('editions.revealAnswersHint')}</p>
      {questions.fields.map((field, index) => (
        <QuestionEditor
          key={field.id}
          index={index}
          count={questions.fields.length}
          control={form.control}
          register={form.register}
          setValue={form.setValue}
          errors={errors}
          onRemove={() => {
            questions.remove(index);
          }}
        />
      ))}
      {questionsError ? (
        <p className="field-error">
          <Icon name="warning" size={16} />
          {questionsError}
        </p>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            questions.append(emptyQuestion());
          }}
        >
          {t('authoring.quiz.addQuestion')}
        </button>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t('common.saving') : quiz ? t('common.save') : t('authoring.quiz.create')}
        </button>
        <Link to={`/author/courses/${course.id}`}>{t('authoring.backToCourse')}</Link>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}

/** A new quiz (`quizzes/new?module=`) or an existing one (`quizzes/:quizId`, with its correct answers). */
export function QuizEditorPage() {
  const { t } = useTranslation();
  const { courseId = '', quizId } = useParams();
  const [params] = useSearchParams();
  const course = useQuery({ queryKey: authoringKeys.course(courseId), queryFn: () => fetchCourse(courseId) });
  const quiz = useQuery({ queryKey: authoringKeys.quiz(quizId ?? ''), queryFn: () => fetchQuiz(quizId ?? ''), enabled: !!quizId });
  const title = quizId ? t('authoring.quiz.editTitle') : t('authoring.quiz.newTitle');
  usePageTitle(title);

  if (course.isPending || (quizId && quiz.isPending)) return <Loading />;
  if (course.isError) return <ErrorMessage error={course.error} />;
  if (quizId && quiz.isError) return <ErrorMessage error={quiz.error} />;
  const moduleId = quiz.data?.moduleId ?? params.get('module') ?? '';
  const module = course.data.modules.find((m) => m.id === moduleId || m.quizzes.some((q) => q.id === quizId));

  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { label: t('authoring.list.title'), to: '/author' },
          { label: course.data.title, to: `/author/courses/${courseId}` },
          { label: title },
        ]}
      />
      <PageHeading>{title}</PageHeading>
      {module ? <p className="meta">{t('authoring.lesson.inModule', { module: module.title })}</p> : null}
      <div className="alert alert-info">
        <Icon name="info" />
        <p>{t('authoring.quiz.answersStayOnServer')}</p>
      </div>
      {module || quiz.data ? (
        <QuizForm key={quiz.data?.id ?? 'new'} course={course.data} moduleId={module?.id ?? moduleId} {...(quiz.data ? { quiz: quiz.data } : {})} />
      ) : (
        <ErrorMessage error={new Error('module')} />
      )}
    </div>
  );
}
