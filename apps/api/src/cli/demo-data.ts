import { demoCourse, demoCourseIt } from '@kindling/content';
import type { DataSource, EntityManager } from 'typeorm';
import type { CourseAuthoringService } from '../courses/course-authoring.service.js';
import { DEMO_ACCOUNTS, DEMO_EMAILS, DEMO_PASSWORD } from '../identity/demo-accounts.js';
import { hashPassword } from '../identity/password-hasher.service.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export type DemoOutcome = 'loaded' | 'not-empty' | 'demo-off';

/**
 * Loads the demo organisation, courses and sign-ins into an EMPTY database (no organisation
 * and no course yet), and only when `demoData` is on (KINDLING_DEMO; off by default with
 * NODE_ENV=production). Otherwise it changes nothing: in production an empty database gets
 * only the admin named by KINDLING_ADMIN_EMAIL (created by the API at start-up).
 * Returns what happened and the lines to print.
 */
export async function loadDemoData(
  ds: DataSource,
  authoring: CourseAuthoringService,
  demoData: boolean,
): Promise<{ outcome: DemoOutcome; report: string[] }> {
  const report: string[] = [];
  let outcome: DemoOutcome = 'not-empty';
  if (!demoData) {
    outcome = 'demo-off';
    report.push('  Demo data is off (KINDLING_DEMO=false, the default with NODE_ENV=production): nothing was loaded.');
  } else {
    const [{ orgs, courses }] = (await ds.query(
      `SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM courses)::int AS courses`,
    )) as { orgs: number; courses: number }[];
    if (orgs === 0 && courses === 0) {
      await seed(ds, authoring);
      outcome = 'loaded';
      report.push('  Demo data loaded into the empty database.');
    }
  }
  const existing = (await ds.query(`SELECT email FROM users WHERE email = ANY($1)`, [DEMO_EMAILS])) as { email: string }[];
  if (existing.length === 0) {
    if (outcome === 'not-empty') report.push('  The database already holds data; no demo accounts were added.');
    return { outcome, report };
  }
  report.push(`  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) {
    if (existing.some((e) => e.email === a.email)) report.push(`    ${a.role.padEnd(32)} ${a.email}`);
  }
  if (!demoData) report.push('  WARNING: demo accounts with a published password exist on this instance; delete them.');
  return { outcome, report };
}

async function seed(ds: DataSource, authoring: CourseAuthoringService): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  await ds.transaction(async (em: EntityManager) => {
    for (const a of DEMO_ACCOUNTS) {
      const rows = (await em.query(
        `INSERT INTO users (email, name, locale, password_hash, platform_roles, email_verified_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
        [a.email, a.name, a.email.startsWith('learner2') ? 'it' : 'en', hash, [...a.platformRoles]],
      )) as { id: string }[];
      ids.set(a.email, rows[0]!.id);
    }
  });
  const authorId = ids.get('author@kindling.demo')!;
  const en = await authoring.createFromSeed(authorId, demoCourse, { publish: true });
  const it = await authoring.createFromSeed(authorId, demoCourseIt, { publish: true });
  // Both editions carry Kindling's reflective self-assessment (inserted at start-up).
  await ds.query(
    `UPDATE course_versions SET instrument_id = (SELECT id FROM instruments WHERE key = 'kindling-reflect' ORDER BY version DESC LIMIT 1)
      WHERE course_id = ANY($1)`,
    [[en.courseId, it.courseId]],
  );
  await ds.transaction(async (em: EntityManager) => {
    const [org] = (await em.query(
      `INSERT INTO organizations (name, kind, country) VALUES ('Demo Hospital Group', 'hospital', 'IT') RETURNING id`,
    )) as { id: string }[];
    const orgId = org!.id;
    await em.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'manager')`, [orgId, ids.get('manager@kindling.demo')]);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const [cohort] = (await em.query(
      `INSERT INTO cohorts (organization_id, course_id, name, audience, starts_on, due_on, created_by)
       VALUES ($1, $2, 'Ward staff — spring intake', 'health-staff', current_date, $3, $4) RETURNING id`,
      [orgId, en.courseId, due, ids.get('manager@kindling.demo')],
    )) as { id: string }[];
    for (const email of ['learner1@kindling.demo', 'learner2@kindling.demo']) {
      const userId = ids.get(email)!;
      await em.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'learner')`, [orgId, userId]);
      await em.query(
        `INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, items_total, lessons_total)
         SELECT $1, c.id, c.published_version_id, $2, $3,
                (SELECT count(*) FROM lessons l WHERE l.course_version_id = c.published_version_id)
                  + (SELECT count(*) FROM quizzes q WHERE q.course_version_id = c.published_version_id),
                (SELECT count(*) FROM lessons l WHERE l.course_version_id = c.published_version_id)
           FROM courses c WHERE c.id = $4`,
        [userId, cohort!.id, orgId, en.courseId],
      );
    }
  });
}
