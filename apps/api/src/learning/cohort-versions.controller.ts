import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { queryRows } from '@kindling/db';
import { versionChanges } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { scopeOf } from '../common/auth/access.service.js';
import { ItemChangeView } from '../courses/dto/changes.dto.js';
import { VersionContentLoader } from '../courses/version-content.js';
import { CohortsService } from './cohorts.service.js';

export class CohortVersionCountView {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'Active enrolments on this version' }) active!: number;
  @ApiProperty({ description: 'Of those, the ones not started yet' }) notStarted!: number;
}

export class CohortVersionStatusView {
  @ApiProperty({ type: Number, nullable: true, description: 'The course version new enrolments get' }) publishedVersion!: number | null;
  @ApiProperty({ description: 'Some active enrolments of the cohort are on an older version than the published one' }) newerVersionExists!: boolean;
  @ApiProperty({ type: [CohortVersionCountView], description: 'Active enrolments per version, newest first' }) versions!: CohortVersionCountView[];
  @ApiProperty({ type: Number, nullable: true, description: 'The oldest version in use that `changes` starts from' }) fromVersion!: number | null;
  @ApiProperty({ type: [ItemChangeView], description: 'What changed from the oldest version in use to the published one' }) changes!: ItemChangeView[];
}

/** Issue 22 point 4: the manager's view of a cohort on an older course version. */
@ApiTags('cohorts')
@Controller()
export class CohortVersionsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly content: VersionContentLoader,
  ) {}

  @Get('cohorts/:id/version-status')
  @Scoped('cohort', 'manager')
  @ApiOperation({
    summary: 'Whether a newer course version exists for the cohort, what changed, and how many learners could move',
    description: 'Move them with POST /api/cohorts/{id}/version-migration (?learners=not-started for those who have not started only).',
  })
  @ApiResponse({ status: 200, type: CohortVersionStatusView })
  @ApiResponse({ status: 404, description: 'cohort not found (or not managed by the caller)' })
  async status(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<CohortVersionStatusView> {
    const cohort = await this.cohorts.requireManaged(scopeOf(actor), id);
    const { published } = await this.content.versionsOf(cohort.courseId);
    const counts = await queryRows<{ version_id: string; version: number; active: number; not_started: number }>(
      this.dataSource,
      `SELECT v.id AS version_id, v.version, count(*)::int AS active, count(*) FILTER (WHERE e.started_at IS NULL)::int AS not_started
         FROM enrolments e JOIN course_versions v ON v.id = e.course_version_id
        WHERE e.cohort_id = $1 AND e.status = 'active'
        GROUP BY v.id, v.version ORDER BY v.version DESC`,
      [cohort.id],
    );
    const older = counts.filter((c) => published && c.version < published.version);
    const oldest = older[older.length - 1];
    const changes = published && oldest
      ? versionChanges(await this.content.load(oldest.version_id), await this.content.load(published.id))
      : [];
    return {
      publishedVersion: published?.version ?? null,
      newerVersionExists: older.length > 0,
      versions: counts.map((c) => ({ version: c.version, active: c.active, notStarted: c.not_started })),
      fromVersion: oldest?.version ?? null,
      changes,
    };
  }
}
