import { randomUUID } from 'node:crypto';
import type { LoggerService, Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { JwtService } from '@nestjs/jwt';
import { Test, type TestingModule } from '@nestjs/testing';
import { KINDLING_CONFIG, type KindlingConfig, loadConfig } from '@kindling/config';
import { gradeAttempt } from '@kindling/domain';
import {
  AttemptsRepository,
  CohortsRepository,
  CourseItemsRepository,
  CoursesRepository,
  EnrolmentsRepository,
  type Locale,
  type OrganizationKind,
  type OrganizationRole,
  OrganizationsRepository,
  type PlatformRole,
  ProgressRepository,
  type StoredQuizQuestion,
  UsersRepository,
  ensureDatabase,
  runMigrations,
} from '@kindling/db';
import { PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp, createApiApp } from '../../apps/api/src/app.factory.js';
import { hashPassword } from '../../apps/api/src/identity/password-hasher.service.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

/**
 * The one test context (Immich's `newMediumService` is the model): the real API module on real
 * PostgreSQL and Redis, any of its services or repositories through dependency injection
 * (`ctx.get(Service)`), optionally the worker's module built by the worker's own DI
 * (`ctx.worker.get(Handler)`, not started: no consumers, relay loop or timers), chosen fakes
 * (a configuration, a PDF store), and entity factories that write through the repositories —
 * never through SQL of their own, and never restating a domain rule (counters, progress and
 * completion come from the database's functions, see migration OneCompletionRule).
 *
 *   const ctx = await newTestContext({ worker: true });
 *   const org = await ctx.newOrganisation();
 *   const learner = await ctx.newLearner(org.id);
 *   const course = await ctx.newPublishedCourse({ lessons: 2 });
 *   const enrolmentId = (await ctx.enrol({ userId: learner.id, course, organizationId: org.id })).id;
 *   await ctx.worker.get(SomeHandler).handle(…);
 *   await ctx.close();
 */

/** The API running in the test process: its Nest application, an HTTP client and its DataSource. */
export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof supertest>;
  db: DataSource;
  close(): Promise<void>;
}

let migrated: Promise<void> | null = null;

/**
 * scripts/test.mjs points DATABASE_URL at a throw-away database; when jest is run by hand, set
 * DATABASE_URL to a scratch database — it is created and migrated here (once per process).
 */
export async function prepareDatabase(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL must name a scratch database for integration tests (npm test sets it)');
  migrated ??= ensureDatabase(url)
    .catch(() => undefined) // another jest worker may be creating it at the same moment
    .then(() => runMigrations(url))
    .then(() => undefined);
  await migrated;
}

/** A unique suffix so tests sharing one database never collide. */
export function unique(prefix = 't'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;
/** One argon2 hash of TEST_PASSWORD for every test account (hashing is slow on purpose). */
const hashOnce = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
  /** `Bearer …` for supertest's .set('Authorization', …) */
  auth: string;
}

export interface NewUserOptions {
  name?: string;
  email?: string;
  platformRoles?: PlatformRole[];
  locale?: string;
  /** `verified: false` makes an account whose address nobody proved (like a fresh self-registration). */
  verified?: boolean;
}

export interface TestCourse {
  courseId: string;
  versionId: string;
  moduleIds: string[];
  lessonIds: string[];
  quizIds: string[];
  /** quizId → questions with their correct option ids, to answer right or wrong */
  answers: Record<string, { questionId: string; correct: string[]; wrong: string[]; kind: StoredQuizQuestion['kind'] }[]>;
}

export interface NewCourseOptions {
  /** The author; a new author account when omitted. */
  authorId?: string;
  lessons?: number;
  title?: string;
  selfEnrolment?: boolean;
  minMinutes?: number | null;
  instrumentId?: string | null;
  maxAttempts?: number | null;
  hours?: number;
  locale?: 'en' | 'it' | 'de' | 'fr';
}

export interface NewCohortOptions {
  organizationId: string;
  courseId: string;
  dueOn?: string | null;
  startsOn?: string | null;
  name?: string;
  createdBy?: string | null;
}

export interface EnrolOptions {
  userId: string;
  course: TestCourse;
  cohortId?: string | null;
  organizationId?: string | null;
}

export interface WorkerOptions {
  config?: KindlingConfig;
  storage?: PdfStorage;
  /** Where the worker's Nest logger writes (default: nowhere). Nest's logger is process-wide. */
  logger?: LoggerService | false;
}

/**
 * The worker's services, built by the worker's own dependency injection (real PostgreSQL and
 * Redis) but not started. `close()` releases the database pool and any queue connection.
 */
