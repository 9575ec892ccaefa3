import type { EntityManager } from 'typeorm';
import { type Actor, isAdmin, managedOrganizations } from '../common/auth/actor.js';
import { notFound, isUuid } from '@kindling/common';


export interface ReportCohort {
  id: string;
  organization_id: string;
  course_id: string;
  name: string;
  due_on: string | null;
  locale: string;
  published_instrument_id: string | null;
}

/**
 * The cohort, read only when the caller manages its organisation (or is an admin): anyone else,
 * and any malformed id, gets 404. The scoping is in the query, not a check after loading.
 */
export async function reportCohort(em: EntityManager, actor: Actor, cohortId: string): Promise<ReportCohort> {
  if (!isUuid(cohortId)) throw notFound('cohort');
  const rows = (await em.query(
    `SELECT c.id, c.organization_id, c.course_id, c.name, to_char(c.due_on, 'YYYY-MM-DD') AS due_on,
            coalesce(pv.locale, 'en') AS locale, pv.instrument_id AS published_instrument_id
       FROM cohorts c
       JOIN courses co ON co.id = c.course_id
       LEFT JOIN course_versions pv ON pv.id = co.published_version_id
      WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3)`,
    [cohortId, managedOrganizations(actor), isAdmin(actor)],
  )) as ReportCohort[];
  const cohort = rows[0];
  if (!cohort) throw notFound('cohort');
  return cohort;
}
