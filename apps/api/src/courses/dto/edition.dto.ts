import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';

// ---------- request ----------

export class EditionCourseTextsDto {
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) summary?: string;
}

export class EditionModuleTextsDto {
  @ApiProperty({ format: 'uuid', description: 'A module id of any version of the course (mapped to the draft by lineage)' })
  @IsUUID('all')
  id!: string;
  @ApiProperty({ maxLength: 200 }) @IsString() @MaxLength(200) title!: string;
}

export class EditionLessonTextsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ maxLength: 100000, description: 'Markdown, rendered and sanitised like the default body' })
  @IsOptional() @IsString() @MaxLength(100000)
  body?: string;
  @ApiPropertyOptional({ maxLength: 100000, description: 'The video’s text alternative (transcript or description)' })
  @IsOptional() @IsString() @MaxLength(100000)
  videoText?: string;
}

export class EditionQuestionTextsDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) prompt?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) feedback?: string;
  @ApiPropertyOptional({ type: [String], description: 'Option texts in the order of the default language’s options' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(1000, { each: true })
  options?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'Short text: the answers accepted in this language (any number; the default language’s stay accepted too)',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(200, { each: true })
  acceptedAnswers?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Choice kinds: each option’s feedback, in the order of the default language’s options ("" where none)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(1000, { each: true })
  optionFeedback?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Matching: the text each option is paired with, in the order of the default language’s options' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(1000, { each: true })
  matches?: string[];
}

export class EditionBankTextsDto {
  @ApiPropertyOptional({ type: [EditionQuestionTextsDto], description: 'One entry per question of the course’s question bank, in its order' })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => EditionQuestionTextsDto)
  questions?: EditionQuestionTextsDto[];
}

export class EditionQuizTextsDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) title?: string;
  @ApiPropertyOptional({ type: [EditionQuestionTextsDto], description: 'One entry per question, in the default language’s order' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => EditionQuestionTextsDto)
  questions?: EditionQuestionTextsDto[];
}

/** Texts of one language edition; every part is optional and only the fields sent change. */
export class EditionUpdateDto {
  @ApiPropertyOptional({ type: EditionCourseTextsDto })
  @IsOptional() @ValidateNested() @Type(() => EditionCourseTextsDto)
  course?: EditionCourseTextsDto;

  @ApiPropertyOptional({ type: [EditionModuleTextsDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => EditionModuleTextsDto)
  modules?: EditionModuleTextsDto[];

  @ApiPropertyOptional({ type: [EditionLessonTextsDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => EditionLessonTextsDto)
  lessons?: EditionLessonTextsDto[];

  @ApiPropertyOptional({ type: [EditionQuizTextsDto] })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => EditionQuizTextsDto)
  quizzes?: EditionQuizTextsDto[];

  @ApiPropertyOptional({ type: EditionBankTextsDto, description: 'The course’s question bank' })
  @IsOptional() @ValidateNested() @Type(() => EditionBankTextsDto)
  bank?: EditionBankTextsDto;
}

// ---------- response ----------

export class MissingTextView {
  @ApiProperty({ enum: ['course', 'module', 'lesson', 'quiz', 'bank'] }) kind!: 'course' | 'module' | 'lesson' | 'quiz' | 'bank';
  @ApiProperty({ format: 'uuid', description: "The item's id in the version shown (the course id for the course and the question bank)" }) id!: string;
  @ApiProperty({
    description: 'title, summary, body, videoText, questions.N.prompt, questions.N.feedback, questions.N.options.M, questions.N.options.M.feedback, ' +
      'questions.N.options.M.match or questions.N.acceptedAnswers (0-based)',
  })
  field!: string;
}

export class EditionSummaryView {
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: 'en' | 'it' | 'de' | 'fr';
  @ApiProperty({ description: 'The course is written in this language' }) isDefault!: boolean;
  @ApiProperty({ description: 'The edition has at least one text' }) started!: boolean;
  @ApiProperty({ description: 'Texts of the default language this edition lacks (0 for the default)' }) missing!: number;
  @ApiProperty({ description: 'Texts an edition needs in all' }) total!: number;
}

export class EditionsOverviewView {
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The version shown: the draft, else the published version' }) versionId!: string;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) defaultLocale!: 'en' | 'it' | 'de' | 'fr';
  @ApiProperty({ type: [EditionSummaryView], description: 'All four languages, the default first' }) editions!: EditionSummaryView[];
}

export class EditionPairView {
  @ApiProperty({ description: 'The default language’s text' }) source!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The edition’s text; null when missing' }) text!: string | null;
}

export class EditionListPairView {
  @ApiProperty({ type: [String], description: 'The default language’s list' }) source!: string[];
  @ApiProperty({ type: [String], nullable: true, description: 'The edition’s list; null when missing' }) text!: string[] | null;
}

export class EditionOptionPairView extends EditionPairView {
  @ApiProperty({ description: 'The option’s position (0-based)' }) option!: number;
}

export class EditionQuestionView {
  @ApiProperty({ type: EditionPairView }) prompt!: EditionPairView;
  @ApiProperty({ type: EditionPairView, nullable: true, description: 'null when the default language has no feedback' })
  feedback!: EditionPairView | null;
  @ApiProperty({ type: [EditionPairView] }) options!: EditionPairView[];
  @ApiProperty({ type: EditionListPairView, nullable: true, description: 'Short text: the accepted answers; null for other kinds' })
  acceptedAnswers!: EditionListPairView | null;
  @ApiProperty({ type: [EditionOptionPairView], description: 'The feedback of the options that have one in the default language' })
  optionFeedback!: EditionOptionPairView[];
  @ApiProperty({ type: [EditionPairView], description: 'Matching: the text each option is paired with; empty for other kinds' })
  matches!: EditionPairView[];
}

export class EditionBankView {
  @ApiProperty({ format: 'uuid', description: 'The course id' }) id!: string;
  @ApiProperty({ type: [EditionQuestionView] }) questions!: EditionQuestionView[];
}

export class EditionItemView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: EditionPairView }) title!: EditionPairView;
}

export class EditionLessonView extends EditionItemView {
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty({ type: EditionPairView }) body!: EditionPairView;
  @ApiProperty({ type: EditionPairView, nullable: true, description: 'The video’s text alternative; null when the default language has none' })
  videoText!: EditionPairView | null;
}

export class EditionQuizView extends EditionItemView {
  @ApiProperty({ format: 'uuid' }) moduleId!: string;
  @ApiProperty({ type: [EditionQuestionView] }) questions!: EditionQuestionView[];
}

export class EditionCourseView extends EditionItemView {
  @ApiProperty({ type: EditionPairView }) summary!: EditionPairView;
}

export class EditionTextsView {
  @ApiProperty({ format: 'uuid' }) versionId!: string;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: 'en' | 'it' | 'de' | 'fr';
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) defaultLocale!: 'en' | 'it' | 'de' | 'fr';
  @ApiProperty({ type: EditionCourseView }) course!: EditionCourseView;
  @ApiProperty({ type: [EditionItemView] }) modules!: EditionItemView[];
  @ApiProperty({ type: [EditionLessonView] }) lessons!: EditionLessonView[];
  @ApiProperty({ type: [EditionQuizView] }) quizzes!: EditionQuizView[];
  @ApiProperty({ type: EditionBankView, description: 'The course’s question bank' }) bank!: EditionBankView;
  @ApiProperty({ type: [MissingTextView] }) missing!: MissingTextView[];
}