export async function buildWorker(options: WorkerOptions = {}): Promise<TestingModule> {
  let builder = Test.createTestingModule({ imports: [WorkerModule] });
  if (options.config) builder = builder.overrideProvider(KINDLING_CONFIG).useValue(options.config);
  if (options.storage) builder = builder.overrideProvider(PDF_STORAGE).useValue(options.storage);
  const worker = await builder.compile();
  worker.useLogger(options.logger ?? false);
  return worker;
}

// ─── entity factories over a running API (usable with any TestApp) ──────────────────────────

/** An access token signed with the app's own configuration. */
export function tokenFor(t: TestApp, userId: string, expiresIn = 900): string {
  const config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
  return new JwtService().sign(
    { sub: userId },
    { secret: config.jwtSecret, algorithm: 'HS256', issuer: config.jwtIssuer, audience: config.jwtAudience, expiresIn },
  );
}

/** An account through UsersRepository: verified (the default) or as a fresh self-registration. */
export async function newUser(t: TestApp, opts: NewUserOptions = {}): Promise<TestUser> {
  const users = t.app.get(UsersRepository);
  const email = opts.email ?? `${unique('user')}@example.test`;
  const name = opts.name ?? 'Test User';
  const input = { email, name, locale: (opts.locale ?? 'en') as Locale, passwordHash: await hashOnce() };
  let id: string;
  if (opts.verified ?? true) {
    // A language is the account's explicit choice only when the test names one; otherwise the
    // account follows its organisation's default, else the request's Accept-Language.
    id = await users.createVerified({ ...input, platformRoles: opts.platformRoles ?? [], localeChosen: opts.locale !== undefined });
  } else {
    const created = await users.createRegistered(input);
    if (!created) throw new Error(`newUser: the address ${email} is taken`);
    id = created.id;
    if (opts.platformRoles?.length) await users.setPlatformRoles(id, opts.platformRoles);
  }
  const token = tokenFor(t, id);
  return { id, email, name, token, auth: `Bearer ${token}` };
}

export async function newOrganisation(
  t: TestApp,
  opts: { name?: string; kind?: OrganizationKind; country?: string | null } = {},
): Promise<{ id: string; name: string }> {
  const org = await t.app.get(OrganizationsRepository).create({ name: opts.name ?? unique('Org'), kind: opts.kind ?? 'hospital', country: opts.country ?? null });
  return { id: org.id, name: org.name };
}

/** Adds a membership through OrganizationsRepository (an existing one is an error, as a unique violation was). */
export async function addMembership(t: TestApp, organizationId: string, userId: string, role: OrganizationRole): Promise<void> {
  const added = await t.app.get(OrganizationsRepository).addMember(organizationId, userId, role);
  if (!added) throw new Error(`addMember: user ${userId} already is a member of ${organizationId}`);
}

/**
 * A published course written through CoursesRepository and CourseItemsRepository, the way an
 * author's edits and the publication write it: version 1 with `lessons` lessons (5 minutes
 * each) in one module and a final quiz of three single-choice questions, pass mark 60.
 */
