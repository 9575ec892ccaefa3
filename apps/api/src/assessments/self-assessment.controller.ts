import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { Scoped } from '../common/auth/policy.js';
import {
  CourseSelfAssessmentDto, CourseSelfAssessmentSetDto, SelfAssessmentSubmittedDto, SetSelfAssessmentDto, SubmitSelfAssessmentDto,
} from './dto/self-assessment.dto.js';
import { SelfAssessmentService } from './self-assessment.service.js';

@ApiTags('self-assessment')
@Controller()
export class SelfAssessmentController {
  constructor(private readonly selfAssessment: SelfAssessmentService) {}

  @Put('courses/:id/self-assessment')
  @HttpCode(200)
  @Scoped('course', 'author', 'id')
  @ApiOperation({
    summary: 'Attach an instrument to a course, or detach it',
    description:
      'Body `{"instrumentId": "<uuid>"}` attaches, `{"instrumentId": null}` detaches. (A bare JSON `null` body is refused by ' +
      'the strict JSON parser with 400: send the object form.) The change lands on the course’s draft version, created from ' +
      'the published version when needed, like every course edit; enrolled learners keep their version.',
  })
  @ApiResponse({ status: 200, type: CourseSelfAssessmentSetDto })
  @ApiResponse({ status: 400, description: 'instrumentId is not a UUID or names no instrument' })
  @ApiResponse({ status: 404, description: 'no course the caller may edit' })
  @ApiResponse({ status: 409, description: 'the course is archived' })
  attach(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SetSelfAssessmentDto): Promise<CourseSelfAssessmentSetDto> {
    return this.selfAssessment.attach(actor, id, dto.instrumentId);
  }

  @Get('courses/:id/self-assessment')
  @Scoped('course', 'reader', 'id')
  @ApiOperation({
    summary: 'The course’s self-assessment as learners see it, in the course language',
    description: 'For an enrolled learner: the instrument of their course version. For the author/admin: the draft’s, else the published one’s.',
  })
  @ApiResponse({ status: 200, type: CourseSelfAssessmentDto })
  @ApiResponse({ status: 404, description: 'not enrolled and not the author, or the course has no self-assessment' })
  present(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CourseSelfAssessmentDto> {
    return this.selfAssessment.present(actor, id);
  }

  @Post('enrolments/:id/self-assessments/:phase')
  @HttpCode(201)
  @Scoped('enrolment', 'learner', 'id', { checkedInSql: true }) // SelfAssessmentsRepository.lockEnrolmentForSubmission: e.user_id = caller
  @ApiParam({ name: 'phase', enum: ['pre', 'post'] })
  @ApiOperation({
    summary: 'Submit the pre or post self-assessment',
    description:
      'Every item answered exactly once with an integer within the scale. `pre` comes before the first lesson; `post` once ' +
      'every lesson is completed and every quiz passed; each phase once. Submitting `post` may complete the enrolment.',
  })
  @ApiResponse({ status: 201, type: SelfAssessmentSubmittedDto })
  @ApiResponse({ status: 400, description: 'an item is unanswered, unknown, answered twice or out of range (each named); bad phase' })
  @ApiResponse({ status: 404, description: 'not the caller’s enrolment' })
  @ApiResponse({ status: 409, description: 'phase already submitted; post before pre or before the course is done; no self-assessment' })
  submit(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Param('phase') phase: string,
    @Body() dto: SubmitSelfAssessmentDto,
  ): Promise<SelfAssessmentSubmittedDto> {
    return this.selfAssessment.submit(actor, id, phase, dto);
  }
}
