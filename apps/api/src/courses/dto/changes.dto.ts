import { ApiProperty } from '@nestjs/swagger';

export class ItemChangeView {
  @ApiProperty({ enum: ['module', 'lesson', 'quiz'] }) item!: 'module' | 'lesson' | 'quiz';
  @ApiProperty({ enum: ['added', 'removed', 'edited'] }) change!: 'added' | 'removed' | 'edited';
  @ApiProperty({ format: 'uuid', description: 'The item lineage (the same in every version of the course)' }) lineageId!: string;
  @ApiProperty({ description: 'Its title in the newer version (the older one when removed)' }) title!: string;
  @ApiProperty({ type: [String], description: 'Edited: the fields that differ (title, body, minutes, videoUrl, position, module, passMark, maxAttempts, timeLimitMinutes, draws, questions)' })
  fields!: string[];
  @ApiProperty({ description: 'Quizzes: whether a grade could differ (pass mark, time limit, draws, questions asked or their correct answers); wording alone does not' })
  affectsGrading!: boolean;
}

export class VersionChangesView {
  @ApiProperty({ type: Number, nullable: true, description: 'The older version compared (the live one for a publish preview)' }) fromVersion!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The newer version compared (the draft for a publish preview)' }) toVersion!: number | null;
  @ApiProperty({ type: [ItemChangeView] }) changes!: ItemChangeView[];
}
