// Hand-written types of the Kindling HTTP API as the web app uses it (CONTRACT.md plus the
// endpoints agreed with the API team). Times are ISO 8601 strings, ids are UUIDs.

export type Locale = 'en' | 'it' | 'de' | 'fr';
export type PlatformRole = 'admin' | 'author';
export type MembershipRole = 'manager' | 'learner';

/** Error body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
}

// ---------- identity ----------

export interface Membership {
  organizationId: string;
  organizationName: string;
  role: MembershipRole;
}

export interface Me {
  id: string;
  email: string | null;
  /** Pupils sign in with a user name instead of an e-mail address. */
  username?: string | null;
  name: string;
  locale: Locale;
  platformRoles: PlatformRole[];
  memberships: Membership[];
  /** The e-mail address was proven (verification link, accepted invitation or password reset). */
  emailVerified?: boolean;
}

/** The user object returned by the sign-in endpoints (at least these fields). */
export interface SessionUser {
  id: string;
  name: string;
  email: string | null;
  locale: Locale;
}

export interface LoginBody {
  email: string;
  password: string;
}
export interface PupilLoginBody {
  username: string;
  code: string;
}
export interface AcceptInvitationBody {
  name: string;
  password: string;
}
export interface PasswordResetRequestBody {
  email: string;
}
export interface PasswordResetBody {
  password: string;
}
export interface SessionResponse {
  accessToken: string;
  user: SessionUser;
}
export interface RefreshResponse {
  user: SessionUser;
}
export interface UpdateMeBody {
  locale: Locale;
}

// ---------- learning ----------

export type EnrolmentStatus = 'active' | 'completed' | 'withdrawn';
export type CertificateStatus = 'valid' | 'revoked';

export interface CertificateRef {
  id: string;
  number: string;
  status: CertificateStatus;
}

export interface MyEnrolment {
  id: string;
  course: { id: string; title: string };
  /** Who the enrolment belongs to (null: self-enrolment); one enrolment per course and organisation. */
  organization: { id: string; name: string } | null;
  cohort: { id: string; name: string } | null;
  status: EnrolmentStatus;
  progressPercent: number;
  completedAt: string | null;
  certificate: CertificateRef | null;
  dueOn: string | null;
  lastLessonId: string | null;
}

export interface OutlineLesson {
  id: string;
  title: string;
  minutes: number | null;
}

export interface OutlineQuiz {
  id: string;
  title: string;
  passMark: number;
  questionCount: number;
  maxAttempts?: number | null;
}

export interface OutlineModule {
  id: string;
  title: string;
  lessons: OutlineLesson[];
  quizzes: OutlineQuiz[];
}

export interface EnrolmentDetail {
  id: string;
  status: EnrolmentStatus;
  progressPercent: number;
  lessons: { lessonId: string; completedAt: string | null }[];
  quizzes: {
    quizId: string;
    bestScore: number | null;
    passed: boolean;
    attemptsUsed: number;
    /** null: unlimited */
    attemptsLeft: number | null;
  }[];
  selfAssessment: { required: boolean; pre: boolean; post: boolean };
  certificate: CertificateRef | null;
  course: { id: string; title: string; locale: Locale; version: number; modules: OutlineModule[] };
  cohort: { id: string; name: string; dueOn: string | null } | null;
  lastLessonId: string | null;
  minutes: number;
}

export interface Lesson {
  id: string;
  title: string;
  /** Markdown source. */
  body: string;
  /** The body rendered and sanitised by the server. */
  bodyHtml: string;
  videoUrl: string | null;
  minutes: number | null;
}

export interface LessonCompletion {
  progressPercent: number;
  status: EnrolmentStatus;
}

export interface Heartbeat {
  minutes: number;
}

export interface QuizQuestion {
  id: string;
  prompt: string;
  kind: 'single' | 'multiple';
  options: { id: string; text: string }[];
}

export interface Attempt {
  id: string;
  questions: QuizQuestion[];
  attemptsLeft: number | null;
}

export interface SubmissionBody {
  answers: { questionId: string; optionIds: string[] }[];
}

export interface SubmissionResult {
  scorePercent: number;
  passed: boolean;
  attemptsLeft: number | null;
}

/** GET /api/attempts/:id once the attempt was submitted (in this or another tab). */
export interface AttemptResult extends SubmissionResult {
  id: string;
  submittedAt: string;
}

export type SelfAssessmentPhase = 'pre' | 'post';

export interface SelfAssessmentForm {
  instrumentId: string;
  key?: string;
  version?: number;
  /** The language the instrument is presented in (the course's). */
  locale?: Locale;
  title?: string;
  instructions?: string | null;
  /** What the instrument is (and is not), in the course language. */
  disclaimer?: string | null;
  /** labels: one per point from min to max */
  scale: { min: number; max: number; labels: string[] };
  items: { id: string; text: string; scaleKey: string }[];
  scales?: { key: string; name: string }[];
}

export interface SelfAssessmentBody {
  answers: { itemId: string; value: number }[];
}

