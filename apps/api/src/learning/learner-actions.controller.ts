import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MANUAL_REMINDER_EVERY_HOURS } from '@kindling/db';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { scopeOf } from '../common/auth/access.service.js';
import { BULK_LIMIT, LearnerBulkActionDto, LearnerBulkResultDto, SentDto } from './dto/learner-actions.dto.js';
import { INVITATION_RESEND_EVERY_MINUTES, LearnerActionsService } from './learner-actions.service.js';

/** The learners table's row and bulk actions (issue #18, points 2 and 4). */
@ApiTags('cohorts')
@Controller()
export class LearnerActionsController {
  constructor(private readonly actions: LearnerActionsService) {}

  @Post('enrolments/:id/invitation')
  @HttpCode(200)
  @Scoped('enrolment', 'manager')
  @ApiOperation({
    summary: 'Send the invitation again to a learner who has not accepted it',
    description: `A fresh single-use link; earlier links stop working. At most once every ${INVITATION_RESEND_EVERY_MINUTES} minutes per person (429 with Retry-After). Audited.`,
  })
  @ApiResponse({ status: 200, type: SentDto })
  @ApiResponse({ status: 404, description: 'enrolment not found in an organisation the caller manages' })
  @ApiResponse({ status: 409, description: 'the invitation is accepted already, the enrolment is not active, or the learner has no e-mail' })
  @ApiResponse({ status: 429, description: `an invitation went out less than ${INVITATION_RESEND_EVERY_MINUTES} minutes ago` })
  resendInvitation(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<SentDto> {
    return this.actions.resendInvitation(scopeOf(actor), id);
  }

  @Post('enrolments/:id/reminder')
  @HttpCode(200)
  @Scoped('enrolment', 'manager')
  @ApiOperation({
    summary: 'Remind a learner now (an e-mail in the learner’s language, with the unsubscribe-from-reminders link)',
    description: `At most once every ${MANUAL_REMINDER_EVERY_HOURS} hours per learner (429). Never to a withdrawn or completed learner, nor to one who unsubscribed from reminders (409).`,
  })
  @ApiResponse({ status: 200, type: SentDto })
  @ApiResponse({ status: 404, description: 'enrolment not found in an organisation the caller manages' })
  @ApiResponse({ status: 409, description: 'not active, unsubscribed from reminders, or no e-mail' })
  @ApiResponse({ status: 429, description: `reminded less than ${MANUAL_REMINDER_EVERY_HOURS} hours ago` })
  remind(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<SentDto> {
    return this.actions.remind(scopeOf(actor), id);
  }

  @Post('cohorts/:id/learner-actions')
  @HttpCode(200)
  @Scoped('cohort', 'manager')
  @ApiOperation({
    summary: 'Remind or withdraw many learners: a selection (enrolmentIds) or everyone a filter matches (q, status)',
    description:
      `Learners who cannot take the action are counted as skipped: reminders go only to active learners with an e-mail who did ` +
      `not unsubscribe and were not reminded in the last ${MANUAL_REMINDER_EVERY_HOURS} hours; only active learners are withdrawn. ` +
      `At most ${BULK_LIMIT} learners at once. Export a selection with GET /api/cohorts/:id/progress?format=…&ids=….`,
  })
  @ApiResponse({ status: 200, type: LearnerBulkResultDto })
  @ApiResponse({ status: 400, description: 'no selection and no filter, an unknown action, or too many learners' })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  bulk(@Param('id') id: string, @CurrentActor() actor: Actor, @Body() dto: LearnerBulkActionDto): Promise<LearnerBulkResultDto> {
    return this.actions.bulk(scopeOf(actor), id, dto);
  }
}
