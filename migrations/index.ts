import { InitialSchema1795325655306 } from './1795325655306-InitialSchema.js';
import { InstrumentImmutabilityAndReportIndexes1795326643621 } from './1795326643621-InstrumentImmutabilityAndReportIndexes.js';
import { CertificateNumberReservations1795327011541 } from './1795327011541-CertificateNumberReservations.js';
import { CertificateSweepIndex1795327890238 } from './1795327890238-CertificateSweepIndex.js';
import { ReserveCertificateNumberFunction1795328351934 } from './1795328351934-ReserveCertificateNumberFunction.js';
import { ProgressNameSortIndex1795329939940 } from './1795329939940-ProgressNameSortIndex.js';
import { CompleteLessonFunction1795330884412 } from './1795330884412-CompleteLessonFunction.js';
import { EmailVerificationAndTokenReferences1795340000000 } from './1795340000000-EmailVerificationAndTokenReferences.js';
import { CertificateNamesAndReissues1795342000000 } from './1795342000000-CertificateNamesAndReissues.js';
import { EnrolmentPerOrganisation1795344500000 } from './1795344500000-EnrolmentPerOrganisation.js';
import { AuditEventsAppendOnly1795341000000 } from './1795341000000-AuditEventsAppendOnly.js';
import { InstrumentKeyOwners1795343000000 } from './1795343000000-InstrumentKeyOwners.js';
import { OutboxDispatchedIndex1795343100000 } from './1795343100000-OutboxDispatchedIndex.js';
import { OneCompletionRule1795350400000 } from './1795350400000-OneCompletionRule.js';
import { LanguageRule1795360000000 } from './1795360000000-LanguageRule.js';
import { IncrementalLessonCounters1795450000000 } from './1795450000000-IncrementalLessonCounters.js';
import { SubmitAttemptFunction1795451000000 } from './1795451000000-SubmitAttemptFunction.js';
import { SingleSignOn1795400000000 } from './1795400000000-SingleSignOn.js';
import { CourseEditionsAndQuizReview1795430000000 } from './1795430000000-CourseEditionsAndQuizReview.js';
import { SignedCredentials1795410000000 } from './1795410000000-SignedCredentials.js';
import { IssuerBranding1795420000000 } from './1795420000000-IssuerBranding.js';
import { CohortReminders1795460000000 } from './1795460000000-CohortReminders.js';
import { SsoProviderRefreshToken1795400000001 } from './1795400000001-SsoProviderRefreshToken.js';
import { IssuerContact1795425000000 } from './1795425000000-IssuerContact.js';
import { SupersededStatusList1795500000000 } from './1795500000000-SupersededStatusList.js';
import { QuizTypesTimeLimitAndDraws1795560000000 } from './1795560000000-QuizTypesTimeLimitAndDraws.js';
import { SubmitPreSelfAssessmentFunction1795520000000 } from './1795520000000-SubmitPreSelfAssessmentFunction.js';
import { StartAttemptFunction1795521000000 } from './1795521000000-StartAttemptFunction.js';
import { SubmitOwnAttemptFunction1795522000000 } from './1795522000000-SubmitOwnAttemptFunction.js';
import { QuizAttemptFunctionsForDrawsAndTimeLimit1795570000000 } from './1795570000000-QuizAttemptFunctionsForDrawsAndTimeLimit.js';
import { ManagerDigestsAndManualReminders1795530000000 } from './1795530000000-ManagerDigestsAndManualReminders.js';
import { CourseMediaAndDraftDeletions1795550000000 } from './1795550000000-CourseMediaAndDraftDeletions.js';
import { PersonalDataErasure1795540000000 } from './1795540000000-PersonalDataErasure.js';
import { IssueCertificateFunction1795620000000 } from './1795620000000-IssueCertificateFunction.js';
import { VideoTextAndQuestionBank1795710000000 } from './1795710000000-VideoTextAndQuestionBank.js';
import { QuizQuestionCount1795711000000 } from './1795711000000-QuizQuestionCount.js';
import { ShortTextAnswersPerEdition1795712000000 } from './1795712000000-ShortTextAnswersPerEdition.js';
import { RenewalRoundsAndMemberNumbers1795700000000 } from './1795700000000-RenewalRoundsAndMemberNumbers.js';
import { BatchedLearnerWrites1795720000000 } from './1795720000000-BatchedLearnerWrites.js';
import { BankEditionsForQuizzesWithoutDraws1795730000000 } from './1795730000000-BankEditionsForQuizzesWithoutDraws.js';
import { PassesOfAttemptsOpenAcrossVersionMoves1795740000000 } from './1795740000000-PassesOfAttemptsOpenAcrossVersionMoves.js';

/** Every migration, in order. Listed explicitly so the same list works compiled and under jest. */
export const migrations = [
  InitialSchema1795325655306,
  InstrumentImmutabilityAndReportIndexes1795326643621,
  CertificateNumberReservations1795327011541,
  CertificateSweepIndex1795327890238,
  ReserveCertificateNumberFunction1795328351934,
  ProgressNameSortIndex1795329939940,
  CompleteLessonFunction1795330884412,
  EmailVerificationAndTokenReferences1795340000000,
  CertificateNamesAndReissues1795342000000,
  EnrolmentPerOrganisation1795344500000,
  AuditEventsAppendOnly1795341000000,
  InstrumentKeyOwners1795343000000,
  OutboxDispatchedIndex1795343100000,
  OneCompletionRule1795350400000,
  LanguageRule1795360000000,
  IncrementalLessonCounters1795450000000,
  SubmitAttemptFunction1795451000000,
  SingleSignOn1795400000000,
  CourseEditionsAndQuizReview1795430000000,
  SignedCredentials1795410000000,
  IssuerBranding1795420000000,
  CohortReminders1795460000000,
  SsoProviderRefreshToken1795400000001,
  IssuerContact1795425000000,
  SupersededStatusList1795500000000,
  QuizTypesTimeLimitAndDraws1795560000000,
  SubmitPreSelfAssessmentFunction1795520000000,
  StartAttemptFunction1795521000000,
  SubmitOwnAttemptFunction1795522000000,
  QuizAttemptFunctionsForDrawsAndTimeLimit1795570000000,
  ManagerDigestsAndManualReminders1795530000000,
  CourseMediaAndDraftDeletions1795550000000,
  PersonalDataErasure1795540000000,
  IssueCertificateFunction1795620000000,
  VideoTextAndQuestionBank1795710000000,
  QuizQuestionCount1795711000000,
  ShortTextAnswersPerEdition1795712000000,
  RenewalRoundsAndMemberNumbers1795700000000,
  BatchedLearnerWrites1795720000000,
  BankEditionsForQuizzesWithoutDraws1795730000000,
  PassesOfAttemptsOpenAcrossVersionMoves1795740000000,
];
