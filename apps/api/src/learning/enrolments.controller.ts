import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Scoped, SignedIn } from '../common/auth/index.js';
import { scopeOf } from '../common/auth/access.service.js';
import {
  EnrolmentDetailDto,
  HeartbeatDto,
  HeartbeatResultDto,
  IdDto,
  LessonCompletionResultDto,
  MyEnrolmentDto,
  WithdrawalResultDto,
} from './dto/enrolment.dto.js';
import { EnrolmentsService } from './enrolments.service.js';
import { PRE_FIRST, ProgressService } from './progress.service.js';

@ApiTags('enrolments')
@Controller()
export class EnrolmentsController {
  constructor(
    private readonly enrolments: EnrolmentsService,
    private readonly progress: ProgressService,
  ) {}

  @Get('me/enrolments')
  @SignedIn()
  @ApiOperation({ summary: "The caller's enrolments: active first, then completed, then withdrawn" })
  @ApiResponse({ status: 200, type: [MyEnrolmentDto] })
  mine(@CurrentActor() actor: Actor): Promise<MyEnrolmentDto[]> {
    return this.enrolments.mine(actor.userId);
  }

  @Get('enrolments/:id')
  @Scoped('enrolment', 'learner-or-manager')
  @ApiOperation({ summary: 'An enrolment with its course outline (of the enrolled version), progress, attempts and certificate' })
  @ApiResponse({ status: 200, type: EnrolmentDetailDto })
  @ApiResponse({ status: 404, description: 'not the caller’s enrolment, nor one in an organisation they manage' })
  detail(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<EnrolmentDetailDto> {
    return this.enrolments.detail(scopeOf(actor), id);
  }

  @Put('enrolments/:id/lessons/:lessonId/completion')
  @Scoped('enrolment', 'learner', 'id', { checkedInSql: true }) // complete_lesson(enrolment, caller, lesson) checks the owner
  @ApiOperation({
    summary: 'Mark a lesson completed (idempotent)',
    description: 'Completion of the enrolment is evaluated in the same transaction; when it completes, the certificate is requested.',
  })
  @ApiResponse({ status: 200, type: LessonCompletionResultDto })
  @ApiResponse({ status: 404, description: 'not the caller’s enrolment, or the lesson is not in its course version' })
  @ApiResponse({ status: 409, description: `"${PRE_FIRST}" (course with a self-assessment), or the enrolment is withdrawn` })
  completeLesson(
    @Param('id') id: string,
    @Param('lessonId') lessonId: string,
    @CurrentActor() actor: Actor,
  ): Promise<LessonCompletionResultDto> {
    return this.progress.completeLesson(actor.userId, id, lessonId);
  }

  @Post('enrolments/:id/heartbeat')
  @HttpCode(200)
  @Scoped('enrolment', 'learner', 'id', { checkedInSql: true }) // ProgressRepository.lockOwn: e.user_id = caller
  @ApiOperation({
    summary: 'Learning-time heartbeat (send about every 30 s while a lesson is open and the tab is visible)',
    description:
      'Adds min(time since the previous heartbeat, 60 s). Nothing is added for the first heartbeat, for a beat with {start: true} ' +
      '(sent when the learner opens the course or comes back to the tab) or when the previous one is more than 2 minutes old (a ' +
      'tab left open overnight or a sleeping laptop does not count). The beat that reaches the minimum learning time completes ' +
      'the enrolment when everything else is done.',
  })
  @ApiResponse({ status: 200, type: HeartbeatResultDto })
  @ApiResponse({ status: 404, description: 'not the caller’s enrolment' })
  @ApiResponse({ status: 409, description: 'the enrolment is withdrawn' })
  heartbeat(@Param('id') id: string, @Body() body: HeartbeatDto, @CurrentActor() actor: Actor): Promise<HeartbeatResultDto> {
    return this.progress.heartbeat(actor.userId, id, body?.start === true);
  }

  @Post('enrolments/:id/withdrawal')
  @HttpCode(200)
  @Scoped('enrolment', 'manager')
  @ApiOperation({
    summary: 'Withdraw a learner (history kept; enrolling them again in the same organisation reactivates the same enrolment)',
    description: 'Idempotent. A completed enrolment cannot be withdrawn (409). Audited.',
  })
  @ApiResponse({ status: 200, type: WithdrawalResultDto })
  @ApiResponse({ status: 404, description: 'enrolment not found in an organisation the caller manages' })
  @ApiResponse({ status: 409, description: 'the enrolment is completed' })
  withdraw(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<WithdrawalResultDto> {
    return this.enrolments.withdraw(scopeOf(actor), id);
  }

  @Post('courses/:id/enrolments')
  @Scoped('course', 'reader')
  @ApiOperation({
    summary: 'Self-enrolment in a published course that allows it',
    description:
      'Self-enrolment is a scope of its own, apart from enrolments an organisation made: 201 with the new self-enrolment (or a ' +
      'withdrawn one reactivated); 200 with the same {id} when the caller is already self-enrolled.',
  })
  @ApiResponse({ status: 201, type: IdDto })
  @ApiResponse({ status: 200, type: IdDto, description: 'already enrolled' })
  @ApiResponse({ status: 403, description: 'this course does not allow self-enrolment' })
  @ApiResponse({ status: 404, description: 'course not found or not published' })
  async selfEnrol(@Param('id') id: string, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<IdDto> {
    const result = await this.enrolments.selfEnrol(actor.userId, id);
    res.status(result.created ? 201 : 200);
    return { id: result.id };
  }
}
