import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import type { Lesson, LessonBody } from '../../../api';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { FormAlert } from '../../../components/FormAlert';
import { TextArea, TextField, useFieldErrorText } from '../../../components/form';
import { Loading } from '../../../components/Loading';
import { PageHeading } from '../../../components/PageHeading';
import { StatusMessage } from '../../../components/StatusMessage';
import { applyApiErrors } from '../../../lib/applyApiErrors';
import { usePageTitle } from '../../../lib/usePageTitle';
import { authoringKeys, createLesson, fetchCourse, fetchCurrentLesson, updateLesson } from '../api/authoring';
import { LessonBodyEditor } from './LessonBodyEditor';

const schema = z.object({
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  minutes: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 600), 'authoring.lesson.minutesRange'),
  videoUrl: z
    .string()
    .trim()
    .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'authoring.lesson.videoUrlInvalid'),
  videoText: z.string().max(100_000, 'validation.tooLong'),
  body: z.string().min(1, 'validation.required').max(200_000, 'validation.tooLong'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['title', 'minutes', 'videoUrl', 'videoText', 'body'] as const;

/** The API body; when editing, cleared minutes and video are sent as null (removed). */
function toBody(v: Values, mode: 'create' | 'edit'): LessonBody {
  const body: LessonBody = { title: v.title, body: v.body };
  if (v.minutes || mode === 'edit') body.minutes = v.minutes ? Number(v.minutes) : null;
  if (v.videoUrl || mode === 'edit') body.videoUrl = v.videoUrl || null;
  if (v.videoText.trim() || mode === 'edit') body.videoText = v.videoText.trim() || null;
  return body;
}

function LessonForm({ courseId, moduleId, lesson, urlId, lang }: { courseId: string; moduleId: string | null; lesson?: Lesson; urlId?: string; lang: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorOf = useFieldErrorText();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      title: lesson?.title ?? '',
      minutes: lesson?.minutes ? String(lesson.minutes) : '',
      videoUrl: lesson?.videoUrl ?? '',
      videoText: lesson?.videoText ?? '',
      body: lesson?.body ?? '',
    },
  });
  const errors = form.formState.errors;
  const [title, videoUrl, videoText, body] = form.watch(['title', 'videoUrl', 'videoText', 'body']);

  const submit = form.handleSubmit(async (values) => {
    setFormErrors([]);
    setSaved(null);
    try {
      if (lesson) {
        // The first edit of a published course works on a new draft whose lesson has a new id; the
        // URL keeps the id it was opened with (the API maps it by lineage), so it never changes.
        const updated = await updateLesson(urlId ?? lesson.id, toBody(values, 'edit'));
        queryClient.setQueryData(authoringKeys.currentLesson(urlId ?? lesson.id), updated);
        setSaved(t('common.saved'));
      } else if (moduleId) {
        await createLesson(moduleId, toBody(values, 'create'));
        await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
        await navigate(`/author/courses/${courseId}`);
      }
      await queryClient.invalidateQueries({ queryKey: authoringKeys.course(courseId) });
    } catch (error) {
      setFormErrors(applyApiErrors(t, error, form.setError, FIELDS));
    }
  });

  return (
    <form noValidate onSubmit={(e) => void submit(e)}>
      <FormAlert messages={formErrors} />
      <TextField id="lesson-title" label={t('authoring.lesson.title')} error={errorOf(errors.title)} {...form.register('title')} />
      <div className="form-grid">
        <TextField id="lesson-minutes" label={t('authoring.lesson.minutes')} optional inputMode="numeric" error={errorOf(errors.minutes)} {...form.register('minutes')} />
        <TextField
          id="lesson-video"
          label={t('authoring.lesson.videoUrl')}
          hint={t('authoring.lesson.videoHint')}
          optional
          type="url"
          error={errorOf(errors.videoUrl)}
          {...form.register('videoUrl')}
        />
      </div>
      <TextArea
        id="lesson-video-text"
        label={t('authoring.lesson.videoText')}
        hint={t('authoring.lesson.videoTextHint')}
        optional
        rows={5}
        error={errorOf(errors.videoText)}
        {...form.register('videoText')}
      />
      <LessonBodyEditor
        courseId={courseId}
        lang={lang}
        title={title}
        videoUrl={videoUrl}
        videoText={videoText}
        body={body}
        setBody={(value) => { form.setValue('body', value, { shouldDirty: true }); }}
        registration={form.register('body')}
        error={errorOf(errors.body)}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? t('common.saving') : lesson ? t('common.save') : t('authoring.lesson.create')}
        </button>
        <Link to={`/author/courses/${courseId}`}>{t('authoring.backToCourse')}</Link>
      </div>
      <StatusMessage message={saved} />
    </form>
  );
}

export function LessonEditorPage() {
  const { t } = useTranslation();
  const { courseId = '', lessonId } = useParams();
  const [params] = useSearchParams();
  const moduleId = params.get('module');
  const course = useQuery({ queryKey: authoringKeys.course(courseId), queryFn: () => fetchCourse(courseId) });
  const lesson = useQuery({ queryKey: authoringKeys.currentLesson(lessonId ?? ''), queryFn: () => fetchCurrentLesson(lessonId ?? ''), enabled: !!lessonId });
  const title = lessonId ? t('authoring.lesson.editTitle') : t('authoring.lesson.newTitle');
  usePageTitle(title);

  if (course.isPending || (lessonId && lesson.isPending)) return <Loading />;
  if (course.isError) return <ErrorMessage error={course.error} />;
  if (lessonId && lesson.isError) return <ErrorMessage error={lesson.error} />;
  const module = course.data.modules.find((m) => m.id === moduleId || m.lessons.some((l) => l.id === (lesson.data?.id ?? lessonId)));

  return (
    <div className="page page-wide">
      <Breadcrumbs
        items={[
          { label: t('authoring.list.title'), to: '/author' },
          { label: course.data.title, to: `/author/courses/${courseId}` },
          { label: title },
        ]}
      />
      <PageHeading>{title}</PageHeading>
      {module ? <p className="meta">{t('authoring.lesson.inModule', { module: module.title })}</p> : null}
      {!lessonId && !module ? (
        <ErrorMessage error={new Error('module')} />
      ) : (
        <LessonForm courseId={courseId} moduleId={module?.id ?? null} {...(lesson.data ? { lesson: lesson.data } : {})} {...(lessonId ? { urlId: lessonId } : {})} lang={course.data.locale} />
      )}
    </div>
  );
}