export async function newPublishedCourse(t: TestApp, opts: NewCourseOptions = {}): Promise<TestCourse> {
  const authorId = opts.authorId ?? (await newUser(t, { name: 'Test Author', platformRoles: ['author'] })).id;
  const courses = t.app.get(CoursesRepository);
  const items = t.app.get(CourseItemsRepository);
  const lessonCount = opts.lessons ?? 3;
  const questions: StoredQuizQuestion[] = [0, 1, 2].map((q) => ({
    id: randomUUID(),
    prompt: `Question ${q + 1}`,
    kind: 'single' as const,
    options: [0, 1, 2].map((o) => ({ id: randomUUID(), text: `Option ${o + 1}`, correct: o === 0 })),
  }));
  return t.db.transaction(async (em) => {
    const courseId = await courses.insertCourse(authorId, em);
    const versionId = await courses.createDraftVersion(
      courseId,
      {
        fields: {
          title: opts.title ?? unique('Course'),
          summary: 'A course for tests',
          locale: opts.locale ?? 'en',
          accreditationBody: 'Test Accreditation Board',
          accreditationReference: 'TAB-001',
          accreditationHours: opts.hours ?? 4,
          minMinutes: opts.minMinutes ?? null,
          selfEnrolment: opts.selfEnrolment ?? false,
        },
      },
      em,
    );
    if (opts.instrumentId) await courses.setInstrument(versionId, opts.instrumentId, em);
    const moduleId = (await items.insertModule(versionId, 'Module 1', em)).id;
    const lessonIds: string[] = [];
    for (let i = 0; i < lessonCount; i++) {
      const lesson = await items.insertLesson(
        versionId,
        moduleId,
        { title: `Lesson ${i + 1}`, body: `Body of lesson ${i + 1}`, bodyHtml: `<p>Body of lesson ${i + 1}</p>`, videoUrl: null, videoText: null, minutes: 5 },
        em,
      );
      lessonIds.push(lesson.id);
    }
    const quizId = await items.insertQuiz(
      versionId,
      moduleId,
      {
        title: 'Final quiz',
        passMark: 60,
        maxAttempts: opts.maxAttempts === undefined ? 3 : opts.maxAttempts,
        shuffleQuestions: false,
        shuffleOptions: false,
        questions,
      },
      em,
    );
    if ((await courses.publishDraft(courseId, versionId, em)) === null) throw new Error('newPublishedCourse: the draft was not published');
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

/** A cohort through CohortsRepository (audience health-staff). */
export async function newCohort(t: TestApp, opts: NewCohortOptions): Promise<{ id: string; organizationId: string; courseId: string }> {
  const id = await t.app.get(CohortsRepository).insert({
    organizationId: opts.organizationId,
    courseId: opts.courseId,
    name: opts.name ?? unique('Cohort'),
    audience: 'health-staff',
    startsOn: opts.startsOn ?? null,
    dueOn: opts.dueOn ?? null,
    // cohorts.created_by is nullable (ON DELETE SET NULL): a cohort nobody in the test created.
    createdBy: (opts.createdBy ?? null) as string,
  });
  return { id, organizationId: opts.organizationId, courseId: opts.courseId };
}

/**
 * Enrols on the course's version through EnrolmentsRepository (the enrolment writer's
 * statement), then derives the counters from the facts with recompute_enrolments — the same
 * rule the learning service applies, so a fixture never states it again.
 */
export async function enrolUser(t: TestApp, opts: EnrolOptions): Promise<{ id: string }> {
  const enrolments = t.app.get(EnrolmentsRepository);
  const progress = t.app.get(ProgressRepository);
  return t.db.transaction(async (em) => {
    const [written] = await enrolments.enrolOrReactivate(
      [opts.userId],
      {
        courseId: opts.course.courseId,
        versionId: opts.course.versionId,
        cohortId: opts.cohortId ?? null,
        organizationId: opts.organizationId ?? null,
        itemsTotal: opts.course.lessonIds.length + opts.course.quizIds.length,
        lessonsTotal: opts.course.lessonIds.length,
      },
      em,
    );
    if (!written) throw new Error(`enrol: user ${opts.userId} already has an enrolment in course ${opts.course.courseId} in this scope`);
    await progress.recomputeCounters([written.id], em);
    return { id: written.id };
  });
}

/**
 * Completes an enrolment the way a learner does, minus the HTTP: a passed attempt of every quiz
 * (graded by the domain's gradeAttempt) and every lesson through complete_lesson, then — when
 * the completion rule (recompute_enrolments' requirements_met) says so — marks it completed,
 * as the completion service does, but without the certificate request in the outbox (a test
 * issues the certificate itself). Throws when the rule is not met (e.g. a self-assessment
 * or a minimum time the course asks for).
 */
export async function completeEnrolment(t: TestApp, opts: { enrolmentId: string; userId: string; course: TestCourse }): Promise<void> {
  const attempts = t.app.get(AttemptsRepository);
  const progress = t.app.get(ProgressRepository);
  for (const quizId of opts.course.quizIds) {
    const quiz = await attempts.quizOfVersion(quizId, opts.course.versionId);
    if (!quiz) throw new Error(`completeEnrolment: quiz ${quizId} is not in version ${opts.course.versionId}`);
    const answers = (opts.course.answers[quizId] ?? []).map((a) => ({ questionId: a.questionId, optionIds: a.correct }));
    const grade = gradeAttempt(quiz.questions, answers, Number(quiz.pass_mark));
    const id = randomUUID();
    const used = (await attempts.attemptsOf(opts.enrolmentId, quizId)).length;
    await attempts.insert({
      id,
      enrolmentId: opts.enrolmentId,
      quizId,
      attemptNo: used + 1,
      presented: quiz.questions.map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) })),
    });
    await attempts.recordSubmission(id, { answers, scorePercent: grade.scorePercent, passed: grade.passed === true });
  }
  for (const lessonId of opts.course.lessonIds) {
    const done = await progress.completeLesson(opts.enrolmentId, opts.userId, lessonId);
    if (done?.outcome !== 'ok') throw new Error(`completeEnrolment: lesson ${lessonId}: ${done?.outcome ?? 'no answer'}`);
  }
  await t.db.transaction(async (em) => {
    await progress.lock(opts.enrolmentId, em);
    const [counters] = await progress.recomputeCounters([opts.enrolmentId], em);
    if (!counters?.requirements_met) throw new Error(`completeEnrolment: the completion rule is not met for ${opts.enrolmentId}`);
    if (counters.status === 'active') await progress.markCompleted(opts.enrolmentId, em);
  });
}

// ─── the context ───────────────────────────────────────────────────────────────────────────

