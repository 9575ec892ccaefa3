import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { CourseCatalogueService } from './course-catalogue.service.js';
import { UpdateLessonDto } from './dto/lesson.dto.js';
import { LessonView } from './dto/responses.js';
import { LessonAuthoringService } from './lesson-authoring.service.js';
import { LINEAGE_NOTE } from './modules.controller.js';
import { UuidParam } from './uuid-param.js';

@ApiTags('courses')
@Controller('lessons')
export class LessonsController {
  constructor(
    private readonly lessons: LessonAuthoringService,
    private readonly catalogue: CourseCatalogueService,
  ) {}

  @Get(':id')
  @Scoped('lesson', 'reader', 'id')
  @ApiOperation({
    summary: 'A lesson',
    description: 'For learners enrolled (not withdrawn) in the course version holding the lesson, the course author and admins. bodyHtml is sanitised.',
  })
  @ApiResponse({ status: 200, type: LessonView })
  @ApiResponse({ status: 404, description: 'No such lesson, or the caller is not enrolled in its version' })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<LessonView> {
    return this.catalogue.lesson(actor, id);
  }

  @Patch(':id')
  @Scoped('lesson', 'author', 'id')
  @ApiOperation({ summary: 'Edit a lesson', description: `${LINEAGE_NOTE} videoUrl: null or minutes: null remove them.` })
  @ApiResponse({ status: 200, type: LessonView })
  @ApiResponse({ status: 400, description: 'Invalid fields' })
  @ApiResponse({ status: 404, description: 'No such lesson, or its course is not yours to edit' })
  @ApiResponse({ status: 409, description: 'Deleted from the draft, or the course is archived' })
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: UpdateLessonDto): Promise<LessonView> {
    return this.lessons.updateLesson(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scoped('lesson', 'author', 'id')
  @ApiOperation({ summary: 'Delete a lesson (from the draft)', description: LINEAGE_NOTE })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 404, description: 'No such lesson, or its course is not yours to edit' })
  @ApiResponse({ status: 409, description: 'Already deleted from the draft, or the course is archived' })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    await this.lessons.deleteLesson(actor, id);
  }
}
