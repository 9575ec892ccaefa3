// The web app's names for the HTTP API's types. Every shape comes from schema.gen.ts, which
// `npm run gen:api` generates from the API's OpenAPI document: when a type here is wrong, the
// API's DTO or response decorator is wrong — fix it there and regenerate, never here.
import type { components, operations } from './schema.gen';

type S = components['schemas'];
type QueryOf<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
type PathOf<Op extends keyof operations> = operations[Op]['parameters']['path'];

/** Error body of every 4xx/5xx answer. */
export type ApiErrorBody = S['Error'];

// ---------- identity ----------
export type Me = S['MeView'];
export type Membership = S['MembershipView'];
export type Locale = Me['locale'];
export type PlatformRole = Me['platformRoles'][number];
export type MembershipRole = Membership['role'];
export type SessionResponse = S['SessionView'];
export type SessionUser = SessionResponse['user'];
export type RefreshResponse = S['SessionView'];
export type LoginBody = S['LoginDto'];
export type PupilLoginBody = S['PupilLoginDto'];
export type AcceptInvitationBody = S['AcceptInvitationDto'];
export type PasswordResetRequestBody = S['PasswordResetRequestDto'];
export type PasswordResetBody = S['PasswordResetDto'];
export type UpdateMeBody = S['UpdateMeDto'];
export type Meta = S['MetaView'];
export type SsoProviderChoice = S['SsoProviderChoice'];
export type IdentityProvider = S['IdentityProviderView'];
export type IdentityProviderBody = S['IdentityProviderDto'];
export type PasswordSignIn = S['PasswordSignInView'];

// ---------- learning ----------
export type MyEnrolment = S['MyEnrolmentDto'];
export type EnrolmentStatus = MyEnrolment['status'];
export type CertificateRef = S['CertificateRefDto'];
export type CertificateStatus = CertificateRef['status'];
export type OutlineLesson = S['OutlineLessonView'];
export type OutlineQuiz = S['OutlineQuizView'];
export type OutlineModule = S['OutlineModuleView'];
export type EnrolmentDetail = S['EnrolmentDetailDto'];
export type Lesson = S['LessonView'];
export type LessonCompletion = S['LessonCompletionResultDto'];
export type Heartbeat = S['HeartbeatResultDto'];
export type QuizQuestion = S['QuestionViewDto'];
export type Attempt = S['AttemptViewDto'];
export type AttemptResult = S['AttemptResultDto'];
export type SubmissionBody = S['SubmissionDto'];
export type SubmissionResult = S['SubmissionResultDto'];
export type SelfAssessmentPhase = PathOf<'SelfAssessmentController_submit'>['phase'];
export type SelfAssessmentForm = S['CourseSelfAssessmentDto'];
export type SelfAssessmentBody = S['SubmitSelfAssessmentDto'];
export type SelfAssessmentSubmitted = S['SelfAssessmentSubmittedDto'];
export type CataloguePage = S['CataloguePageView'];
export type CatalogueItem = S['CatalogueItemView'];
export type Created = S['IdDto'];

// ---------- certificates ----------
export type CertificateSummary = S['CertificateSummaryDto'];
export type MyCertificate = CertificateSummary;
export type OrgCertificate = CertificateSummary;
export type CertificatePage = S['CertificatePageDto'];
export type Verification = S['VerificationDto'];
export type CredentialVerification = S['CredentialVerificationDto'];
export type ReissueAccepted = S['ReissueAcceptedDto'];
export type RevocationBody = S['RevokeCertificateDto'];
export type ReissueBody = S['ReissueCertificateDto'];
export type CertificateNameView = S['CertificateNameView'];
export type CertificateNameBody = S['SetCertificateNameDto'];
export type CertificateNameRequest = S['CertificateNameRequestDto'];
export type CertificateNameRejectionBody = S['RejectCertificateNameDto'];

// ---------- authoring ----------
export type CourseDetail = S['CourseOutlineView'];
export type CourseStatus = CourseDetail['status'];
export type VersionStatus = S['CourseVersionView']['status'];
export type Accreditation = S['AccreditationView'];
export type CourseBody = S['CreateCourseDto'];
export type CourseUpdateBody = S['UpdateCourseDto'];
export type CourseCreated = S['CourseCreatedView'];
export type CourseVersion = S['CourseVersionView'];
export type Instrument = S['InstrumentSummaryDto'];
export type InstrumentDetail = S['InstrumentDetailDto'];
export type TitleBody = S['ModuleTitleDto'];
export type Positioned = S['PositionedView'];
export type LessonBody = S['CreateLessonDto'];
export type LessonUpdateBody = S['UpdateLessonDto'];
export type QuizBody = S['QuizBodyDto'];
export type AuthorQuiz = S['AuthorQuizView'];
export type QuestionBank = S['QuestionBankView'];
export type QuestionBankBody = S['QuestionBankDto'];
export type QuizCreated = S['CreatedView'];
export type SelfAssessmentAttachBody = S['SetSelfAssessmentDto'];
export type SelfAssessmentAttached = S['CourseSelfAssessmentSetDto'];
export type PublishResult = S['PublishResultView'];
export type ModuleOrderBody = S['ModuleOrderDto'];
export type LessonOrderBody = S['LessonOrderDto'];

// ---------- organisations and cohorts ----------
export type Organization = S['OrganizationView'];
export type OrganizationKind = Organization['kind'];
export type OrganizationBody = S['CreateOrganizationDto'];
export type MemberAdded = S['MemberAddedView'];
export type Member = S['MemberView'];
export type Person = S['PersonView'];
export type PersonDetail = S['PersonDetailView'];
export type PeoplePage = S['PeoplePage'];
export type MemberBody = S['AddMemberDto'];
export type MemberRoleBody = S['ChangeMemberRoleDto'];
export type PlatformRolesBody = S['PlatformRolesDto'];
export type AuditEvent = S['AuditEventView'];
export type Cohort = S['CohortDto'];
export type Audience = Cohort['audience'];
export type CohortBody = S['CreateCohortDto'];
export type LineError = S['LineErrorDto'];
export type EnrolmentReport = S['EnrolmentReportDto'];
export type JobAccepted = S['JobAcceptedDto'];
export type EnrolmentUploadResult = EnrolmentReport | JobAccepted;
export type SpreadsheetInfo = S['SpreadsheetInfoDto'];
export type ColumnMapping = S['ColumnMappingDto'];
export type ReminderState = S['ReminderStateDto'];
export type ReminderSchedule = S['ReminderScheduleDto'];
export type Job = S['JobDto'];
export type JobStatus = Job['status'];
export type PupilsResult = S['PupilsResultDto'];
export type ProgressRow = S['ProgressRowDto'];
export type ProgressPage = S['ProgressPageDto'];
export type ProgressSort = NonNullable<QueryOf<'ReportsController_progressReport'>['sort']>;
export type ProgressStatusFilter = NonNullable<QueryOf<'ReportsController_progressReport'>['status']>;
export type CohortSummary = S['CohortSummaryDto'];
export type Funnel = S['CohortFunnelDto'];
export type ScoreDistribution = S['ScoreDistributionDto'];
export type ImpactScale = S['ImpactScaleDto'];
export type Impact = S['CohortImpactDto'];
export type LearnerBulkAction = S['LearnerBulkActionDto'];
export type LearnerBulkResult = S['LearnerBulkResultDto'];
