import { Body, Controller, Delete, HttpCode, Patch, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { CreateLessonDto } from './dto/lesson.dto.js';
import { LessonOrderDto, ModuleTitleDto } from './dto/module.dto.js';
import { QuizBodyDto } from './dto/quiz.dto.js';
import { CreatedView, LessonOrderView, ModuleRenamedView, PositionedView } from './dto/responses.js';
import { LessonAuthoringService } from './lesson-authoring.service.js';
import { ModuleAuthoringService } from './module-authoring.service.js';
import { QuizAuthoringService } from './quiz-authoring.service.js';
import { UuidParam } from './uuid-param.js';

export const LINEAGE_NOTE =
  'Acts on the draft version of the course (created from the published version on the first edit). An id from the published or a ' +
  'retired version is mapped to the draft by lineage, and the answer carries the draft’s ids; 409 when the item was deleted from the draft.';
const NOT_YOURS = 'No such item, or its course is not yours to edit';

@ApiTags('courses')
@Controller('modules')
export class ModulesController {
  constructor(
    private readonly modules: ModuleAuthoringService,
    private readonly lessons: LessonAuthoringService,
    private readonly quizzes: QuizAuthoringService,
  ) {}

  @Patch(':id')
  @Scoped('module', 'author', 'id')
  @ApiOperation({ summary: 'Rename a module', description: LINEAGE_NOTE })
  @ApiResponse({ status: 200, type: ModuleRenamedView, description: '{id, title} of the draft module' })
  @ApiResponse({ status: 400, description: 'Invalid title' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'Deleted from the draft, or the course is archived' })
  rename(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: ModuleTitleDto): Promise<{ id: string; title: string }> {
    return this.modules.renameModule(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scoped('module', 'author', 'id')
  @ApiOperation({ summary: 'Delete a module with its lessons and quizzes (from the draft)', description: LINEAGE_NOTE })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'Already deleted from the draft, or the course is archived' })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    await this.modules.deleteModule(actor, id);
  }

  @Post(':id/lessons')
  @Scoped('module', 'author', 'id')
  @ApiOperation({
    summary: 'Add a lesson at the end of a module',
    description: `${LINEAGE_NOTE} The Markdown body is rendered and sanitised on the server (no scripts, event handlers, styles, frames; links only http(s)/mailto).`,
  })
  @ApiResponse({ status: 201, type: PositionedView })
  @ApiResponse({ status: 400, description: 'Invalid fields (title 1–200 characters, body ≤ 100,000 characters, videoUrl https only, minutes 0–1440)' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'Deleted from the draft, or the course is archived' })
  addLesson(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: CreateLessonDto): Promise<PositionedView> {
    return this.lessons.addLesson(actor, id, dto);
  }

  @Put(':id/lessons/order')
  @Scoped('module', 'author', 'id')
  @ApiOperation({ summary: 'Reorder the lessons of a module', description: `${LINEAGE_NOTE} lessonIds must be a permutation of the module's lessons.` })
  @ApiResponse({ status: 200, type: LessonOrderView })
  @ApiResponse({ status: 400, description: 'lessonIds is not a permutation of the lessons' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  orderLessons(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: LessonOrderDto): Promise<LessonOrderView> {
    return this.lessons.orderLessons(actor, id, dto);
  }

  @Post(':id/quizzes')
  @Scoped('module', 'author', 'id')
  @ApiOperation({
    summary: 'Add a quiz to a module',
    description:
      `${LINEAGE_NOTE} Single- and multiple-choice questions; a question without a correct option, or a single-choice question ` +
      'with more than one, is rejected with a message naming the question.',
  })
  @ApiResponse({ status: 201, type: CreatedView })
  @ApiResponse({ status: 400, description: 'Invalid quiz; the messages name each question at fault' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'Deleted from the draft, or the course is archived' })
  addQuiz(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: QuizBodyDto): Promise<CreatedView> {
    return this.quizzes.addQuiz(actor, id, dto);
  }
}