/** A page of a paged list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A course in the catalogue (published courses, and an author's own in any state). */
export interface CatalogueItem {
  id: string;
  title: string;
  summary: string;
  locale: Locale;
  version: number;
  status: CourseStatus;
  accreditation: Accreditation | null;
  selfEnrolment: boolean;
}

// ---------- certificates ----------

/** A certificate as its holder and its organisation's managers see it. */
export interface CertificateSummary {
  id: string;
  number: string;
  status: CertificateStatus;
  holderName: string;
  courseTitle: string;
  hours: number | null;
  accreditation: { body: string | null; reference: string | null };
  organization: string | null;
  completedAt: string;
  issuedAt: string;
  /** Version of the current PDF (1, then +1 per re-issue). */
  version: number;
  /** The code of the public verification page `/verify/:code` (current PDF). */
  verificationCode: string;
  verificationUrl: string;
  sha256: string;
  revokedAt: string | null;
  revocationReason: string | null;
}

export type MyCertificate = CertificateSummary;
export type OrgCertificate = CertificateSummary;

export interface Verification {
  status: 'valid' | 'revoked' | 'superseded';
  number: string;
  /** The name printed on this document; absent when superseded (a corrected name is not published again). */
  holderName?: string;
  courseTitle: string;
  hours: number | null;
  accreditation: { body: string | null; reference: string | null } | null;
  organization: string | null;
  completedAt: string;
  issuedAt: string;
  sha256: string;
  version?: number;
  revokedAt?: string | null;
  revocationReason?: string | null;
  supersededAt?: string;
  /** When superseded: the code of the document that replaces this one. */
  currentCode?: string;
}

export interface ReissueAccepted {
  certificateId: string;
  version: number;
  status: 'pending';
}

export interface RevocationBody {
  reason: string;
}
export interface ReissueBody {
  /** Why; the name printed is the holder's approved certificate name from the database. */
  reason: string;
}

/** The learner's legal name for certificates (GET/PUT /api/me/certificate-name). */
export interface CertificateNameView {
  displayName: string;
  certificateName: string | null;
  effectiveName: string;
  approvalRequired: boolean;
  pendingRequest: { id: string; requestedName: string; requestedAt: string } | null;
  lastDecision: { status: 'approved' | 'rejected'; requestedName: string; decidedAt: string; note: string | null } | null;
}
export interface CertificateNameBody {
  certificateName: string;
}
export interface CertificateNameRequest {
  id: string;
  userId: string;
  displayName: string;
  email: string | null;
  previousName: string;
  requestedName: string;
  status: 'pending' | 'approved' | 'rejected';
  requestedAt: string;
  decidedAt: string | null;
  note: string | null;
  certificatesToReissue: number;
}
export interface CertificateNameRejectionBody {
  note?: string;
}

// ---------- authoring ----------

export type CourseStatus = 'draft' | 'published' | 'archived';

export type VersionStatus = 'draft' | 'published' | 'retired' | 'archived';

export interface Accreditation {
  body: string | null;
  reference: string | null;
  hours: number | null;
}

export interface CourseBody {
  title: string;
  summary?: string;
  locale: Locale;
  /** null removes it (edit) */
  accreditation?: { body: string; reference: string; hours: number } | null;
  completion?: { minMinutes?: number | null } | null;
  selfEnrolment?: boolean;
}

export interface CourseCreated {
  id: string;
  status: CourseStatus;
  version: number;
}

export interface CourseDetail {
  id: string;
  title: string;
  summary: string;
  locale: Locale;
  /** The version shown. */
  version: number;
  /** Status of the course as a whole. */
  status: CourseStatus;
  /** Status of the version shown. */
  versionStatus?: VersionStatus;
  /** A draft version is being edited. */
  hasDraft?: boolean;
  accreditation: Accreditation | null;
  completion: { minMinutes: number | null } | null;
  selfEnrolment: boolean;
  selfAssessment: { instrumentId: string } | null;
  modules: OutlineModule[];
}

export interface CourseVersion {
  id: string;
  version: number;
  status: VersionStatus;
  title: string;
  publishedAt: string | null;
  createdAt: string;
  enrolments: number;
}

export interface Instrument {
  id: string;
  key: string;
  version: number;
  /** per locale */
  title: Partial<Record<Locale, string>>;
  itemCount?: number;
  scaleKeys?: string[];
}

export interface InstrumentDetail extends Instrument {
  /** The instrument definition (scale, scales, items). */
  definition: unknown;
}

export interface TitleBody {
  title: string;
}
export interface Positioned {
  id: string;
  position: number;
}
export interface LessonBody {
  title: string;
  body: string;
  /** null removes it (edit) */
  minutes?: number | null;
  videoUrl?: string | null;
}
export interface QuizBody {
  title: string;
  passMark: number;
  /** null: unlimited */
  maxAttempts?: number | null;
  shuffleQuestions?: boolean;
  shuffleOptions?: boolean;
  questions: { prompt: string; kind: 'single' | 'multiple'; options: { text: string; correct: boolean }[] }[];
}
/** A quiz with its correct answers: GET /api/quizzes/:id, for its author only. */
export interface AuthorQuiz {
  id: string;
  moduleId: string;
  title: string;
  passMark: number;
  maxAttempts: number | null;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  questions: { id: string; prompt: string; kind: 'single' | 'multiple'; options: { id: string; text: string; correct: boolean }[] }[];
}
export interface Created {
  id: string;
}
export type SelfAssessmentAttachBody = { instrumentId: string } | null;
export interface PublishResult {
  status: CourseStatus;
  version: number;
}
export interface ModuleOrderBody {
  moduleIds: string[];
}
export interface LessonOrderBody {
  lessonIds: string[];
}

