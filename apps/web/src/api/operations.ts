import type * as T from './types';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One HTTP operation of the API: method, path template (`:name` parameters) and, as phantom
 * types, its request body and its answer. The client can only call operations defined here.
 */
export interface Operation<Path extends string, Req, Res> {
  readonly method: HttpMethod;
  readonly path: Path;
  /** `public`: a 401 is an answer of its own (no session refresh, no redirect to sign-in). */
  readonly auth: 'session' | 'public';
  /** How the body is sent. */
  readonly body: 'json' | 'csv' | 'none';
  /** Phantom fields carrying the types; never set at run time. */
  readonly __req?: Req;
  readonly __res?: Res;
}

interface OperationOptions {
  auth?: 'session' | 'public';
  body?: 'json' | 'csv';
}

/** `define<Req, Res>()(method, path)`: curried so that the path stays a literal type. */
function define<Req = undefined, Res = undefined>(options: OperationOptions = {}) {
  return <Path extends string>(method: HttpMethod, path: Path): Operation<Path, Req, Res> => ({
    method,
    path,
    auth: options.auth ?? 'session',
    body: options.body ?? (method === 'GET' ? 'none' : 'json'),
  });
}

const pub = { auth: 'public' } as const;

/** Every operation the web app calls, by name. */
export const operations = {
  // identity
  login: define<T.LoginBody, T.SessionResponse>(pub)('POST', '/api/auth/login'),
  pupilLogin: define<T.PupilLoginBody, T.SessionResponse>(pub)('POST', '/api/auth/pupil-login'),
  refresh: define<undefined, T.RefreshResponse>(pub)('POST', '/api/auth/refresh'),
  // a session operation: an expired access token is refreshed first, so the session really ends
  logout: define()('POST', '/api/auth/logout'),
  acceptInvitation: define<T.AcceptInvitationBody, T.SessionResponse>(pub)(
    'POST',
    '/api/auth/invitations/:token/accept',
  ),
  requestPasswordReset: define<T.PasswordResetRequestBody>(pub)('POST', '/api/auth/password-reset'),
  resetPassword: define<T.PasswordResetBody>(pub)('POST', '/api/auth/password-reset/:token'),
  confirmEmail: define(pub)('POST', '/api/auth/email-verification/:token'),
  resendEmailVerification: define()('POST', '/api/auth/email-verification'),
  getMeta: define<undefined, { demo: boolean }>(pub)('GET', '/api/meta'),
  getMe: define<undefined, T.Me>()('GET', '/api/me'),
  updateMe: define<T.UpdateMeBody, T.Me>()('PATCH', '/api/me'),

  // learning
  listCourses: define<undefined, T.Page<T.CatalogueItem>>()('GET', '/api/courses'),
  selfEnrol: define<undefined, T.Created>()('POST', '/api/courses/:id/enrolments'),
  myEnrolments: define<undefined, T.MyEnrolment[]>()('GET', '/api/me/enrolments'),
  getEnrolment: define<undefined, T.EnrolmentDetail>()('GET', '/api/enrolments/:id'),
  heartbeat: define<undefined, T.Heartbeat>()('POST', '/api/enrolments/:id/heartbeat'),
  getLesson: define<undefined, T.Lesson>()('GET', '/api/lessons/:id'),
  completeLesson: define<undefined, T.LessonCompletion>()('PUT', '/api/enrolments/:id/lessons/:lessonId/completion'),
  startAttempt: define<undefined, T.Attempt>()('POST', '/api/enrolments/:id/quizzes/:quizId/attempts'),
  getAttempt: define<undefined, T.Attempt | T.AttemptResult>()('GET', '/api/attempts/:id'),
  submitAttempt: define<T.SubmissionBody, T.SubmissionResult>()('POST', '/api/attempts/:id/submission'),
  getSelfAssessment: define<undefined, T.SelfAssessmentForm>()('GET', '/api/courses/:id/self-assessment'),
  submitSelfAssessment: define<T.SelfAssessmentBody>()('POST', '/api/enrolments/:id/self-assessments/:phase'),

  // certificates
  myCertificates: define<undefined, T.MyCertificate[]>()('GET', '/api/me/certificates'),
  certificatePdf: define<undefined, Blob>()('GET', '/api/certificates/:id/pdf'),
  verify: define<undefined, T.Verification>(pub)('GET', '/api/verify/:code'),
  orgCertificates: define<undefined, T.Page<T.OrgCertificate>>()('GET', '/api/organizations/:orgId/certificates'),
  revokeCertificate: define<T.RevocationBody, T.OrgCertificate>()('POST', '/api/certificates/:id/revocation'),
  reissueCertificate: define<T.ReissueBody, T.ReissueAccepted>()('POST', '/api/certificates/:id/reissue'),
  myCertificateName: define<undefined, T.CertificateNameView>()('GET', '/api/me/certificate-name'),
  setCertificateName: define<T.CertificateNameBody, T.CertificateNameView>()('PUT', '/api/me/certificate-name'),
  withdrawCertificateName: define<undefined, T.CertificateNameView>()('DELETE', '/api/me/certificate-name/request'),
  certificateNameRequests: define<undefined, T.CertificateNameRequest[]>()('GET', '/api/organizations/:orgId/certificate-name-requests'),
  approveCertificateName: define<undefined, T.CertificateNameRequest>()('POST', '/api/organizations/:orgId/certificate-name-requests/:requestId/approval'),
  rejectCertificateName: define<T.CertificateNameRejectionBody, T.CertificateNameRequest>()(
    'POST',
    '/api/organizations/:orgId/certificate-name-requests/:requestId/rejection',
  ),

  // authoring
  getCourse: define<undefined, T.CourseDetail>()('GET', '/api/courses/:id'),
  createCourse: define<T.CourseBody, T.CourseCreated>()('POST', '/api/courses'),
  updateCourse: define<Partial<T.CourseBody>, T.CourseDetail>()('PATCH', '/api/courses/:id'),
  publishCourse: define<undefined, T.PublishResult>()('POST', '/api/courses/:id/publish'),
  archiveCourse: define<undefined, T.PublishResult>()('POST', '/api/courses/:id/archive'),
  courseVersions: define<undefined, T.CourseVersion[]>()('GET', '/api/courses/:id/versions'),
  createModule: define<T.TitleBody, T.Positioned>()('POST', '/api/courses/:id/modules'),
  updateModule: define<T.TitleBody>()('PATCH', '/api/modules/:id'),
  orderModules: define<T.ModuleOrderBody>()('PUT', '/api/courses/:id/modules/order'),
  createLesson: define<T.LessonBody, T.Positioned>()('POST', '/api/modules/:id/lessons'),
  updateLesson: define<Partial<T.LessonBody>, T.Lesson>()('PATCH', '/api/lessons/:id'),
  orderLessons: define<T.LessonOrderBody>()('PUT', '/api/modules/:id/lessons/order'),
  createQuiz: define<T.QuizBody, T.Created>()('POST', '/api/modules/:id/quizzes'),
  getQuiz: define<undefined, T.AuthorQuiz>()('GET', '/api/quizzes/:id'),
  updateQuiz: define<T.QuizBody, T.AuthorQuiz>()('PATCH', '/api/quizzes/:id'),
  listInstruments: define<undefined, T.Instrument[]>()('GET', '/api/instruments'),
  getInstrument: define<undefined, T.InstrumentDetail>()('GET', '/api/instruments/:id'),
  attachSelfAssessment: define<T.SelfAssessmentAttachBody>()('PUT', '/api/courses/:id/self-assessment'),

  // organisations, members and roles
  listOrganizations: define<undefined, T.Organization[]>()('GET', '/api/organizations'),
  createOrganization: define<T.OrganizationBody, T.Organization>()('POST', '/api/organizations'),
  addMember: define<T.MemberBody, T.MemberAdded>()('POST', '/api/organizations/:orgId/members'),
  listMembers: define<undefined, T.Member[]>()('GET', '/api/organizations/:orgId/members'),
  changeMemberRole: define<T.MemberRoleBody>()('PATCH', '/api/organizations/:orgId/members/:userId'),
  setPlatformRoles: define<T.PlatformRolesBody>()('PUT', '/api/users/:id/platform-roles'),
  auditEvents: define<undefined, T.AuditEvent[]>()('GET', '/api/organizations/:orgId/audit-events'),

  // cohorts
  listCohorts: define<undefined, T.Cohort[]>()('GET', '/api/organizations/:orgId/cohorts'),
  getCohort: define<undefined, T.Cohort>()('GET', '/api/cohorts/:id'),
  createCohort: define<T.CohortBody, T.Created>()('POST', '/api/organizations/:orgId/cohorts'),
  enrolCsv: define<string, T.EnrolmentUploadResult>({ body: 'csv' })('POST', '/api/cohorts/:id/enrolments'),
  getJob: define<undefined, T.Job>()('GET', '/api/jobs/:id'),
  jobResult: define<undefined, Blob>()('GET', '/api/jobs/:id/result'),
  createPupils: define<string, T.PupilsResult>({ body: 'csv' })('POST', '/api/cohorts/:id/pupils'),
  cohortProgress: define<undefined, T.ProgressPage>()('GET', '/api/cohorts/:id/progress'),
  cohortSummary: define<undefined, T.CohortSummary>()('GET', '/api/cohorts/:id/summary'),
  cohortFunnel: define<undefined, T.Funnel>()('GET', '/api/cohorts/:id/funnel'),
  cohortOverdue: define<undefined, T.ProgressPage>()('GET', '/api/cohorts/:id/overdue'),
  scoreDistribution: define<undefined, T.ScoreDistribution>()('GET', '/api/cohorts/:id/score-distribution'),
  cohortImpact: define<undefined, T.Impact>()('GET', '/api/cohorts/:id/impact'),
  impactExport: define<undefined, Blob>()('GET', '/api/cohorts/:id/impact/export'),
} as const;

export type Operations = typeof operations;

/**
 * Every `{method, path}` the client uses, without duplicates, for a test that checks each one
 * against the API's OpenAPI document (`GET /api/docs-json`; OpenAPI writes `:id` as `{id}`).
 */
export const apiOperations: readonly { method: HttpMethod; path: string }[] = Object.values(operations)
  .map(({ method, path }) => ({ method, path }))
  .filter((op, index, all) => all.findIndex((o) => o.method === op.method && o.path === op.path) === index);
