import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { CourseRemovalService } from './course-removal.service.js';
import { DraftDeletionView } from './dto/removal.dto.js';
import { UuidParam } from './uuid-param.js';

const NOT_YOURS = 'No such course, or it is not yours to edit (authors edit their own courses, admins all)';

@ApiTags('courses')
@Controller('courses')
export class CourseRemovalController {
  constructor(private readonly removal: CourseRemovalService) {}

  @Delete(':id')
  @HttpCode(204)
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Delete a course that was never published',
    description: 'Removes the course with its draft, items, language editions and media. A course that was ever published is archived instead (409). Audited.',
  })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course has been published: archive it instead' })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    await this.removal.deleteCourse(actor, id);
  }

  @Get(':id/deletions')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Deletes in the open draft that can be undone, newest first',
    description: 'Each DELETE of a module, lesson or quiz keeps what it removed until the draft is published; empty when there is no draft.',
  })
  @ApiResponse({ status: 200, type: [DraftDeletionView] })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  deletions(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<DraftDeletionView[]> {
    return this.removal.openDeletions(actor, id);
  }

  @Post(':id/deletions/:deletionId/restore')
  @HttpCode(200)
  @Scoped('course', 'author', 'id')
  @ApiBody({ required: false, description: 'No body' })
  @ApiParam({ name: 'deletionId', format: 'uuid' })
  @ApiOperation({
    summary: 'Undo a delete in the open draft',
    description: 'Puts the module (with its lessons and quizzes), lesson or quiz back where it was, with the same ids and lineage (so lesson URLs work again).',
  })
  @ApiResponse({ status: 200, type: DraftDeletionView })
  @ApiResponse({ status: 400, description: 'deletionId is not a UUID' })
  @ApiResponse({ status: 404, description: `${NOT_YOURS}; or no such deletion, or it was already restored` })
  @ApiResponse({ status: 409, description: 'The draft was published since, the item’s module is deleted, or the course is archived' })
  restore(@CurrentActor() actor: Actor, @UuidParam() id: string, @UuidParam('deletionId') deletionId: string): Promise<DraftDeletionView> {
    return this.removal.restore(actor, id, deletionId);
  }
}
