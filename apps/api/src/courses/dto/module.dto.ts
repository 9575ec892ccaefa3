import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NOT_BLANK } from './validation.js';

export class ModuleTitleDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(200)
  title!: string;
}

export class ModuleOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every module id of the course's draft, each once, in the new order" })
  @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true, message: 'moduleIds must hold UUIDs' })
  moduleIds!: string[];
}

export class LessonOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every lesson id of the module, each once, in the new order" })
  @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true, message: 'lessonIds must hold UUIDs' })
  lessonIds!: string[];
}
