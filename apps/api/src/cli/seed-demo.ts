import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { demoCourse, demoCourseIt } from '@kindling/content';
import { DataSource, type EntityManager } from 'typeorm';
import { AppModule } from '../app.module.js';
import { CourseAuthoringService } from '../courses/course-authoring.service.js';
import { hashPassword } from '../identity/password-hasher.service.js';

/**
 * Loads the demo data into an EMPTY database (no organisation and no course yet) and prints
 * the demo sign-ins. On a database that already holds data it changes nothing and prints
 * the sign-ins only if the demo accounts exist.
 */
export const DEMO_PASSWORD = 'kindling-demo-2026';
export const DEMO_ACCOUNTS = [
  { email: 'admin@kindling.demo', name: 'Ada Admin', role: 'platform admin', platformRoles: ['admin'] },
  { email: 'author@kindling.demo', name: 'Aurelio Autore', role: 'course author', platformRoles: ['author'] },
  { email: 'manager@kindling.demo', name: 'Maja Manager', role: 'manager of Demo Hospital Group', platformRoles: [] },
  { email: 'learner1@kindling.demo', name: 'Zoë Müller-Ćosić', role: 'learner', platformRoles: [] },
  { email: 'learner2@kindling.demo', name: 'Luca Bianchi', role: 'learner', platformRoles: [] },
] as const;

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const ds = app.get(DataSource);
    const [{ orgs, courses }] = (await ds.query(
      `SELECT (SELECT count(*) FROM organizations)::int AS orgs, (SELECT count(*) FROM courses)::int AS courses`,
    )) as { orgs: number; courses: number }[];
    if (orgs === 0 && courses === 0) {
      await seed(ds, app.get(CourseAuthoringService));
      process.stdout.write('  Demo data loaded into the empty database.\n');
    }
    const existing = (await ds.query(`SELECT email FROM users WHERE email = ANY($1)`, [DEMO_ACCOUNTS.map((a) => a.email)])) as { email: string }[];
    if (existing.length === 0) {
      process.stdout.write('  The database already holds data; no demo accounts were added.\n');
      return;
    }
    process.stdout.write(`  Demo sign-ins (password for all: ${DEMO_PASSWORD}):\n`);
    for (const a of DEMO_ACCOUNTS) {
      if (existing.some((e) => e.email === a.email)) process.stdout.write(`    ${a.role.padEnd(32)} ${a.email}\n`);
    }
  } finally {
    await app.close();
  }
}

async function seed(ds: DataSource, authoring: CourseAuthoringService): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  await ds.transaction(async (em: EntityManager) => {
    for (const a of DEMO_ACCOUNTS) {
      const rows = (await em.query(
        `INSERT INTO users (email, name, locale, password_hash, platform_roles) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
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

main().catch((error: unknown) => {
  process.stderr.write(`seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
