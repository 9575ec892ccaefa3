import { Injectable } from '@nestjs/common';
import { invalid, msg } from '@kindling/common';
import { CoursesRepository, EnrolmentsRepository, recordAudit } from '@kindling/db';
import { EnrolmentWriter } from '@kindling/enrolment';
import { DataSource } from 'typeorm';
import type { Scope } from '../common/auth/access.service.js';
import { CohortsService } from './cohorts.service.js';
import { CompletionService } from './completion.service.js';
import type { VersionMigrationResultDto } from './dto/cohort.dto.js';

/** Moving a cohort's learners to the course's newly published version. */
@Injectable()
export class CohortVersionMigrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly enrolments: EnrolmentsRepository,
    private readonly courses: CoursesRepository,
    private readonly writer: EnrolmentWriter,
    private readonly completion: CompletionService,
  ) {}

  /**
   * Moves the cohort's active enrolments to the course's published version. Lesson completions
   * and passed attempts are carried across by lineage (the same lesson or quiz in the new
   * version); the old rows stay as history. Counters are recomputed and completion evaluated.
   * `onlyNotStarted`: only the learners who have not started yet (issue 22 point 4).
   */
  async migrateVersion(scope: Scope, cohortId: string, onlyNotStarted = false): Promise<VersionMigrationResultDto> {
    return this.dataSource.transaction(async (em) => {
      const cohort = await this.cohorts.requireManaged(scope, cohortId, em);
      const target = await this.writer.publishedTarget(em, cohort.courseId, null);
      if (!target) throw invalid(msg('errors.course.noPublishedVersion'));
      const version = await this.courses.versionNumber(target.versionId, em);
      const moving = await this.enrolments.lockActiveOnOtherVersion(cohort.id, target.versionId, em, onlyNotStarted);
      const ids = moving.map((m) => m.id);
      let completed = 0;
      if (ids.length > 0) {
        await this.enrolments.carryLessonCompletions(ids, target.versionId, em);
        await this.enrolments.carryPassedAttempts(ids, target.versionId, em);
        await this.enrolments.moveToVersion(ids, target.versionId, em);
        const counters = await this.completion.recompute(em, ids);
        for (const row of counters) {
          if (row.lessons_completed >= row.lessons_total && row.quizzes_passed >= row.quizzes_total) {
            const result = await this.completion.complete(em, row, scope.userId);
            if (result.justCompleted) completed++;
          }
        }
      }
      await recordAudit(em, {
        organizationId: cohort.organizationId,
        actorId: scope.userId,
        action: 'cohort.version-migrated',
        subjectType: 'cohort',
        subjectId: cohort.id,
        data: {
          toVersionId: target.versionId,
          toVersion: version,
          moved: ids.length,
          fromVersionIds: [...new Set(moving.map((m) => m.course_version_id))],
          completed,
          ...(onlyNotStarted ? { learners: 'not-started' } : {}),
        },
      });
      return { moved: ids.length, courseVersion: version ?? 0, completed };
    });
  }
}
