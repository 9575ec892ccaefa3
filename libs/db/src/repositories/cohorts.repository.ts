import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';
import type { Scope } from './access.repository.js';

/** A cohort with its course and its enrolment counts, as the cohort list and dashboard header show it. */
export interface CohortSummaryRow {
  id: string;
  organization_id: string;
  name: string;
  course_id: string;
  course_title: string;
  course_version: number;
  audience: string;
  starts_on: string | null;
  due_on: string | null;
  enrolled: number;
  completed: number;
  overdue: number;
  on_older_version: number;
  created_at: Date;
}

/** What enrolling into a cohort needs to know about it. */
export interface CohortRefRow {
  id: string;
  organization_id: string;
  course_id: string;
  name: string;
}

export interface NewCohort {
  organizationId: string;
  courseId: string;
  name: string;
  audience: string;
  startsOn: string | null;
  dueOn: string | null;
  createdBy: string;
}

/**
 * The counts are over the cohort's enrolments (withdrawn ones are not enrolled), each person once:
 * an earlier round superseded by a renewal round is left out (the renewal round counts); overdue
 * uses the enrolment's own due date (a renewal's) before the cohort's. The course title is the
 * published version's.
 */
const COHORT_SELECT = `
  SELECT c.id, c.organization_id, c.name, c.course_id, v.title AS course_title, v.version AS course_version, c.audience,
         to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.created_at,
         count(e.id) FILTER (WHERE e.status <> 'withdrawn')::int AS enrolled,
         count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed,
         count(e.id) FILTER (WHERE e.status = 'active' AND coalesce(e.due_on, c.due_on) < current_date)::int AS overdue,
         count(e.id) FILTER (WHERE e.status = 'active' AND e.course_version_id <> co.published_version_id)::int AS on_older_version
    FROM cohorts c
    JOIN courses co ON co.id = c.course_id
    JOIN LATERAL (SELECT x.title, x.version FROM course_versions x WHERE x.course_id = co.id
                   ORDER BY (x.id = co.published_version_id) DESC NULLS LAST, x.version DESC LIMIT 1) v ON true
    LEFT JOIN enrolments e ON e.cohort_id = c.id AND e.superseded_at IS NULL`;

type Db = EntityManager | DataSource;

/** The SQL of the cohorts table: creating cohorts and reading them (with their counts) in the caller's scope. */
@Injectable()
export class CohortsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether a course may get a cohort: published and not archived. */
  async isPublishedCourse(courseId: string, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT id FROM courses WHERE id = $1 AND published_version_id IS NOT NULL AND archived_at IS NULL`,
      [courseId],
    );
    return rows.length > 0;
  }

  async insert(cohort: NewCohort, db: Db = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO cohorts (organization_id, course_id, name, audience, starts_on, due_on, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [cohort.organizationId, cohort.courseId, cohort.name, cohort.audience, cohort.startsOn, cohort.dueOn, cohort.createdBy],
    );
    return row!.id;
  }

  /** The organisation's cohorts, newest first, with their counts. */
  async listForOrganization(organizationId: string): Promise<CohortSummaryRow[]> {
    return queryRows<CohortSummaryRow>(
      this.dataSource,
      `${COHORT_SELECT} WHERE c.organization_id = $1 GROUP BY c.id, v.title, v.version, co.published_version_id ORDER BY c.created_at DESC`,
      [organizationId],
    );
  }

  /** One cohort with its counts, if the caller manages its organisation (admin: any). */
  /**
   * The course titles of these cohorts in the reader's account language: the title of the
   * published version's edition in that language, where there is one (cohorts without one are
   * left out, and keep the version's own title).
   */
  async courseTitlesInReadersLanguage(cohortIds: string[], readerId: string): Promise<{ id: string; title: string }[]> {
    return queryRows<{ id: string; title: string }>(
      this.dataSource,
      `SELECT c.id, btrim(et.texts->>'title') AS title
         FROM cohorts c
         JOIN courses co ON co.id = c.course_id
         JOIN LATERAL (SELECT x.id FROM course_versions x WHERE x.course_id = co.id
                        ORDER BY (x.id = co.published_version_id) DESC NULLS LAST, x.version DESC LIMIT 1) v ON true
         JOIN users u ON u.id = $2
         JOIN course_edition_texts et ON et.course_version_id = v.id AND et.locale = u.locale AND et.item_kind = 'course' AND et.lineage_id = c.course_id
        WHERE c.id = ANY($1::uuid[]) AND nullif(btrim(et.texts->>'title'), '') IS NOT NULL`,
      [cohortIds, readerId],
    );
  }

  async findSummary(cohortId: string, scope: Pick<Scope, 'managed' | 'admin'>): Promise<CohortSummaryRow | null> {
    return queryFirst<CohortSummaryRow>(
      this.dataSource,
      `${COHORT_SELECT} WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3::boolean)
       GROUP BY c.id, v.title, v.version, co.published_version_id`,
      [cohortId, scope.managed, scope.admin],
    );
  }

  /** The cohort if the caller manages its organisation (admin: any). */
  async findManaged(cohortId: string, scope: Pick<Scope, 'managed' | 'admin'>, db: Db = this.dataSource): Promise<CohortRefRow | null> {
    return queryFirst<CohortRefRow>(
      db,
      `SELECT id, organization_id, course_id, name FROM cohorts WHERE id = $1 AND (organization_id = ANY($2::uuid[]) OR $3::boolean)`,
      [cohortId, scope.managed, scope.admin],
    );
  }

  /** The cohort without a scope check (the worker, for a job the API already checked). */
  async findById(cohortId: string, db: Db = this.dataSource): Promise<Omit<CohortRefRow, 'name'> | null> {
    return queryFirst<Omit<CohortRefRow, 'name'>>(db, `SELECT id, organization_id, course_id FROM cohorts WHERE id = $1`, [cohortId]);
  }
}
