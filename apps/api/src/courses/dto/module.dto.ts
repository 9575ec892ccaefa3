import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { NOT_BLANK } from './validation.js';
import { keyed } from '../../common/validation/keyed.js';

export class ModuleTitleDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  title!: string;
}

export class ModuleOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every module id of the course's draft, each once, in the new order" })
  @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  moduleIds!: string[];
}

export class LessonOrderDto {
  @ApiProperty({ type: [String], format: 'uuid', description: "Every lesson id of the module, each once, in the new order" })
  @IsArray() @ArrayMaxSize(1000) @IsUUID('all', { each: true })
  lessonIds!: string[];
}