// ---------- organisations and cohorts ----------

export type OrganizationKind = 'school' | 'hospital' | 'municipality' | 'company' | 'other';
export type Audience = 'teachers' | 'students' | 'health-staff' | 'other';

export interface Organization {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  /** The caller's role in it (null for a platform admin who is no member). */
  role?: MembershipRole | null;
  createdAt?: string;
}
export interface MemberAdded {
  userId: string;
  role: MembershipRole;
  /** An invitation e-mail was sent (no password set yet). */
  invited: boolean;
}
export interface Member {
  userId: string;
  name: string;
  email: string | null;
  username: string | null;
  role: MembershipRole;
  /** Invited but not signed up yet. */
  pending: boolean;
  joinedAt: string;
}
export interface MemberRoleBody {
  role: MembershipRole;
}
export interface OrganizationBody {
  name: string;
  kind: OrganizationKind;
  country?: string;
}
export interface MemberBody {
  email: string;
  role: MembershipRole;
  name?: string;
}
export interface PlatformRolesBody {
  roles: PlatformRole[];
}

export interface Cohort {
  id: string;
  organizationId: string;
  name: string;
  courseId: string;
  courseTitle: string;
  /** The version new enrolments start on. */
  courseVersion: number;
  audience: Audience;
  startsOn: string | null;
  dueOn: string | null;
  enrolled: number;
  completed: number;
  overdue: number;
  createdAt: string;
}
export interface CohortBody {
  name: string;
  courseId: string;
  audience: Audience;
  startsOn?: string;
  dueOn?: string;
}

export interface LineError {
  line: number;
  message: string;
}
export interface EnrolmentReport {
  enrolled: number;
  alreadyEnrolled: number;
  /** New accounts created and invited by e-mail. */
  invited?: number;
  errors: LineError[];
  /** Nothing was written (?dryRun=true). */
  dryRun?: boolean;
}
export interface JobAccepted {
  jobId: string;
}
export type EnrolmentUploadResult = EnrolmentReport | JobAccepted;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface Job {
  id: string;
  kind: 'bulk-enrolment' | 'pupil-code-sheet';
  status: JobStatus;
  total: number;
  processed: number;
  /** Per-line report of a bulk enrolment, when done. */
  report: EnrolmentReport | null;
  error: string | null;
  /** A file can be downloaded from /api/jobs/:id/result. */
  hasResult: boolean;
}

export interface PupilsResult {
  created: number;
  errors: LineError[];
  jobId: string | null;
}

export interface ProgressRow {
  enrolmentId: string;
  userId: string;
  name: string;
  email: string | null;
  status: EnrolmentStatus;
  progressPercent: number;
  lessonsCompleted: number;
  lessonsTotal: number;
  bestFinalScore: number | null;
  minutes: number;
  completedAt: string | null;
  certificateNumber: string | null;
  /** Active after the cohort's due date. */
  overdue: boolean;
  lastActivityAt: string | null;
  preDone: boolean;
  postDone: boolean;
}
export type ProgressSort = 'name' | 'progress' | 'score' | 'lastActivity' | 'status';
export type ProgressStatusFilter = EnrolmentStatus | 'overdue';
export interface ProgressPage {
  rows: ProgressRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CohortSummary {
  enrolled: number;
  started: number;
  completed: number;
  overdue: number;
  completionRate: number;
  averageFinalScore: number | null;
}
export interface Funnel {
  enrolled: number;
  started: number;
  preDone: number;
  halfway: number;
  completed: number;
  certified: number;
}
export interface ScoreDistribution {
  /** `to` is exclusive, except in the last bucket, which includes 100. */
  buckets: { from: number; to: number; count: number }[];
  /** Learners with a final score. */
  scored?: number;
}

export interface ImpactScale {
  /** Scale key, or "total" for the whole instrument. */
  key: string;
  name: string;
  pairedN: number;
  preN?: number;
  postN?: number;
  preMean: number | null;
  postMean: number | null;
  meanChange: number | null;
  ci95: [number, number] | null;
  effectSize: number | null;
  /** Fewer pairs than the minimum: counts only. */
  suppressed: boolean;
  withheld?: { rule?: string; minimum?: number; message?: string };
}
export interface Impact {
  instrumentId: string;
  instrument?: { key: string; version: number; title: string };
  locale?: Locale;
  /** Learners whose responses were read. */
  respondents?: number;
  scales: ImpactScale[];
  rules?: { code: string; description: string; minimum?: number }[];
  withheld?: { scale: string; rule: string; message: string }[];
  disclaimer?: string;
}

export interface AuditEvent {
  /** Event id, for `?before=` paging. */
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown> | null;
}
