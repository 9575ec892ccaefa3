import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { OrganizationRole, PlatformRole } from '@kindling/db';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/identity/password-hasher.service.js';
import { type TestApp, unique } from './app.js';

/**
 * Test data written straight to PostgreSQL (fast and independent of the routes under
 * test), plus real access tokens signed with the app's own configuration.
 */
export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
const hashOnce = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  /** `Bearer …` for supertest's .set('Authorization', …) */
  auth: string;
}

export function tokenFor(t: TestApp, userId: string, expiresIn = 900): string {
  const config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
  return new JwtService().sign(
    { sub: userId },
    { secret: config.jwtSecret, algorithm: 'HS256', issuer: config.jwtIssuer, audience: config.jwtAudience, expiresIn },
  );
}

export async function createUser(
  t: TestApp,
  /** `verified: false` makes an account whose address nobody proved (like a fresh self-registration). */
  opts: { name?: string; email?: string; platformRoles?: PlatformRole[]; locale?: string; verified?: boolean } = {},
): Promise<TestUser> {
  const email = opts.email ?? `${unique('user')}@example.test`;
  const name = opts.name ?? 'Test User';
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO users (email, name, locale, password_hash, platform_roles, email_verified_at)
     VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END) RETURNING id`,
    [email, name, opts.locale ?? 'en', await hashOnce(), opts.platformRoles ?? [], opts.verified ?? true],
  );
  const id = rows[0]!.id;
  const token = tokenFor(t, id);
  return { id, email, name, token, auth: `Bearer ${token}` };
}

export async function createOrganization(t: TestApp, name = unique('Org')): Promise<string> {
  const rows: { id: string }[] = await t.db.query(`INSERT INTO organizations (name, kind) VALUES ($1, 'hospital') RETURNING id`, [name]);
  return rows[0]!.id;
}

export async function addMember(t: TestApp, organizationId: string, userId: string, role: OrganizationRole): Promise<void> {
  await t.db.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, $3)`, [organizationId, userId, role]);
}

export interface TestCourse {
  courseId: string;
  versionId: string;
  moduleIds: string[];
  lessonIds: string[];
  quizIds: string[];
  /** quizId → questions with their correct option ids, to answer right or wrong */
  answers: Record<string, { questionId: string; correct: string[]; wrong: string[]; kind: 'single' | 'multiple' }[]>;
}

/**
 * A published course (version 1) written directly: `lessons` lessons in one module and a
 * final quiz of three single-choice questions, pass mark 60.
 */
export async function createPublishedCourse(
  t: TestApp,
  opts: {
    authorId: string;
    lessons?: number;
    title?: string;
    selfEnrolment?: boolean;
    minMinutes?: number | null;
    instrumentId?: string | null;
    maxAttempts?: number | null;
    hours?: number;
    locale?: 'en' | 'it' | 'de' | 'fr';
  },
): Promise<TestCourse> {
  return t.db.transaction(async (em) => {
    const courseId = randomUUID();
    const versionId = randomUUID();
    await em.query(`INSERT INTO courses (id, author_id) VALUES ($1, $2)`, [courseId, opts.authorId]);
    await em.query(
      `INSERT INTO course_versions (id, course_id, version, status, title, summary, locale, accreditation_body, accreditation_reference,
         accreditation_hours, min_minutes, self_enrolment, instrument_id, published_at)
       VALUES ($1, $2, 1, 'published', $3, 'A course for tests', $4, 'Test Accreditation Board', 'TAB-001', $5, $6, $7, $8, now())`,
      [versionId, courseId, opts.title ?? unique('Course'), opts.locale ?? 'en', opts.hours ?? 4, opts.minMinutes ?? null, opts.selfEnrolment ?? false, opts.instrumentId ?? null],
    );
    await em.query(`UPDATE courses SET published_version_id = $1 WHERE id = $2`, [versionId, courseId]);
    const moduleId = randomUUID();
    await em.query(`INSERT INTO modules (id, course_version_id, title, position) VALUES ($1, $2, 'Module 1', 0)`, [moduleId, versionId]);
    const lessonIds: string[] = [];
    for (let i = 0; i < (opts.lessons ?? 3); i++) {
      const id = randomUUID();
      lessonIds.push(id);
      await em.query(
        `INSERT INTO lessons (id, module_id, course_version_id, title, body, body_html, minutes, position)
         VALUES ($1, $2, $3, $4, $5, $6, 5, $7)`,
        [id, moduleId, versionId, `Lesson ${i + 1}`, `Body of lesson ${i + 1}`, `<p>Body of lesson ${i + 1}</p>`, i],
      );
    }
    const quizId = randomUUID();
    const questions = [0, 1, 2].map((q) => ({
      id: randomUUID(),
      prompt: `Question ${q + 1}`,
      kind: 'single' as const,
      options: [0, 1, 2].map((o) => ({ id: randomUUID(), text: `Option ${o + 1}`, correct: o === 0 })),
    }));
    await em.query(
      `INSERT INTO quizzes (id, module_id, course_version_id, title, pass_mark, max_attempts, questions, position)
       VALUES ($1, $2, $3, 'Final quiz', 60, $4, $5, $6)`,
      [quizId, moduleId, versionId, opts.maxAttempts === undefined ? 3 : opts.maxAttempts, JSON.stringify(questions), opts.lessons ?? 3],
    );
    return {
      courseId,
      versionId,
      moduleIds: [moduleId],
      lessonIds,
      quizIds: [quizId],
      answers: {
        [quizId]: questions.map((q) => ({
          questionId: q.id,
          kind: q.kind,
          correct: q.options.filter((o) => o.correct).map((o) => o.id),
          wrong: [q.options.find((o) => !o.correct)!.id],
        })),
      },
    };
  });
}

export async function createCohort(
  t: TestApp,
  opts: { organizationId: string; courseId: string; dueOn?: string | null; name?: string },
): Promise<string> {
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO cohorts (organization_id, course_id, name, audience, due_on) VALUES ($1, $2, $3, 'health-staff', $4) RETURNING id`,
    [opts.organizationId, opts.courseId, opts.name ?? unique('Cohort'), opts.dueOn ?? null],
  );
  return rows[0]!.id;
}

/** Enrols directly in SQL with the counters the learning service keeps. */
export async function enrol(t: TestApp, opts: { userId: string; course: TestCourse; cohortId?: string | null; organizationId?: string | null }): Promise<string> {
  const rows: { id: string }[] = await t.db.query(
    `INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, items_total, lessons_total)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      opts.userId, opts.course.courseId, opts.course.versionId, opts.cohortId ?? null, opts.organizationId ?? null,
      opts.course.lessonIds.length + opts.course.quizIds.length, opts.course.lessonIds.length,
    ],
  );
  return rows[0]!.id;
}

export const dbOf = (t: TestApp): DataSource => t.db;
