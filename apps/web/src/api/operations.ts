import type { paths } from './schema.gen';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type LowerMethod<M extends HttpMethod> = Lowercase<M>;

/** A documented path that has this method. */
export type PathWith<M extends HttpMethod> = {
  [P in keyof paths]: paths[P] extends Record<LowerMethod<M>, infer Op> ? ([Op] extends [undefined | never] ? never : P) : never;
}[keyof paths];

/** The generated operation object of `M P`. */
export type OperationOf<P extends keyof paths, M extends HttpMethod> = paths[P][LowerMethod<M> & keyof paths[P]];

type JsonOf<C> = C extends { 'application/json': infer J } ? J : C extends Record<string, infer Any> ? Any : undefined;
type ContentOf<R> = R extends { content: infer C } ? JsonOf<C> : undefined;
type SuccessCode = 200 | 201 | 202 | 204;

/** The body of the operation's 2xx answers (a union when it has several), as generated. */
export type ResponseOf<Op> = Op extends { responses: infer R }
  ? { [C in keyof R & SuccessCode]: ContentOf<R[C]> }[keyof R & SuccessCode]
  : never;

/** The operation's query parameters, as generated (never when it takes none). */
export type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type JsonBody<RB> = NonNullable<RB> extends { content: { 'application/json': infer B } } ? B : undefined;
/** The operation's JSON request body, as generated (undefined when it takes none; `| undefined` when optional). */
export type RequestBodyOf<Op> = Op extends { requestBody: infer RB }
  ? JsonBody<RB>
  : Op extends { requestBody?: infer RB }
    ? [NonNullable<RB>] extends [never]
      ? undefined
      : JsonBody<RB> | undefined
    : undefined;

/**
 * One HTTP operation of the API: method and documented path (`{name}` parameters, as in the
 * OpenAPI document) and, as phantom types taken from schema.gen.ts, its request body and its
 * answer. The client can only call operations defined here, and only documented paths compile.
 */
export interface Operation<Path extends string, Req, Res, Q = never> {
  readonly method: HttpMethod;
  readonly path: Path;
  /** `public`: a 401 is an answer of its own (no session refresh, no redirect to sign-in). */
  readonly auth: 'session' | 'public';
  /** How the body is sent. */
  readonly body: 'json' | 'csv' | 'file' | 'none';
  /** Phantom fields carrying the types; never set at run time. */
  readonly __req?: Req;
  readonly __res?: Res;
  readonly __query?: Q;
}

interface OperationOptions {
  auth?: 'session' | 'public';
}

/** `op('GET', '/api/courses/{id}')`: request and answer types come from the generated schema. */
export function op<M extends HttpMethod, P extends PathWith<M>>(method: M, path: P, options: OperationOptions = {}) {
  return {
    method,
    path,
    auth: options.auth ?? 'session',
    body: method === 'GET' ? 'none' : 'json',
  } as Operation<P, RequestBodyOf<OperationOf<P, M>>, ResponseOf<OperationOf<P, M>>, QueryOf<OperationOf<P, M>>>;
}

/** An upload whose body is the text of a CSV file (sent as text/csv). */
function csv<M extends HttpMethod, P extends PathWith<M>>(method: M, path: P) {
  return { method, path, auth: 'session', body: 'csv' } as Operation<P, string | Blob, ResponseOf<OperationOf<P, M>>, QueryOf<OperationOf<P, M>>>;
}

/** An upload of one file as the multipart field `file`. */
function file<M extends HttpMethod, P extends PathWith<M>>(method: M, path: P) {
  return { method, path, auth: 'session', body: 'file' } as Operation<P, Blob, ResponseOf<OperationOf<P, M>>, QueryOf<OperationOf<P, M>>>;
}

const pub = { auth: 'public' } as const;

