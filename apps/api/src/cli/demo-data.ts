import type { INestApplicationContext } from '@nestjs/common';
import { demoCourse, demoCourseDe, demoCourseFr, demoCourseIt } from '@kindling/content';
import {
  CohortsRepository,
  CoursesRepository,
  EnrolmentsRepository,
  InstrumentsRepository,
  OrganizationsRepository,
  UsersRepository,
} from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import { CourseAuthoringService } from '../courses/course-authoring.service.js';
import { DEMO_ACCOUNTS, DEMO_EMAILS, DEMO_PASSWORD } from '../identity/demo-accounts.js';
import { hashPassword } from '../identity/password-hasher.service.js';

export { DEMO_ACCOUNTS, DEMO_PASSWORD };

export type DemoOutcome = 'loaded' | 'not-empty' | 'demo-off';

/** The API's application context (or the test app): the demo goes through its services and repositories. */
export type DemoContext = Pick<INestApplicationContext, 'get'>;

/**
 * Loads the demo organisation, courses and sign-ins into an EMPTY database (no organisation
 * and no course yet), and only when `demoData` is on (KINDLING_DEMO; off by default with
 * NODE_ENV=production). Otherwise it changes nothing: in production an empty database gets
 * only the admin named by KINDLING_ADMIN_EMAIL (created by the API at start-up).
 * Returns what happened and the lines to print.
 */
export async function loadDemoData(app: DemoContext, demoData: boolean): Promise<{ outcome: DemoOutcome; report: string[] }> {
  const users = app.get(UsersRepository, { strict: false });
  const report: string[] = [];
  let outcome: DemoOutcome = 'not-empty';
  if (!demoData) {
    outcome = 'demo-off';
    report.push('  Demo data is off (KINDLING_DEMO=false, the default with NODE_ENV=production): nothing was loaded.');
  } else if (await app.get(OrganizationsRepository, { strict: false }).instanceIsEmpty()) {
    await seed(app);
    outcome = 'loaded';
    report.push('  Demo data loaded into the empty database.');
  }
  const existing = await users.existingEmails(DEMO_EMAILS);
  if (existing.length === 0) {
    if (outcome === 'not-empty') report.push('  The database already holds data; no demo accounts were added.');
    return { outcome, report };
  }
  report.push(`  Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
  for (const a of DEMO_ACCOUNTS) {
    if (existing.includes(a.email)) report.push(`    ${a.role.padEnd(32)} ${a.email}`);
  }
  if (!demoData) report.push('  WARNING: demo accounts with a published password exist on this instance; delete them.');
  return { outcome, report };
}

async function seed(app: DemoContext): Promise<void> {
  const ds = app.get(DataSource, { strict: false });
  const users = app.get(UsersRepository, { strict: false });
  const organizations = app.get(OrganizationsRepository, { strict: false });
  const courses = app.get(CoursesRepository, { strict: false });
  const enrolments = app.get(EnrolmentsRepository, { strict: false });
  const authoring = app.get(CourseAuthoringService, { strict: false });
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map<string, string>();
  await ds.transaction(async (em: EntityManager) => {
    for (const a of DEMO_ACCOUNTS) {
      const id = await users.createVerified(
        { email: a.email, name: a.name, locale: a.email.startsWith('learner2') ? 'it' : 'en', passwordHash: hash, platformRoles: [...a.platformRoles] },
        em,
      );
      ids.set(a.email, id);
    }
  });
  const authorId = ids.get('author@kindling.demo')!;
  // One course, written in English, with its Italian, German and French editions: each learner reads it in their language.
  const en = await authoring.createFromSeed(authorId, demoCourse, { publish: true, editions: [demoCourseIt, demoCourseDe, demoCourseFr] });
  // The course carries Kindling's reflective self-assessment (inserted at start-up).
  const reflect = (await app.get(InstrumentsRepository, { strict: false }).list(false)).find((i) => i.key === 'kindling-reflect');
  const publishedEn = await enrolments.publishedVersion(en.courseId);
  if (publishedEn) await courses.setInstrument(publishedEn.version_id, reflect?.id ?? null);
  await ds.transaction(async (em: EntityManager) => {
    const org = await organizations.create({ name: 'Demo Hospital Group', kind: 'hospital', country: 'IT' }, em);
    const managerId = ids.get('manager@kindling.demo')!;
    await organizations.addMember(org.id, managerId, 'manager', em);
    const today = new Date().toISOString().slice(0, 10);
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const cohortId = await app.get(CohortsRepository, { strict: false }).insert(
      { organizationId: org.id, courseId: en.courseId, name: 'Ward staff — spring intake', audience: 'health-staff', startsOn: today, dueOn: due, createdBy: managerId },
      em,
    );
    const published = (await enrolments.publishedVersion(en.courseId, em))!;
    for (const email of ['learner1@kindling.demo', 'learner2@kindling.demo']) {
      const userId = ids.get(email)!;
      await organizations.addMember(org.id, userId, 'learner', em);
      await enrolments.enrolOrReactivate(
        [userId],
        {
          courseId: en.courseId,
          versionId: published.version_id,
          cohortId,
          organizationId: org.id,
          itemsTotal: published.lessons + published.quizzes,
          lessonsTotal: published.lessons,
        },
        em,
      );
    }
  });
}
