import { Injectable } from '@nestjs/common';
import { invalid, msg } from '@kindling/common';
import { EnrolmentsRepository, JobsRepository, recordAudit, writeOutbox } from '@kindling/db';
import { EnrolmentWriter, NewAccountLocales, type Parsed, type PupilLine } from '@kindling/enrolment';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';
import type { Scope } from '../common/auth/access.service.js';
import { PupilCredentials } from '../identity/pupil-credentials.js';
import { sortErrors } from './cohort-uploads.service.js';
import { CohortsService } from './cohorts.service.js';
import type { PupilsResultDto } from './dto/cohort.dto.js';

/** Pupil accounts without e-mail, enrolled into a cohort, and the job that prints their codes. */
@Injectable()
export class CohortPupilsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsService,
    private readonly enrolments: EnrolmentsRepository,
    private readonly jobs: JobsRepository,
    private readonly writer: EnrolmentWriter,
    private readonly credentials: PupilCredentials,
    private readonly newAccountLocales: NewAccountLocales,
  ) {}

  /**
   * Pupil accounts without e-mail: a generated username and a one-time sign-in code each. The
   * codes are kept in the job's input only until the worker has printed the sheet.
   */
  async addPupils(scope: Scope, cohortId: string, parsed: Parsed<PupilLine>, request: { acceptLanguage?: string | null } = {}): Promise<PupilsResultDto> {
    const cohort = await this.cohorts.requireManaged(scope, cohortId);
    if (parsed.rows.length === 0) return { created: 0, errors: sortErrors(parsed.errors), jobId: null };
    return this.dataSource.transaction(async (em) => {
      const target = await this.writer.publishedTarget(em, cohort.courseId, { id: cohort.id, organizationId: cohort.organizationId });
      if (!target) throw invalid(msg('errors.course.notPublishedAnyMore'));
      // The language rule: the line's column, else the organisation's default, else the uploader's browser, else the course's.
      const localeOf = await this.newAccountLocales.forOrganisation(em, cohort.organizationId, { acceptLanguage: request.acceptLanguage, fallback: target.locale });
      const printed: { userId: string; name: string; className: string | null; username: string; code: string }[] = [];
      let pending = parsed.rows;
      for (let round = 0; pending.length > 0 && round < 8; round++) {
        const batch = pending.map((p) => {
          const { locale, chosen } = localeOf(p.locale);
          return { ...p, username: this.credentials.generateUsername(p.name), ...this.credentials.generate(), locale, localeChosen: chosen };
        });
        const made = await this.enrolments.createPupilUsers(batch, em);
        const idOf = new Map(made.map((m) => [m.username, m.id]));
        const next: PupilLine[] = [];
        for (const b of batch) {
          const id = idOf.get(b.username);
          if (id) {
            idOf.delete(b.username);
            printed.push({ userId: id, name: b.name, className: b.className, username: b.username, code: b.code });
          } else {
            next.push({ line: b.line, name: b.name, className: b.className, ...(b.localeChosen ? { locale: b.locale } : {}) });
          }
        }
        pending = next;
      }
      if (pending.length > 0) throw new Error('could not find free usernames for every pupil');
      const userIds = printed.map((p) => p.userId);
      await this.enrolments.addLearnerMemberships(cohort.organizationId, userIds, em);
      await this.writer.enrolUsers(em, userIds, target, scope.userId, 'pupils');
      const jobId = await this.jobs.insert(
        'pupil-code-sheet',
        cohort.organizationId,
        scope.userId,
        printed.length,
        { cohortId: cohort.id, pupils: printed.map(({ name, className, username, code }) => ({ name, className, username, code })) },
        em,
      );
      await writeOutbox(em, JobName.PupilCodeSheet, jobId, { jobId });
      await recordAudit(em, {
        organizationId: cohort.organizationId,
        actorId: scope.userId,
        action: 'pupils.created',
        subjectType: 'cohort',
        subjectId: cohort.id,
        data: { count: printed.length, jobId },
      });
      return { created: printed.length, errors: sortErrors(parsed.errors), jobId };
    });
  }
}
