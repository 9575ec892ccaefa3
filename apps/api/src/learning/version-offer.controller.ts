import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { conflict, isUuid, msg, notFound } from '@kindling/common';
import { EnrolmentsRepository, ProgressRepository, queryFirst, recordAudit } from '@kindling/db';
import { versionChanges } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, CurrentActor, SignedIn } from '../common/auth/index.js';
import { ItemChangeView } from '../courses/dto/changes.dto.js';
import { VersionContentLoader } from '../courses/version-content.js';
import { CompletionService } from './completion.service.js';
import { lockOwnEnrolment } from './progress.service.js';

export class VersionOfferView {
  @ApiProperty({ description: 'A newer version is offered: a self-enrolled, active enrolment on an older version than the published one' })
  offered!: boolean;
  @ApiProperty() currentVersion!: number;
  @ApiProperty({ type: Number, nullable: true }) newVersion!: number | null;
  @ApiProperty({ description: 'A quiz attempt is open: the move waits until it is submitted (never mid-quiz)' }) quizInProgress!: boolean;
  @ApiProperty({ type: [ItemChangeView] }) changes!: ItemChangeView[];
}

export class VersionMoveView {
  @ApiProperty() courseVersion!: number;
  @ApiProperty() progressPercent!: number;
  @ApiProperty() status!: string;
}

interface EnrolmentVersionRow {
  id: string;
  status: string;
  cohort_id: string | null;
  course_version_id: string;
  version: number;
  course_id: string;
  published_version_id: string | null;
  published_version: number | null;
  open_attempts: number;
}

/**
 * Issue 22 point 4: a self-enrolled learner (no cohort a manager could migrate) is offered the
 * newer version on their next visit and moves only when they accept — never while a quiz
 * attempt is open. Progress is carried by lineage, as in a cohort migration.
 */
@ApiTags('enrolments')
@Controller()
export class VersionOfferController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly content: VersionContentLoader,
    private readonly progress: ProgressRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly completion: CompletionService,
  ) {}

  private async row(userId: string, enrolmentId: string, db: EntityManager | DataSource): Promise<EnrolmentVersionRow> {
    // Not an id: no enrolment (PostgreSQL would refuse the cast with a 500).
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const row = await queryFirst<EnrolmentVersionRow>(
      db,
      `SELECT e.id, e.status, e.cohort_id, e.course_version_id, v.version, v.course_id, c.published_version_id, pv.version AS published_version,
              (SELECT count(*) FROM quiz_attempts a WHERE a.enrolment_id = e.id AND a.submitted_at IS NULL)::int AS open_attempts
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         JOIN courses c ON c.id = v.course_id
         LEFT JOIN course_versions pv ON pv.id = c.published_version_id
        WHERE e.id = $1 AND e.user_id = $2`,
      [enrolmentId, userId],
    );
    if (!row) throw notFound('enrolment');
    return row;
  }

  private static offered(row: EnrolmentVersionRow): boolean {
    return row.cohort_id === null && row.status === 'active' && row.published_version !== null && row.published_version > row.version;
  }

  @Get('enrolments/:id/version-offer')
  @SignedIn()
  @ApiOperation({ summary: 'Whether a newer course version is offered to this (self-enrolled) learner, and what changed' })
  @ApiResponse({ status: 200, type: VersionOfferView })
  @ApiResponse({ status: 404, description: 'Not your enrolment' })
  async offer(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<VersionOfferView> {
    const row = await this.row(actor.userId, id, this.dataSource);
    const offered = VersionOfferController.offered(row);
    const changes = offered && row.published_version_id
      ? versionChanges(await this.content.load(row.course_version_id), await this.content.load(row.published_version_id))
      : [];
    return { offered, currentVersion: row.version, newVersion: offered ? row.published_version : null, quizInProgress: row.open_attempts > 0, changes };
  }

  @Post('enrolments/:id/version-upgrade')
  @HttpCode(200)
  @SignedIn()
  @ApiOperation({
    summary: 'Accept the newer version: move this self-enrolled enrolment to the published version, progress carried by lineage',
    description: '409 when no newer version is offered, or while a quiz attempt is open (submit it first).',
  })
  @ApiResponse({ status: 200, type: VersionMoveView })
  @ApiResponse({ status: 404, description: 'Not your enrolment' })
  @ApiResponse({ status: 409, description: 'Nothing to move to, or a quiz attempt is open' })
  async upgrade(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<VersionMoveView> {
    if (!isUuid(id)) throw notFound('enrolment');
    return this.dataSource.transaction(async (em) => {
      await lockOwnEnrolment(this.progress, em, id, actor.userId);
      const row = await this.row(actor.userId, id, em);
      if (!VersionOfferController.offered(row) || !row.published_version_id) throw conflict(msg('authoring2.noNewerVersion'));
      if (row.open_attempts > 0) throw conflict(msg('authoring2.quizInProgress'));
      const ids = [row.id];
      await this.enrolments.carryLessonCompletions(ids, row.published_version_id, em);
      await this.enrolments.carryPassedAttempts(ids, row.published_version_id, em);
      await this.enrolments.moveToVersion(ids, row.published_version_id, em);
      const [counters] = await this.completion.recompute(em, ids);
      let status = counters?.status ?? row.status;
      if (counters && counters.lessons_completed >= counters.lessons_total && counters.quizzes_passed >= counters.quizzes_total) {
        status = (await this.completion.complete(em, counters, actor.userId)).status;
      }
      await recordAudit(em, {
        organizationId: null,
        actorId: actor.userId,
        action: 'enrolment.version-upgraded',
        subjectType: 'enrolment',
        subjectId: row.id,
        data: { fromVersion: row.version, toVersion: row.published_version },
      });
      return { courseVersion: row.published_version!, progressPercent: counters?.progress_percent ?? 0, status };
    });
  }
}
