import { Injectable } from '@nestjs/common';
import { invalid, isUuid, notFound, msg } from '@kindling/common';
import { type CohortSummaryRow, CohortsRepository, recordAudit } from '@kindling/db';
import type { CohortRef } from '@kindling/enrolment';
import { DataSource, type EntityManager } from 'typeorm';
import type { Scope } from '../common/auth/access.service.js';
import type { CohortDto, CreateCohortDto } from './dto/cohort.dto.js';

const toDto = (r: CohortSummaryRow): CohortDto => ({
  id: r.id,
  organizationId: r.organization_id,
  name: r.name,
  courseId: r.course_id,
  courseTitle: r.course_title,
  courseVersion: r.course_version,
  audience: r.audience,
  startsOn: r.starts_on,
  dueOn: r.due_on,
  enrolled: r.enrolled,
  completed: r.completed,
  overdue: r.overdue,
  onOlderVersion: r.on_older_version,
  createdAt: new Date(r.created_at).toISOString(),
});

/**
 * Cohorts: creating them and reading them with their counts. Enrolling into a cohort is
 * CohortUploadsService (learners by e-mail) and CohortPupilsService (pupil accounts); moving it
 * to a newer course version is CohortVersionMigrationService.
 */
@Injectable()
export class CohortsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
  ) {}

  async create(organizationId: string, actorId: string, dto: CreateCohortDto): Promise<{ id: string }> {
    if (dto.startsOn && dto.dueOn && dto.dueOn < dto.startsOn) throw invalid(msg('errors.cohort.dueBeforeStart'));
    return this.dataSource.transaction(async (em) => {
      if (!(await this.cohorts.isPublishedCourse(dto.courseId, em))) throw invalid(msg('errors.cohort.coursePublished'));
      const id = await this.cohorts.insert(
        {
          organizationId,
          courseId: dto.courseId,
          name: dto.name.trim(),
          audience: dto.audience,
          startsOn: dto.startsOn ?? null,
          dueOn: dto.dueOn ?? null,
          createdBy: actorId,
        },
        em,
      );
      await recordAudit(em, {
        organizationId,
        actorId,
        action: 'cohort.created',
        subjectType: 'cohort',
        subjectId: id,
        data: { name: dto.name.trim(), courseId: dto.courseId, audience: dto.audience, startsOn: dto.startsOn ?? null, dueOn: dto.dueOn ?? null },
      });
      return { id };
    });
  }

  /** The cohorts; the course title is the one of the edition in the reader's language when there is one. */
  async list(organizationId: string, readerId: string | null = null): Promise<CohortDto[]> {
    return (await this.inReadersLanguage(await this.cohorts.listForOrganization(organizationId), readerId)).map(toDto);
  }

  async get(scope: Scope, cohortId: string): Promise<CohortDto> {
    if (!isUuid(cohortId)) throw notFound('cohort');
    const row = await this.cohorts.findSummary(cohortId, scope);
    if (!row) throw notFound('cohort');
    const [read] = await this.inReadersLanguage([row], scope.userId);
    return toDto(read!);
  }

  /**
   * The course titles as the reader reads them: the title of the published version's edition in
   * the reader's account language when it has one, else the version's own (the learner side's
   * rule, libs/db edition-sql.ts), so a German manager reads «Freundlichkeit im Berufsalltag».
   */
  private async inReadersLanguage(rows: CohortSummaryRow[], readerId: string | null): Promise<CohortSummaryRow[]> {
    if (!readerId || rows.length === 0) return rows;
    const titles = await this.cohorts.courseTitlesInReadersLanguage(rows.map((r) => r.id), readerId);
    const byId = new Map(titles.map((t) => [t.id, t.title]));
    return rows.map((r) => (byId.has(r.id) ? { ...r, course_title: byId.get(r.id)! } : r));
  }

  /** The cohort if the caller manages its organisation (admin: any); 404 otherwise. */
  async requireManaged(scope: Scope, cohortId: string, em?: EntityManager): Promise<CohortRef & { name: string }> {
    if (!isUuid(cohortId)) throw notFound('cohort');
    const row = await this.cohorts.findManaged(cohortId, scope, em);
    if (!row) throw notFound('cohort');
    return { id: row.id, organizationId: row.organization_id, courseId: row.course_id, name: row.name };
  }
}
