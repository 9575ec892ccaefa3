// The value types of Kindling's tables, as the repositories and services use them. The schema
// itself is defined by the migrations; there are no TypeORM entities (nothing used them).

export type OneTimeTokenKind = 'invitation' | 'password_reset' | 'email_verification';

export type CertificateStatus = 'valid' | 'revoked';

export type CourseVersionStatus = 'draft' | 'published' | 'retired' | 'archived';

export interface StoredQuizOption {
  id: string;
  text: string;
  correct: boolean;
}

export interface StoredQuizQuestion {
  id: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: StoredQuizOption[];
  /** The author's explanation, shown in the review after a submission (absent: none). */
  feedback?: string;
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
}

export interface SubmittedAnswer {
  questionId: string;
  optionIds: string[];
}

export type OrganizationKind = 'school' | 'hospital' | 'municipality' | 'company' | 'other';

export type OrganizationRole = 'manager' | 'learner';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export type PlatformRole = 'admin' | 'author';

export type Locale = 'en' | 'it' | 'de' | 'fr';

