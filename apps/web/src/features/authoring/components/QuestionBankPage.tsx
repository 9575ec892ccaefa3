import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Control, type FieldErrors, useFieldArray, useForm, type UseFormRegister, type UseFormSetValue } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { QuestionBank } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FormAlert } from '../../../components/FormAlert';
import { Icon } from '../../../components/Icon';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys, fetchCourse, fetchQuestionBank, replaceQuestionBank } from '../api/authoring';
import { bankSchema, type BankValues, emptyQuestion, questionBody, questionValues, type QuizValues } from '../hooks/quizForm';
import { QuestionEditor } from './QuestionEditor';

function BankForm({ courseId, bank }: { courseId: string; bank: QuestionBank }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<BankValues>({ resolver: zodResolver(bankSchema), defaultValues: { questions: bank.questions.map(questionValues) } });
  const questions = useFieldArray({ control: form.control, name: 'questions' });
  // The question editor works on `questions.*` of a quiz form; the bank's form has exactly that part.
  const quizForm = form as unknown as {
    control: Control<QuizValues>; register: UseFormRegister<QuizValues>; setValue: UseFormSetValue<QuizValues>;
  };

  const submit = form.handleSubmit(async (values) => {
    setFormErrors([]);
    setSaved(null);
    try {
      const updated = await replaceQuestionBank(courseId, { questions: values.questions.map(questionBody) });
      queryClient.setQueryData(authoringKeys.bank(courseId), updated);
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
      setSaved(t('bank.saved'));
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, ['questions']));
    }
  });

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      {questions.fields.length === 0 ? <p>{t('bank.empty')}</p> : null}
      {questions.fields.map((field, index) => (
        <QuestionEditor
          key={field.id}
          index={index}
          count={questions.fields.length}
          control={quizForm.control}
          register={quizForm.register}
          setValue={quizForm.setValue}
          errors={form.formState.errors as FieldErrors<QuizValues>}
          onRemove={() => {
            questions.remove(index);
          }}
        />
      ))}
      <div className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            questions.append(emptyQuestion());
          }}
        >
          {t('bank.addQuestion')}
        </button>
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t('common.saving') : t('bank.save')}
        </button>
        <Link to={`/author/courses/${courseId}`}>{t('authoring.backToCourse')}</Link>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}

/** The course's question bank (issue 22 point 5): questions with tags that quizzes draw from per attempt. */
export function QuestionBankPage() {
  const { t } = useTranslation();
  const { courseId = '' } = useParams();
  const course = useQuery({ queryKey: authoringKeys.course(courseId), queryFn: () => fetchCourse(courseId) });
  const bank = useQuery({ queryKey: authoringKeys.bank(courseId), queryFn: () => fetchQuestionBank(courseId) });
  usePageTitle(t('bank.title'));

  if (course.isPending || bank.isPending) return <Loading />;
  if (course.isError) return <ErrorMessage error={course.error} />;
  if (bank.isError) return <ErrorMessage error={bank.error} />;

  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { label: t('authoring.list.title'), to: '/author' },
          { label: course.data.title, to: `/author/courses/${courseId}` },
          { label: t('bank.title') },
        ]}
      />
      <PageHeading>{t('bank.title')}</PageHeading>
      <p>{t('bank.intro')}</p>
      <div className="alert alert-info">
        <Icon name="info" />
        <p>{t('authoring.quiz.answersStayOnServer')}</p>
      </div>
      {bank.data.tags.length > 0 ? <p className="meta">{t('bank.tags', { tags: bank.data.tags.join(', ') })}</p> : null}
      <BankForm key={bank.data.versionId} courseId={courseId} bank={bank.data} />
    </div>
  );
}
