import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { invalid, isUuid, msg, notFound } from '@kindling/common';
import { type ReminderScheduleRow, RemindersRepository } from '@kindling/db';
import { type Actor, CurrentActor, Public, Scoped } from '../common/auth/index.js';
import { scopeOf } from '../common/auth/access.service.js';
import { CohortsService } from './cohorts.service.js';
import { ReminderScheduleDto, ReminderStateDto } from './dto/reminders.dto.js';

const toDto = (s: ReminderScheduleRow): ReminderScheduleDto => ({
  enabled: s.reminders_enabled,
  invitationAfterDays: s.invitation_reminder_days,
  dueSoonDays: s.due_soon_days,
  overdue: s.overdue_reminder,
  weeklyDigest: s.weekly_digest,
  dueOn: s.due_on,
});

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A cohort's reminder schedule, and the unsubscribe link of reminder e-mails. */
@ApiTags('cohorts')
@Controller()
export class CohortRemindersController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly reminders: RemindersRepository,
  ) {}

  @Get('cohorts/:id/reminders')
  @Scoped('cohort', 'manager')
  @ApiOperation({ summary: "The cohort's reminder schedule and how many reminders of each step went out" })
  @ApiResponse({ status: 200, type: ReminderStateDto })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  async get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<ReminderStateDto> {
    const cohort = await this.cohorts.requireManaged(scopeOf(actor), id);
    const schedule = await this.reminders.schedule(cohort.id);
    return { ...toDto(schedule!), steps: await this.reminders.counts(cohort.id) };
  }

  @Put('cohorts/:id/reminders')
  @Scoped('cohort', 'manager')
  @ApiOperation({
    summary: "Change or switch off the cohort's reminders",
    description: 'Each step goes to each learner at most once; changing the schedule never sends a step twice.',
  })
  @ApiResponse({ status: 200, type: ReminderStateDto })
  @ApiResponse({ status: 400, description: 'invalid schedule (days outside 1–90, a due date before the start)' })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  async put(@Param('id') id: string, @CurrentActor() actor: Actor, @Body() dto: ReminderScheduleDto): Promise<ReminderStateDto> {
    const cohort = await this.cohorts.requireManaged(scopeOf(actor), id);
    try {
      await this.reminders.updateSchedule(cohort.id, {
        reminders_enabled: dto.enabled,
        invitation_reminder_days: dto.invitationAfterDays,
        due_soon_days: dto.dueSoonDays,
        overdue_reminder: dto.overdue,
        weekly_digest: dto.weeklyDigest,
        ...(dto.dueOn !== undefined ? { due_on: dto.dueOn } : {}),
      });
    } catch (e) {
      if ((e as { constraint?: string }).constraint === 'ck_cohorts_dates') throw invalid(msg('errors.cohort.dueBeforeStart'));
      throw e;
    }
    return this.get(id, actor);
  }

  @Get('reminders/unsubscribe')
  @Public()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The page behind the unsubscribe link of a reminder e-mail: one button that confirms (nothing changes on GET)',
  })
  @ApiQuery({ name: 'key', required: true, type: String })
  @ApiProduces('text/html')
  @ApiResponse({ status: 200, description: 'a confirmation form (text/html)', schema: { type: 'string' } })
  page(@Query('key') key: unknown): string {
    const k = typeof key === 'string' && isUuid(key) ? key : '';
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Kindling reminders</title></head>
<body><main><h1>Stop reminder e-mails</h1><p>You will still receive mandatory notices (invitations, password resets).</p>
<form method="post" action="/api/reminders/unsubscribe?key=${escapeHtml(k)}"><button type="submit">Stop reminders</button></form></main></body></html>`;
  }

  @Post('reminders/unsubscribe')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Stop reminder e-mails (the one-click unsubscribe of a reminder e-mail; key in the query or the body)',
    description: 'Only reminders stop; invitations, password resets and other mandatory notices still go out.',
  })
  @ApiQuery({ name: 'key', required: true, type: String })
  @ApiResponse({ status: 204, description: 'opted out' })
  @ApiResponse({ status: 404, description: 'unknown key' })
  async unsubscribe(@Query('key') key: unknown): Promise<void> {
    if (!isUuid(key) || !(await this.reminders.optOutByDelivery(key))) throw notFound('reminder link');
  }
}
