import { Body, Controller, Delete, Get, HttpCode, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { CourseCatalogueService } from './course-catalogue.service.js';
import { QuizBodyDto } from './dto/quiz.dto.js';
import { AuthorQuizView } from './dto/responses.js';
import { LINEAGE_NOTE } from './modules.controller.js';
import { QuizAuthoringService } from './quiz-authoring.service.js';
import { UuidParam } from './uuid-param.js';

const NOT_YOURS = 'No such quiz, or its course is not yours to edit';

@ApiTags('courses')
@Controller('quizzes')
export class QuizzesController {
  constructor(
    private readonly quizzes: QuizAuthoringService,
    private readonly catalogue: CourseCatalogueService,
  ) {}

  @Get(':id')
  @Scoped('quiz', 'author', 'id')
  @ApiOperation({ summary: 'A quiz with its correct answers (the course author and admins only)' })
  @ApiResponse({ status: 200, type: AuthorQuizView })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<AuthorQuizView> {
    return this.catalogue.authorQuiz(actor, id);
  }

  @Patch(':id')
  @Scoped('quiz', 'author', 'id')
  @ApiOperation({ summary: 'Replace a quiz (same body as creating it)', description: `${LINEAGE_NOTE} Questions and options get new ids.` })
  @ApiResponse({ status: 200, type: AuthorQuizView })
  @ApiResponse({ status: 400, description: 'Invalid quiz; the messages name each question at fault' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'Deleted from the draft, or the course is archived' })
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: QuizBodyDto): Promise<AuthorQuizView> {
    return this.quizzes.updateQuiz(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Scoped('quiz', 'author', 'id')
  @ApiOperation({ summary: 'Delete a quiz (from the draft)', description: LINEAGE_NOTE })
  @ApiResponse({ status: 204, description: 'Deleted' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'Already deleted from the draft, or the course is archived' })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<void> {
    await this.quizzes.deleteQuiz(actor, id);
  }
}
