import { ApiProperty } from '@nestjs/swagger';
import type { Locale } from '@kindling/domain';

/** What the API answers; plain shapes built in the services, never entities. */
export type CourseStatus = 'draft' | 'published' | 'archived';
export type VersionStatus = 'draft' | 'published' | 'retired' | 'archived';

export class AccreditationView {
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
  @ApiProperty({ type: Number, nullable: true }) hours!: number | null;
}

export class CourseCreatedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['draft'] }) status!: CourseStatus;
  @ApiProperty({ example: 1 }) version!: number;
}

export class PositionedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '0-based position within its parent' }) position!: number;
}

/** A renamed module: the draft's id and the new title. */
export class ModuleRenamedView {
  @ApiProperty({ format: 'uuid', description: 'the draft module' }) id!: string;
  @ApiProperty() title!: string;
}

export class CreatedView {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class PublishResultView {
  @ApiProperty({ enum: ['published', 'archived'] }) status!: CourseStatus;
  @ApiProperty() version!: number;
}

export class OutlineLessonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: Number }) minutes!: number | null;
  @ApiProperty({ required: false, description: 'Authors: the lesson has a video without a text alternative (publishing is refused)' })
  videoTextMissing?: boolean;
}

export class OutlineQuizView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() passMark!: number;
  @ApiProperty({ description: 'How many questions an attempt asks: every own question, or the draws\' counts, with the question bank\'s draws added' })
  questionCount!: number;
  @ApiProperty({ nullable: true, type: Number }) maxAttempts!: number | null;
}

export class OutlineModuleView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [OutlineLessonView] }) lessons!: OutlineLessonView[];
  @ApiProperty({ type: [OutlineQuizView] }) quizzes!: OutlineQuizView[];
}

export class CompletionRulesView {
  @ApiProperty({ type: 'integer', nullable: true, description: 'the minimum learning time in minutes; null: none' }) minMinutes!: number | null;
}

/** The accreditation rule (ACCREDITED_MIN_TIME_RATIO) as it applies to the version shown. */
export class MinTimeRuleView {
  @ApiProperty({ description: 'an accredited course must require at least this share of its accredited hours as minimum learning time' })
  ratio!: number;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'the least minimum learning time (minutes) the rule asks of this version\'s accreditation hours; null: not accredited',
  })
  requiredMinMinutes!: number | null;
  @ApiProperty({ description: 'the version\'s minimum learning time satisfies the rule (always true when not accredited)' }) met!: boolean;
}

export class SelfAssessmentRefView {
  @ApiProperty({ format: 'uuid' }) instrumentId!: string;
}

export class CourseOutlineView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'], description: "The course's default language (the one it is written and edited in)" }) locale!: Locale;
  @ApiProperty({
    enum: ['en', 'it', 'de', 'fr'],
    description: "The language of the texts shown: a learner's own when the course has an edition in it, else the default (authors: the default)",
  })
  editionLocale!: Locale;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'], isArray: true, description: 'The languages the version has texts in, the default first' })
  editions!: Locale[];
  @ApiProperty({ description: 'The version shown' }) version!: number;
  @ApiProperty({ enum: ['draft', 'published', 'archived'], description: 'Status of the course as a whole' }) status!: CourseStatus;
  @ApiProperty({ enum: ['draft', 'published', 'retired', 'archived'], description: 'Status of the version shown' }) versionStatus!: VersionStatus;
  @ApiProperty({ description: 'Whether a draft version is being edited (authors)' }) hasDraft!: boolean;
  @ApiProperty({ type: AccreditationView, nullable: true }) accreditation!: AccreditationView | null;
  @ApiProperty({ type: () => CompletionRulesView, description: '{minMinutes}: the minimum learning time, null when none' }) completion!: CompletionRulesView;
  @ApiProperty({ type: () => MinTimeRuleView, description: 'the accreditation rule: publishing is refused while `met` is false' })
  minTimeRule!: MinTimeRuleView;
  @ApiProperty() selfEnrolment!: boolean;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Certificates are valid this many months after issue; null: they do not expire' })
  certificateValidityMonths!: number | null;
  @ApiProperty({ type: () => SelfAssessmentRefView, nullable: true, description: '{instrumentId} when the course has a pre/post self-assessment' })
  selfAssessment!: { instrumentId: string } | null;
  @ApiProperty({ type: [OutlineModuleView] }) modules!: OutlineModuleView[];
}

