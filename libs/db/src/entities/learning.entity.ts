import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './course.entity.js';

export type CohortAudience = 'teachers' | 'students' | 'health-staff' | 'other';
export type EnrolmentStatus = 'active' | 'completed' | 'withdrawn';

@Entity({ name: 'cohorts' })
export class CohortEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) audience!: CohortAudience;
  @Column({ name: 'starts_on', type: 'date', nullable: true }) startsOn!: string | null;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn!: string | null;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'enrolments' })
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId!: string;
  @Column({ name: 'course_version_id', type: 'uuid' }) courseVersionId!: string;
  @Column({ name: 'cohort_id', type: 'uuid', nullable: true }) cohortId!: string | null;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'text', default: 'active' }) status!: EnrolmentStatus;
  @Column({ name: 'items_total', type: 'integer', default: 0 }) itemsTotal!: number;
  @Column({ name: 'items_done', type: 'integer', default: 0 }) itemsDone!: number;
  @Column({ name: 'lessons_total', type: 'integer', default: 0 }) lessonsTotal!: number;
  @Column({ name: 'lessons_completed', type: 'integer', default: 0 }) lessonsCompleted!: number;
  @Column({ name: 'progress_percent', type: 'smallint', default: 0 }) progressPercent!: number;
  @Column({ name: 'learning_seconds', type: 'integer', default: 0 }) learningSeconds!: number;
  @Column({ name: 'last_heartbeat_at', type: 'timestamptz', nullable: true }) lastHeartbeatAt!: Date | null;
  @Column({ name: 'best_final_score', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericTransformer })
  bestFinalScore!: number | null;
  @Column({ name: 'pre_done', type: 'boolean', default: false }) preDone!: boolean;
  @Column({ name: 'post_done', type: 'boolean', default: false }) postDone!: boolean;
  @Column({ name: 'last_lesson_id', type: 'uuid', nullable: true }) lastLessonId!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz', nullable: true }) lastActivityAt!: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity({ name: 'lesson_completions' })
export class LessonCompletionEntity {
  @PrimaryColumn({ name: 'enrolment_id', type: 'uuid' }) enrolmentId!: string;
  @PrimaryColumn({ name: 'lesson_id', type: 'uuid' }) lessonId!: string;
  @Column({ name: 'completed_at', type: 'timestamptz' }) completedAt!: Date;
}

/** What the learner was shown: question and option ids in presentation order. */
export interface PresentedQuestion {
  questionId: string;
  optionIds: string[];
}
export interface SubmittedAnswer {
  questionId: string;
  optionIds: string[];
}

@Entity({ name: 'quiz_attempts' })
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId!: string;
  @Column({ name: 'quiz_id', type: 'uuid' }) quizId!: string;
  @Column({ name: 'attempt_no', type: 'integer' }) attemptNo!: number;
  @Column({ type: 'jsonb' }) presented!: PresentedQuestion[];
  @Column({ type: 'jsonb', nullable: true }) answers!: SubmittedAnswer[] | null;
  @Column({ name: 'score_percent', type: 'numeric', precision: 5, scale: 2, nullable: true, transformer: numericTransformer })
  scorePercent!: number | null;
  @Column({ type: 'boolean', nullable: true }) passed!: boolean | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
}

export type SelfAssessmentPhase = 'pre' | 'post';

@Entity({ name: 'self_assessment_responses' })
export class SelfAssessmentResponseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId!: string;
  @Column({ name: 'instrument_id', type: 'uuid' }) instrumentId!: string;
  @Column({ type: 'text' }) phase!: SelfAssessmentPhase;
  @Column({ type: 'jsonb' }) answers!: { itemId: string; value: number }[];
  @Column({ type: 'jsonb' }) scores!: Record<string, number | null>;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
}
