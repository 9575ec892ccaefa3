import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { conflict, msg, notFound } from '@kindling/common';
import { CourseItemsRepository, DraftDeletionsRepository } from '@kindling/db';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseCatalogueService } from './course-catalogue.service.js';
import { LessonView } from './dto/responses.js';
import { UuidParam } from './uuid-param.js';

/**
 * Stable editor URLs (issue 22 point 2): the editor addresses a lesson by the id it was opened
 * with, whichever version that id belongs to; this answers the text being edited now, found by
 * lineage, so saving (which may copy the course into a new draft with new ids) never changes
 * the URL.
 */
@ApiTags('courses')
@Controller('lessons')
export class LessonCurrentController {
  constructor(
    private readonly items: CourseItemsRepository,
    private readonly lineage: DraftDeletionsRepository,
    private readonly catalogue: CourseCatalogueService,
  ) {}

  @Get(':id/current')
  @Scoped('lesson', 'author', 'id')
  @ApiOperation({
    summary: 'The lesson as it is being edited now (the course’s authors, admins)',
    description:
      'The id may belong to any version of the course; the answer is the same lesson (by lineage) in the draft, or in the published ' +
      'version when there is no draft. Its id is the one of that version.',
  })
  @ApiResponse({ status: 200, type: LessonView })
  @ApiResponse({ status: 404, description: 'No such lesson, or its course is not yours to edit' })
  @ApiResponse({ status: 409, description: 'Deleted from the draft' })
  async current(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<LessonView> {
    const origin = await this.items.origin('lesson', id, authorScopeOf(actor, 'lesson'));
    if (!origin) throw notFound('lesson');
    const currentId = await this.lineage.currentLessonOfLineage(origin.course_id, origin.lineage_id);
    if (!currentId) throw conflict(msg('errors.course.itemDeleted.lesson'));
    return this.catalogue.lesson(actor, currentId);
  }
}