export interface TestContextOptions {
  /** Replaces parts of the API's configuration (over the environment's, as loadConfig reads it). */
  config?: Partial<KindlingConfig>;
  /** Also build the worker's module (same configuration unless given its own), reachable as `ctx.worker`. */
  worker?: boolean | WorkerOptions;
}

export interface TestContext extends TestApp {
  /** The API's configuration in use. */
  config: KindlingConfig;
  /** Any provider of the API module: a service, a repository, a token. */
  get<T>(token: Type<T> | string | symbol): T;
  /** The worker's module (built by `worker: …` or `startWorker`); throws when there is none. */
  readonly worker: TestingModule;
  /** Builds the worker's module now (closed with the context); answers it. */
  startWorker(options?: WorkerOptions): Promise<TestingModule>;
  tokenFor(userId: string, expiresIn?: number): string;
  newUser(opts?: NewUserOptions): Promise<TestUser>;
  newOrganisation(opts?: { name?: string; kind?: OrganizationKind; country?: string | null }): Promise<{ id: string; name: string }>;
  addMember(organizationId: string, userId: string, role: OrganizationRole): Promise<void>;
  /** A user who is a learner of the organisation. */
  newLearner(organizationId: string, opts?: NewUserOptions): Promise<TestUser>;
  /** A user who manages the organisation. */
  newManager(organizationId: string, opts?: NewUserOptions): Promise<TestUser>;
  /** A user with the platform author role. */
  newAuthor(opts?: NewUserOptions): Promise<TestUser>;
  /** A user with the platform admin role. */
  newAdmin(opts?: NewUserOptions): Promise<TestUser>;
  newPublishedCourse(opts?: NewCourseOptions): Promise<TestCourse>;
  newCohort(opts: NewCohortOptions): Promise<{ id: string; organizationId: string; courseId: string }>;
  enrol(opts: EnrolOptions): Promise<{ id: string }>;
  /** Completes the enrolment through the facts and the completion rule (see completeEnrolment). */
  complete(opts: { enrolmentId: string; userId: string; course: TestCourse }): Promise<void>;
}

/** Boots the API (and, when asked, the worker's module) and hands out its parts and factories. */
export async function newTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  await prepareDatabase();
  let app: NestExpressApplication;
  if (options.config) {
    const config: KindlingConfig = { ...loadConfig(), ...options.config };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(KINDLING_CONFIG).useValue(config).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error'], bodyParser: false });
    configureApp(app);
  } else {
    app = await createApiApp({ logger: false });
  }
  await app.init();
  const config = app.get<KindlingConfig>(KINDLING_CONFIG);
  const workers: TestingModule[] = [];
  const base: TestApp = {
    app,
    http: supertest(app.getHttpServer()),
    db: app.get(DataSource),
    close: async () => {
      for (const w of workers.splice(0)) await w.close();
      await app.close();
    },
  };
  const startWorker = async (o: WorkerOptions = {}): Promise<TestingModule> => {
    const worker = await buildWorker({ ...o, config: o.config ?? (options.config ? config : undefined) });
    workers.push(worker);
    return worker;
  };
  if (options.worker) await startWorker(options.worker === true ? {} : options.worker);
  const ctx: TestContext = {
    ...base,
    config,
    get: <T>(token: Type<T> | string | symbol): T => app.get<T>(token as Type<T>, { strict: false }),
    get worker(): TestingModule {
      const first = workers[0];
      if (!first) throw new Error('this test context has no worker: pass { worker: true } or call startWorker()');
      return first;
    },
    startWorker,
    tokenFor: (userId, expiresIn) => tokenFor(base, userId, expiresIn),
    newUser: (opts) => newUser(base, opts),
    newOrganisation: (opts) => newOrganisation(base, opts),
    addMember: (organizationId, userId, role) => addMembership(base, organizationId, userId, role),
    newLearner: async (organizationId, opts) => {
      const user = await newUser(base, opts);
      await addMembership(base, organizationId, user.id, 'learner');
      return user;
    },
    newManager: async (organizationId, opts) => {
      const user = await newUser(base, { name: 'Test Manager', ...opts });
      await addMembership(base, organizationId, user.id, 'manager');
      return user;
    },
    newAuthor: (opts) => newUser(base, { name: 'Test Author', ...opts, platformRoles: ['author', ...(opts?.platformRoles ?? [])] }),
    newAdmin: (opts) => newUser(base, { name: 'Test Admin', ...opts, platformRoles: ['admin', ...(opts?.platformRoles ?? [])] }),
    newPublishedCourse: (opts) => newPublishedCourse(base, opts),
    newCohort: (opts) => newCohort(base, opts),
    enrol: (opts) => enrolUser(base, opts),
    complete: (opts) => completeEnrolment(base, opts),
  };
  return ctx;
}
