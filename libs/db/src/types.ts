// The value types of Kindling's tables, as the repositories and services use them. The schema
// itself is defined by the migrations; there are no TypeORM entities (nothing used them).

export type OneTimeTokenKind = 'invitation' | 'password_reset' | 'email_verification';

export type CertificateStatus = 'valid' | 'revoked';

export type CourseVersionStatus = 'draft' | 'published' | 'retired' | 'archived';

export interface StoredQuizOption {
  id: string;
  text: string;
  /** false for ordering and matching options (their order or match decides) */
  correct: boolean;
  /** Matching: the text this option is paired with, and the id under which it is offered as a choice. */
  match?: string;
  matchId?: string;
  /** Shown in the review to a learner who chose this option. */
  feedback?: string;
}

export type StoredQuestionKind = 'single' | 'multiple' | 'true-false' | 'ordering' | 'matching' | 'short-text';

export interface StoredQuizQuestion {
  id: string;
  prompt: string;
  kind: StoredQuestionKind;
  /** In the correct order for an ordering question; empty for short text. */
  options: StoredQuizOption[];
  /** Short text: the accepted answers. */
  acceptedAnswers?: string[];
  /** Labels for the quiz's draws. */
  tags?: string[];
  /** The author's explanation, shown in the review after a submission (absent: none). */
  feedback?: string;
  /** In a quiz's pool (quiz_pool): a question of the course's bank, at this position in the bank. */
  bank?: boolean;
  bankIndex?: number;
}

/** When the review after a submission shows the correct options (migration CourseEditionsAndQuizReview). */
export type RevealAnswers = 'passed-or-exhausted' | 'never';

export type CohortAudience = 'teachers' | 'students' | 'health-staff' | 'other';

export type EnrolmentStatus = 'active' | 'completed' | 'withdrawn';

export type SelfAssessmentPhase = 'pre' | 'post';

/** What the learner was shown: question and option ids in presentation order. */
export interface PresentedQuestion {
  questionId: string;
  optionIds: string[];
  /** Matching: the choices (match ids) in the order shown. */
  choiceIds?: string[];
}

export interface SubmittedAnswer {
  questionId: string;
  optionIds?: string[];
  pairs?: { optionId: string; choiceId: string }[];
  text?: string;
}

/** A random draw of questions per attempt (quizzes.draws). */
export interface StoredQuizDraw {
  count: number;
  tag?: string;
  /** 'bank': from the course's question bank; absent: from the quiz's own questions. */
  from?: 'bank';
}

export type OrganizationKind = 'school' | 'hospital' | 'municipality' | 'company' | 'other';

export type OrganizationRole = 'manager' | 'learner';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export type PlatformRole = 'admin' | 'author';

export type Locale = 'en' | 'it' | 'de' | 'fr';

