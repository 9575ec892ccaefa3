import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { Scoped } from '../common/auth/index.js';
import { renderLessonHtml } from './lesson-markdown.js';
import { UuidParam } from './uuid-param.js';

export class LessonPreviewDto {
  @ApiProperty({ description: 'Markdown, at most 100,000 characters', maxLength: 100_000 })
  @IsString() @MaxLength(100_000)
  body!: string;
}

export class LessonPreviewView {
  @ApiProperty({ description: 'The HTML learners would get for this body (the same renderer and sanitiser as saved lessons)' })
  bodyHtml!: string;
}

@ApiTags('courses')
@Controller('courses')
export class LessonPreviewController {
  @Post(':id/lesson-preview')
  @HttpCode(200)
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Render a lesson body as learners will see it, without saving (the course’s authors, admins)',
    description: 'The editor’s live preview: the same Markdown renderer and sanitiser the server applies when a lesson is saved.',
  })
  @ApiResponse({ status: 200, type: LessonPreviewView })
  @ApiResponse({ status: 400, description: 'body missing or longer than 100,000 characters' })
  @ApiResponse({ status: 404, description: 'No such course, or it is not yours to edit' })
  preview(@UuidParam() _id: string, @Body() dto: LessonPreviewDto): LessonPreviewView {
    return { bodyHtml: renderLessonHtml(dto.body) };
  }
}
