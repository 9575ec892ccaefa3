import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class CertificateRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: string;
}

export class CourseRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
}

/** Who an enrolment belongs to, so a learner enrolled in one course twice can tell the two apart. */
export class NamedRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

/** Learning time against the course version's minimum (heartbeats credit it while a lesson is open). */
export class LearningTimeDto {
  @ApiProperty({ description: 'learning time credited by heartbeats, seconds' }) learningSeconds!: number;
  @ApiProperty({ type: Number, nullable: true, description: "the version's minimum learning time in seconds; null: no minimum" })
  requiredSeconds!: number | null;
  @ApiProperty({ description: 'seconds still to study before the minimum is met (0 when met or none)' }) remainingSeconds!: number;
  @ApiProperty({ description: 'whole minutes still to study, rounded up (0 when met or none)' }) remainingMinutes!: number;
  @ApiProperty({ description: 'the minimum learning time is met (true when there is none)' }) met!: boolean;
}

export class MyEnrolmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: CourseRefDto }) course!: CourseRefDto;
  @ApiProperty({
    type: NamedRefDto,
    nullable: true,
    description:
      'the organisation the enrolment belongs to (null: self-enrolment). One enrolment per course, organisation and round ' +
      '(a renewal round is a new enrolment of its own).',
  })
  organization!: NamedRefDto | null;
  @ApiProperty({ type: NamedRefDto, nullable: true }) cohort!: NamedRefDto | null;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: CertificateRefDto, nullable: true }) certificate!: CertificateRefDto | null;
  @ApiProperty({ type: String, nullable: true, description: "the due date (YYYY-MM-DD): the enrolment's own (a renewal round's) or its cohort's" })
  dueOn!: string | null;
  @ApiProperty({ description: '1 for the first enrolment in the course; 2, 3… for renewal rounds' }) round!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'a renewal round: the day (YYYY-MM-DD) the certificate it renews expires; null for a first enrolment',
  })
  renewsCertificateExpiresOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastLessonId!: string | null;
  @ApiProperty({ type: LearningTimeDto, description: 'time studied / time required' }) learningTime!: LearningTimeDto;
  @ApiProperty({
    type: String,
    enum: ['learning-time'],
    nullable: true,
    description: "'learning-time' when every item is done but the minimum learning time is not (the enrolment stays active); null otherwise",
  })
  requirementsNotMet!: 'learning-time' | null;
}

export class LessonProgressDto {
  @ApiProperty() lessonId!: string;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
}

export class QuizProgressDto {
  @ApiProperty() quizId!: string;
  @ApiProperty({ type: Number, nullable: true }) bestScore!: number | null;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'Submitted attempts. A started attempt counts as used only once it is submitted.' }) attemptsUsed!: number;
  @ApiProperty({ description: 'An attempt is started and not yet submitted (starting the quiz again resumes it)' }) attemptOpen!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'max attempts − submitted attempts; null = unlimited' }) attemptsLeft!: number | null;
}

export class SelfAssessmentStateDto {
  @ApiProperty({ description: 'the course version has a self-assessment' }) required!: boolean;
  @ApiProperty() pre!: boolean;
  @ApiProperty() post!: boolean;
}

export class OutlineLessonDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) minutes!: number | null;
}

export class OutlineQuizDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() passMark!: number;
  @ApiProperty() questionCount!: number;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts!: number | null;
}

export class OutlineModuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [OutlineLessonDto] }) lessons!: OutlineLessonDto[];
  @ApiProperty({ type: [OutlineQuizDto] }) quizzes!: OutlineQuizDto[];
}

export class EnrolmentCourseDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'], description: "The course's default language" }) locale!: string;
  @ApiProperty({
    enum: ['en', 'it', 'de', 'fr'],
    description: "The language of the texts shown: the learner's when the course has an edition in it, else the default",
  })
  editionLocale!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [OutlineModuleDto] }) modules!: OutlineModuleDto[];
}

export class CohortRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) dueOn!: string | null;
}

export class EnrolmentDetailDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ type: [LessonProgressDto] }) lessons!: LessonProgressDto[];
  @ApiProperty({ type: [QuizProgressDto] }) quizzes!: QuizProgressDto[];
  @ApiProperty({ type: SelfAssessmentStateDto }) selfAssessment!: SelfAssessmentStateDto;
  @ApiProperty({ type: CertificateRefDto, nullable: true }) certificate!: CertificateRefDto | null;
  @ApiProperty({ type: EnrolmentCourseDto }) course!: EnrolmentCourseDto;
  @ApiProperty({ type: CohortRefDto, nullable: true }) cohort!: CohortRefDto | null;
  @ApiProperty({ type: NamedRefDto, nullable: true, description: 'the organisation the enrolment belongs to (null: self-enrolment)' })
  organization!: NamedRefDto | null;
  @ApiProperty({ type: String, nullable: true }) lastLessonId!: string | null;
  @ApiProperty({ description: 'learning time credited by heartbeats, whole minutes' }) minutes!: number;
  @ApiProperty({ type: LearningTimeDto, description: 'time studied / time required' }) learningTime!: LearningTimeDto;
  @ApiProperty({
    type: String,
    enum: ['learning-time'],
    nullable: true,
    description:
      "what still holds an active enrolment back when every lesson, quiz and self-assessment is done: 'learning-time' (see " +
      'learningTime.remainingMinutes); null otherwise',
  })
  requirementsNotMet!: 'learning-time' | null;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt!: string | null;
}

export class LessonCompletionResultDto {
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
}

export class HeartbeatDto {
  @ApiProperty({
    required: false,
    description:
      'true when the learner starts (or comes back to) studying: the beat starts a new span and credits nothing, so time the tab ' +
      'was hidden or closed never counts',
  })
  @IsOptional()
  @IsBoolean()
  start?: boolean;
}

export class HeartbeatResultDto {
  @ApiProperty({ description: 'total learning minutes so far' }) minutes!: number;
}

export class IdDto {
  @ApiProperty() id!: string;
}

export class WithdrawalResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['withdrawn'] }) status!: string;
  @ApiProperty() withdrawnAt!: string;
}