export class CatalogueItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: Locale;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['draft', 'published', 'archived'] }) status!: CourseStatus;
  @ApiProperty({ type: AccreditationView, nullable: true }) accreditation!: AccreditationView | null;
  @ApiProperty() selfEnrolment!: boolean;
}

export class CataloguePageView {
  @ApiProperty({ type: [CatalogueItemView] }) items!: CatalogueItemView[];
  @ApiProperty({ description: 'Number of matching courses over all pages' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CourseVersionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['draft', 'published', 'retired', 'archived'] }) status!: VersionStatus;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'Enrolments (any status) in this version' }) enrolments!: number;
}

export class LessonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ description: 'Markdown source' }) body!: string;
  @ApiProperty({ description: 'The body rendered and sanitised on the server: safe to insert as HTML' }) bodyHtml!: string;
  @ApiProperty({ nullable: true, type: String }) videoUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The video's text alternative (transcript or description)" }) videoText!: string | null;
  @ApiProperty({ nullable: true, type: Number }) minutes!: number | null;
}

export class AuthorQuizOptionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'Choice kinds; false for ordering and matching options' }) correct!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Matching: the text this option is paired with' }) match!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Shown to a learner who chose this option' }) feedback!: string | null;
}

export class AuthorQuizDrawView {
  @ApiProperty() count!: number;
  @ApiProperty({ required: false }) tag?: string;
  @ApiProperty({ required: false, enum: ['bank'], description: "'bank': from the course's question bank; absent: from the quiz's own questions" }) from?: 'bank';
}

export class AuthorQuizQuestionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() prompt!: string;
  @ApiProperty({ enum: ['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'] }) kind!: 'single' | 'multiple' | 'true-false' | 'ordering' | 'matching' | 'short-text';
  @ApiProperty({ type: [AuthorQuizOptionView], description: 'In the correct order for an ordering question' }) options!: AuthorQuizOptionView[];
  @ApiProperty({ type: [String], description: 'Short text: the accepted answers' }) acceptedAnswers!: string[];
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty({ type: String, nullable: true, description: 'Shown to the learner in the review after a submission' }) feedback!: string | null;
}

export class AuthorQuizView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() passMark!: number;
  @ApiProperty({ nullable: true, type: Number }) maxAttempts!: number | null;
  @ApiProperty() shuffleQuestions!: boolean;
  @ApiProperty() shuffleOptions!: boolean;
  @ApiProperty({ enum: ['passed-or-exhausted', 'never'], description: 'When the review shows the correct options' })
  revealAnswers!: 'passed-or-exhausted' | 'never';
  @ApiProperty({ nullable: true, type: Number, description: 'Minutes per attempt; null: no limit' }) timeLimitMinutes!: number | null;
  @ApiProperty({ type: [AuthorQuizDrawView], description: 'Random draws per attempt; empty: every question' }) draws!: AuthorQuizDrawView[];
  @ApiProperty({ type: [AuthorQuizQuestionView] }) questions!: AuthorQuizQuestionView[];
}

export class QuestionBankView {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The version whose bank this is: the draft, else the published version' }) versionId!: string;
  @ApiProperty({ type: [AuthorQuizQuestionView], description: 'With their correct answers (authors and admins only)' }) questions!: AuthorQuizQuestionView[];
  @ApiProperty({ type: [String], description: 'The tags the questions carry, sorted' }) tags!: string[];
}

export class ModuleOrderView {
  @ApiProperty({ type: [String], description: "The draft's module ids in their new order" }) moduleIds!: string[];
}

export class LessonOrderView {
  @ApiProperty({ type: [String], description: "The draft's lesson ids in their new order" }) lessonIds!: string[];
}
