import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale } from './user.entity.js';

export type CourseVersionStatus = 'draft' | 'published' | 'retired' | 'archived';

/** The stable identity of a course; its content lives in versions. */
@Entity({ name: 'courses' })
export class CourseEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'author_id', type: 'uuid' }) authorId!: string;
  @Column({ name: 'published_version_id', type: 'uuid', nullable: true }) publishedVersionId!: string | null;
  @Column({ name: 'draft_version_id', type: 'uuid', nullable: true }) draftVersionId!: string | null;
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** numeric columns arrive from pg as strings; this keeps them numbers in the entities. */
export const numericTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};

@Entity({ name: 'course_versions' })
export class CourseVersionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'course_id', type: 'uuid' }) courseId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'text', default: 'draft' }) status!: CourseVersionStatus;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'text' }) locale!: Locale;
  @Column({ name: 'accreditation_body', type: 'text', nullable: true }) accreditationBody!: string | null;
  @Column({ name: 'accreditation_reference', type: 'text', nullable: true }) accreditationReference!: string | null;
  @Column({ name: 'accreditation_hours', type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: numericTransformer })
  accreditationHours!: number | null;
  @Column({ name: 'min_minutes', type: 'integer', nullable: true }) minMinutes!: number | null;
  @Column({ name: 'self_enrolment', type: 'boolean', default: false }) selfEnrolment!: boolean;
  @Column({ name: 'instrument_id', type: 'uuid', nullable: true }) instrumentId!: string | null;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity({ name: 'modules' })
export class ModuleEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'course_version_id', type: 'uuid' }) courseVersionId!: string;
  @Column({ name: 'lineage_id', type: 'uuid' }) lineageId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'integer' }) position!: number;
}

@Entity({ name: 'lessons' })
export class LessonEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'module_id', type: 'uuid' }) moduleId!: string;
  @Column({ name: 'course_version_id', type: 'uuid' }) courseVersionId!: string;
  @Column({ name: 'lineage_id', type: 'uuid' }) lineageId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ name: 'body_html', type: 'text' }) bodyHtml!: string;
  @Column({ name: 'video_url', type: 'text', nullable: true }) videoUrl!: string | null;
  @Column({ type: 'integer', nullable: true }) minutes!: number | null;
  @Column({ type: 'integer' }) position!: number;
}

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
}

@Entity({ name: 'quizzes' })
export class QuizEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'module_id', type: 'uuid' }) moduleId!: string;
  @Column({ name: 'course_version_id', type: 'uuid' }) courseVersionId!: string;
  @Column({ name: 'lineage_id', type: 'uuid' }) lineageId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ name: 'pass_mark', type: 'numeric', precision: 5, scale: 2, transformer: numericTransformer }) passMark!: number;
  @Column({ name: 'max_attempts', type: 'integer', nullable: true }) maxAttempts!: number | null;
  @Column({ name: 'shuffle_questions', type: 'boolean', default: false }) shuffleQuestions!: boolean;
  @Column({ name: 'shuffle_options', type: 'boolean', default: false }) shuffleOptions!: boolean;
  /** Questions with their correct flags: never serialised to a learner. */
  @Column({ type: 'jsonb' }) questions!: StoredQuizQuestion[];
  @Column({ type: 'integer' }) position!: number;
}
