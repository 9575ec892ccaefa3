import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { MULTIPLE_CHOICE_RULE } from '@kindling/domain';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { AttemptsService } from './attempts.service.js';
import { AttemptResultDto, AttemptViewDto, SubmissionDto, SubmissionResultDto } from './dto/attempt.dto.js';
import { PRE_FIRST } from './progress.service.js';

@ApiTags('quizzes')
@ApiExtraModels(AttemptViewDto, AttemptResultDto)
@Controller()
export class AttemptsController {
  constructor(private readonly attempts: AttemptsService) {}

  @Post('enrolments/:id/quizzes/:quizId/attempts')
  @Scoped('enrolment', 'learner', 'id', { checkedInSql: true }) // ProgressRepository.lockOwn: e.user_id = caller
  @ApiOperation({
    summary: 'Start a quiz attempt',
    description:
      'Answers with the questions and options (shuffled when the quiz says so), never the correct answers. An attempt of this quiz ' +
      'that is still open is returned again instead of using up another attempt.',
  })
  @ApiResponse({ status: 201, type: AttemptViewDto })
  @ApiResponse({ status: 404, description: 'not the caller’s enrolment, or the quiz is not in its course version' })
  @ApiResponse({ status: 409, description: `no attempts left; "${PRE_FIRST}"; or the enrolment is withdrawn` })
  start(@Param('id') id: string, @Param('quizId') quizId: string, @CurrentActor() actor: Actor): Promise<AttemptViewDto> {
    return this.attempts.start(actor.userId, id, quizId);
  }

  @Get('attempts/:id')
  @Scoped('attempt', 'learner')
  @ApiOperation({ summary: 'An attempt: its questions while open (page reload), its result once submitted' })
  @ApiResponse({ status: 200, schema: { oneOf: [{ $ref: getSchemaPath(AttemptViewDto) }, { $ref: getSchemaPath(AttemptResultDto) }] } })
  @ApiResponse({ status: 404, description: 'not the caller’s attempt' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<AttemptViewDto | AttemptResultDto> {
    return this.attempts.get(actor.userId, id);
  }

  @Post('attempts/:id/submission')
  @HttpCode(200)
  @Scoped('attempt', 'learner', 'id', { checkedInSql: true }) // AttemptsRepository.findOwn: e.user_id = caller
  @ApiOperation({
    summary: 'Submit an attempt (once)',
    description:
      `Graded on the server. ${MULTIPLE_CHOICE_RULE} A second or concurrent submission of the same attempt answers 409 and ` +
      'exactly one graded submission is kept. Answers naming a question not in this attempt, or an option not of that question, answer 400.',
  })
  @ApiResponse({ status: 200, type: SubmissionResultDto })
  @ApiResponse({ status: 400, description: 'unknown question or option ids, a question answered twice, several options for a single-choice question' })
  @ApiResponse({ status: 404, description: 'not the caller’s attempt' })
  @ApiResponse({ status: 409, description: 'the attempt is already submitted, or the enrolment is withdrawn' })
  submit(@Param('id') id: string, @CurrentActor() actor: Actor, @Body() body: SubmissionDto): Promise<SubmissionResultDto> {
    return this.attempts.submit(actor.userId, id, body);
  }
}
