import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { QuestionBankDto } from './dto/quiz.dto.js';
import { QuestionBankView } from './dto/responses.js';
import { QuestionBankService } from './question-bank.service.js';
import { UuidParam } from './uuid-param.js';

const NOT_YOURS = 'No such course, or it is not yours to edit (authors edit their own courses, admins all)';

@ApiTags('courses')
@Controller('courses')
export class QuestionBankController {
  constructor(private readonly bank: QuestionBankService) {}

  @Get(':id/question-bank')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: "The course's question bank, with its correct answers (the course author and admins only)",
    description: 'The bank of the draft, or of the published version when there is no draft.',
  })
  @ApiResponse({ status: 200, type: QuestionBankView })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<QuestionBankView> {
    return this.bank.get(actor, id);
  }

  @Put(':id/question-bank')
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: "Replace the course's question bank (on the draft)",
    description:
      'Quizzes draw from it with `draws: [{count, tag?, from: "bank"}]`; each attempt draws its own questions on the server. ' +
      'The bank is versioned with the course: published versions keep theirs. Questions get new ids.',
  })
  @ApiResponse({ status: 200, type: QuestionBankView })
  @ApiResponse({ status: 400, description: 'Invalid questions (the messages name each question), or a quiz draws more questions than the bank would hold (named)' })
  @ApiResponse({ status: 404, description: NOT_YOURS })
  @ApiResponse({ status: 409, description: 'The course is archived' })
  replace(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() dto: QuestionBankDto): Promise<QuestionBankView> {
    return this.bank.replace(actor, id, dto);
  }
}
