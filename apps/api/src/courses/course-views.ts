import type { CourseVersionRow, LessonRow, QuizRow, StoredQuizQuestion } from '@kindling/db';
import type { AccreditationView, AuthorQuizQuestionView, AuthorQuizView, CourseStatus, LessonView } from './dto/responses.js';

/** Rows of the course repositories as the API answers them. */

export function lessonView(row: LessonRow): LessonView {
  return { id: row.id, title: row.title, body: row.body, bodyHtml: row.body_html, videoUrl: row.video_url, videoText: row.video_text ?? null, minutes: row.minutes };
}

export function authorQuizView(row: QuizRow): AuthorQuizView {
  return {
    id: row.id,
    moduleId: row.module_id,
    title: row.title,
    passMark: Number(row.pass_mark),
    maxAttempts: row.max_attempts,
    shuffleQuestions: row.shuffle_questions,
    shuffleOptions: row.shuffle_options,
    revealAnswers: row.reveal_answers,
    timeLimitMinutes: row.time_limit_minutes ?? null,
    draws: row.draws ?? [],
    questions: row.questions.map(authorQuestionView),
  };
}

export function authorQuestionView(q: StoredQuizQuestion): AuthorQuizQuestionView {
  return {
    id: q.id,
    prompt: q.prompt,
    kind: q.kind,
    options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, match: o.match ?? null, feedback: o.feedback ?? null })),
    acceptedAnswers: q.acceptedAnswers ?? [],
    tags: q.tags ?? [],
    feedback: q.feedback ?? null,
  };
}

export function courseStatus(archivedAt: Date | null, publishedVersionId: string | null): CourseStatus {
  if (archivedAt) return 'archived';
  return publishedVersionId ? 'published' : 'draft';
}

export function accreditationOf(
  v: Pick<CourseVersionRow, 'accreditation_body' | 'accreditation_reference' | 'accreditation_hours'>,
): AccreditationView | null {
  if (v.accreditation_body === null && v.accreditation_reference === null && v.accreditation_hours === null) return null;
  return {
    body: v.accreditation_body,
    reference: v.accreditation_reference,
    hours: v.accreditation_hours === null ? null : Number(v.accreditation_hours),
  };
}