/** Every operation the web app calls, by name. */
export const operations = {
  // identity
  login: op('POST', '/api/auth/login', pub),
  pupilLogin: op('POST', '/api/auth/pupil-login', pub),
  refresh: op('POST', '/api/auth/refresh', pub),
  // single sign-on
  ssoProviders: op('GET', '/api/sso/providers', pub),
  ssoLink: op('POST', '/api/sso/links'),
  ssoLogout: op('POST', '/api/sso/logout'),
  identityProviders: op('GET', '/api/organizations/{orgId}/identity-providers'),
  createIdentityProvider: op('POST', '/api/organizations/{orgId}/identity-providers'),
  updateIdentityProvider: op('PUT', '/api/organizations/{orgId}/identity-providers/{id}'),
  deleteIdentityProvider: op('DELETE', '/api/organizations/{orgId}/identity-providers/{id}'),
  passwordSignIn: op('GET', '/api/organizations/{orgId}/password-sign-in'),
  setPasswordSignIn: op('PUT', '/api/organizations/{orgId}/password-sign-in'),
  // a session operation: an expired access token is refreshed first, so the session really ends
  logout: op('POST', '/api/auth/logout'),
  acceptInvitation: op('POST', '/api/auth/invitations/{token}/accept', pub),
  requestPasswordReset: op('POST', '/api/auth/password-reset', pub),
  resetPassword: op('POST', '/api/auth/password-reset/{token}', pub),
  confirmEmail: op('POST', '/api/auth/email-verification/{token}', pub),
  resendEmailVerification: op('POST', '/api/auth/email-verification'),
  getMeta: op('GET', '/api/meta', pub),
  getMe: op('GET', '/api/me'),
  updateMe: op('PATCH', '/api/me'),

  // learning
  listCourses: op('GET', '/api/courses'),
  selfEnrol: op('POST', '/api/courses/{id}/enrolments'),
  myEnrolments: op('GET', '/api/me/enrolments'),
  getEnrolment: op('GET', '/api/enrolments/{id}'),
  heartbeat: op('POST', '/api/enrolments/{id}/heartbeat'),
  getLesson: op('GET', '/api/lessons/{id}'),
  completeLesson: op('PUT', '/api/enrolments/{id}/lessons/{lessonId}/completion'),
  startAttempt: op('POST', '/api/enrolments/{id}/quizzes/{quizId}/attempts'),
  getAttempt: op('GET', '/api/attempts/{id}'),
  submitAttempt: op('POST', '/api/attempts/{id}/submission'),
  getSelfAssessment: op('GET', '/api/courses/{id}/self-assessment'),
  submitSelfAssessment: op('POST', '/api/enrolments/{id}/self-assessments/{phase}'),

  // certificates
  myCertificates: op('GET', '/api/me/certificates'),
  certificatePdf: op('GET', '/api/certificates/{id}/pdf'),
  verify: op('GET', '/api/verify/{code}', pub),
  certificateCredential: op('GET', '/api/certificates/{id}/credential'),
  verifyCredential: op('POST', '/api/verify/credential', pub),
  orgCertificates: op('GET', '/api/organizations/{orgId}/certificates'),
  revokeCertificate: op('POST', '/api/certificates/{id}/revocation'),
  reissueCertificate: op('POST', '/api/certificates/{id}/reissue'),
  myCertificateName: op('GET', '/api/me/certificate-name'),
  setCertificateName: op('PUT', '/api/me/certificate-name'),
  withdrawCertificateName: op('DELETE', '/api/me/certificate-name/request'),
  certificateNameRequests: op('GET', '/api/organizations/{orgId}/certificate-name-requests'),
  approveCertificateName: op('POST', '/api/organizations/{orgId}/certificate-name-requests/{requestId}/approval'),
  rejectCertificateName: op('POST', '/api/organizations/{orgId}/certificate-name-requests/{requestId}/rejection'),

  // authoring
  getCourse: op('GET', '/api/courses/{id}'),
  createCourse: op('POST', '/api/courses'),
  updateCourse: op('PATCH', '/api/courses/{id}'),
  publishCourse: op('POST', '/api/courses/{id}/publish'),
  archiveCourse: op('POST', '/api/courses/{id}/archive'),
  courseVersions: op('GET', '/api/courses/{id}/versions'),
  courseEditions: op('GET', '/api/courses/{id}/editions'),
  courseEdition: op('GET', '/api/courses/{id}/editions/{locale}'),
  updateCourseEdition: op('PUT', '/api/courses/{id}/editions/{locale}'),
  createModule: op('POST', '/api/courses/{id}/modules'),
  updateModule: op('PATCH', '/api/modules/{id}'),
  orderModules: op('PUT', '/api/courses/{id}/modules/order'),
  createLesson: op('POST', '/api/modules/{id}/lessons'),
  updateLesson: op('PATCH', '/api/lessons/{id}'),
  orderLessons: op('PUT', '/api/modules/{id}/lessons/order'),
  createQuiz: op('POST', '/api/modules/{id}/quizzes'),
  getQuiz: op('GET', '/api/quizzes/{id}'),
  updateQuiz: op('PATCH', '/api/quizzes/{id}'),
  listInstruments: op('GET', '/api/instruments'),
  getInstrument: op('GET', '/api/instruments/{id}'),
  attachSelfAssessment: op('PUT', '/api/courses/{id}/self-assessment'),
  deleteCourse: op('DELETE', '/api/courses/{id}'),
  deleteModule: op('DELETE', '/api/modules/{id}'),
  deleteLesson: op('DELETE', '/api/lessons/{id}'),
  deleteQuiz: op('DELETE', '/api/quizzes/{id}'),
  courseDeletions: op('GET', '/api/courses/{id}/deletions'),
  restoreDeletion: op('POST', '/api/courses/{id}/deletions/{deletionId}/restore'),
  uploadMedia: file('POST', '/api/courses/{id}/media'),
  previewLesson: op('POST', '/api/courses/{id}/lesson-preview'),
  currentLesson: op('GET', '/api/lessons/{id}/current'),
  questionBank: op('GET', '/api/courses/{id}/question-bank'),
  replaceQuestionBank: op('PUT', '/api/courses/{id}/question-bank'),

  // organisations, members and roles
  listOrganizations: op('GET', '/api/organizations'),
  createOrganization: op('POST', '/api/organizations'),
  addMember: op('POST', '/api/organizations/{orgId}/members'),
  listMembers: op('GET', '/api/organizations/{orgId}/members'),
  changeMemberRole: op('PATCH', '/api/organizations/{orgId}/members/{userId}'),
  setPlatformRoles: op('PUT', '/api/users/{id}/platform-roles'),
  removeMember: op('DELETE', '/api/organizations/{orgId}/members/{userId}'),
  reinviteMember: op('POST', '/api/organizations/{orgId}/members/{userId}/invitation'),
  searchPeople: op('GET', '/api/users'),
  getPerson: op('GET', '/api/users/{id}'),
  erasePerson: op('POST', '/api/users/{id}/erasure'),
  exportMyData: op('GET', '/api/me/export'),
  certificateExpiry: op('GET', '/api/organizations/{orgId}/certificate-expiry'),
  auditEvents: op('GET', '/api/organizations/{orgId}/audit-events'),
  getBranding: op('GET', '/api/organizations/{orgId}/branding'),
  updateBranding: op('PUT', '/api/organizations/{orgId}/branding'),

  // cohorts
  listCohorts: op('GET', '/api/organizations/{orgId}/cohorts'),
  getCohort: op('GET', '/api/cohorts/{id}'),
  createCohort: op('POST', '/api/organizations/{orgId}/cohorts'),
  enrolCsv: csv('POST', '/api/cohorts/{id}/enrolments'),
  getJob: op('GET', '/api/jobs/{id}'),
  cohortReminders: op('GET', '/api/cohorts/{id}/reminders'),
  saveCohortReminders: op('PUT', '/api/cohorts/{id}/reminders'),
  jobResult: op('GET', '/api/jobs/{id}/result'),
  createPupils: csv('POST', '/api/cohorts/{id}/pupils'),
  enrolLearners: op('POST', '/api/cohorts/{id}/enrolments'),
  resendInvitation: op('POST', '/api/enrolments/{id}/invitation'),
  remindLearner: op('POST', '/api/enrolments/{id}/reminder'),
  withdrawLearner: op('POST', '/api/enrolments/{id}/withdrawal'),
  learnerActions: op('POST', '/api/cohorts/{id}/learner-actions'),
  cohortProgress: op('GET', '/api/cohorts/{id}/progress'),
  cohortSummary: op('GET', '/api/cohorts/{id}/summary'),
  cohortFunnel: op('GET', '/api/cohorts/{id}/funnel'),
  cohortOverdue: op('GET', '/api/cohorts/{id}/overdue'),
  scoreDistribution: op('GET', '/api/cohorts/{id}/score-distribution'),
  cohortImpact: op('GET', '/api/cohorts/{id}/impact'),
  impactExport: op('GET', '/api/cohorts/{id}/impact/export'),
} as const;

export type Operations = typeof operations;

/**
 * Every `{method, path}` the client uses, without duplicates, for a test that checks each one
 * against the API's OpenAPI document (`GET /api/docs-json`).
 */
export const apiOperations: readonly { method: HttpMethod; path: string }[] = Object.values(operations)
  .map(({ method, path }) => ({ method, path }))
  .filter((o, index, all) => all.findIndex((x) => x.method === o.method && x.path === o.path) === index);
