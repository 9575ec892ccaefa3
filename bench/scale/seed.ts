import { randomUUID } from 'node:crypto';
import { kindlingInstrument } from '@kindling/content';
import { CertificateRenderer, sha256Hex } from '@kindling/certificates';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Scale data: one organisation, one manager, one published course of 30 required items
 * (3 modules of 9 lessons and a quiz, with the Kindling self-assessment), and a cohort of N
 * learners with realistic progress — not started, part way, completed — with lesson
 * completions, quiz attempts (some failed first tries), pre/post self-assessments and
 * certificates for those completed. Everything is set-based SQL (INSERT … SELECT over a plan
 * table built with generate_series), in ONE transaction with synchronous_commit off: never
 * through HTTP, never row by row from Node.
 *
 * The enrolment counters (items_done, lessons_completed, best_final_score) are the plan's
 * counts of the facts it writes, and progress_percent comes from the database's own rule
 * (enrolment_progress_percent, migration OneCompletionRule — never restated here), so the
 * dashboards read the same numbers they would after real traffic; tests/integration/
 * bench-seed.test.ts checks every counter and completion against enrolment_counters and
 * enrolment_requirements_met.
 */
export const SCALE_MODULES = 3;
export const SCALE_LESSONS_PER_MODULE = 9;
export const SCALE_ITEMS = SCALE_MODULES * (SCALE_LESSONS_PER_MODULE + 1);
export const SCALE_PASSWORD = 'kindling-scale-2026';
/**
 * argon2id hash of SCALE_PASSWORD (the API's parameters: 19 MiB, two passes, one lane), made once: every seeded account shares it, so seeding needs
 * no hashing (and no native module) and sign-in verifies it like any other hash.
 */
export const SCALE_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$cfKOZorW4loTtqTuejt5Hw$MFEZaVqkug2fj3sUpMzmWmaBJXBUayS+a46yxqRqDSI';

export interface SeedScaleOptions {
  learners: number;
  /** Base of verification links printed on the one rendered sample PDF. */
  publicUrl: string;
  /** Progress lines ("12.3 s  enrolments"); silent when omitted. */
  log?: (line: string) => void;
  /** argon2 hash stored for every seeded account (default: SCALE_PASSWORD_HASH, i.e. SCALE_PASSWORD). */
  passwordHash?: string;
}

export interface ScaleCohort {
  learners: number;
  tag: string;
  organizationId: string;
  cohortId: string;
  courseId: string;
  courseVersionId: string;
  managerId: string;
  managerEmail: string;
  password: string;
  /** Lesson ids in outline order. */
  lessonIds: string[];
  /** Quiz ids in outline order (the last is the final quiz). */
  quizIds: string[];
  seconds: number;
}

const one = <T>(rows: T[], what: string): T => {
  const row = rows[0];
  if (row === undefined) throw new Error(`seed: ${what} returned no row`);
  return row;
};

export async function seedScaleCohort(ds: DataSource, options: SeedScaleOptions): Promise<ScaleCohort> {
  const { learners, publicUrl } = options;
  if (!Number.isInteger(learners) || learners < 1) throw new Error('learners must be a positive integer');
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const step = (what: string) => log(`  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${what}`);
  const tag = randomUUID().slice(0, 8);
  const hash = options.passwordHash ?? SCALE_PASSWORD_HASH;
  const managerEmail = `manager-${tag}@scale.kindling.test`;

  // The one sample PDF every seeded certificate points at: rendered before the transaction.
  const renderer = await CertificateRenderer.create();
  const courseTitle = `Kindness at scale ${tag}`;
  const organizationName = `Scale Hospital ${tag}`;
  const pdf = await renderer.render({
    number: 'KND-SEED-000000', holderName: 'Seeded learner', courseTitle, hours: 12,
    accreditationBody: 'Scale Accreditation Board', accreditationReference: 'SAB-30', completedAt: new Date(), issuedAt: new Date(),
    organizationName, verificationUrl: `${publicUrl}/verify/seed-${tag}`, locale: 'en',
  });

  const result = await ds.transaction(async (em) => {
    await em.query(`SET LOCAL synchronous_commit = off`);
    await em.query(`SET LOCAL statement_timeout = 0`);
    await em.query(`SET LOCAL work_mem = '256MB'`);
    await em.query(`SET LOCAL maintenance_work_mem = '512MB'`);

    const base = await seedCourse(em, { tag, hash, managerEmail, courseTitle, organizationName, learners });
    step('course, organisation and cohort');

    await buildPlan(em, learners);
    step('plan');

    await em.query(
      `INSERT INTO users (id, email, name, password_hash, locale, created_at)
       SELECT user_id, 'learner-' || i || '-' || $1 || '@scale.kindling.test', 'Learner ' || i || ' ' || $1, $2,
              (ARRAY['en','it','de','fr'])[1 + i % 4], now() - interval '70 days' FROM plan`,
      [tag, hash],
    );
    await em.query(
      `INSERT INTO memberships (organization_id, user_id, role, created_at) SELECT $1, user_id, 'learner', now() - interval '70 days' FROM plan`,
      [base.organizationId],
    );
    step(`${learners} users and memberships`);

    await em.query(
      `INSERT INTO enrolments (id, user_id, course_id, course_version_id, cohort_id, organization_id, status,
         items_total, items_done, lessons_total, lessons_completed, progress_percent, learning_seconds, best_final_score,
         pre_done, post_done, last_lesson_id, started_at, last_activity_at, completed_at, created_at)
       SELECT p.enrolment_id, p.user_id, $1, $2, $3, $4, CASE WHEN p.completed THEN 'completed' ELSE 'active' END,
              ${SCALE_ITEMS}, p.items_done, ${SCALE_MODULES * SCALE_LESSONS_PER_MODULE}, p.lessons_done,
              enrolment_progress_percent(p.lessons_done, ${SCALE_MODULES * SCALE_LESSONS_PER_MODULE}, p.quizzes_passed, ${SCALE_MODULES}),
              p.learning_seconds, p.best_final, p.pre, p.post, l.id,
              CASE WHEN p.pre OR p.items_done > 0 THEN p.started_at END,
              CASE WHEN p.pre OR p.items_done > 0 THEN p.last_activity_at END,
              CASE WHEN p.completed THEN p.last_activity_at END,
              now() - interval '60 days'
         FROM plan p LEFT JOIN lesson_order l ON l.ord = p.lessons_done`,
      [base.courseId, base.courseVersionId, base.cohortId, base.organizationId],
    );
    step('enrolments');

    // The cohort's due date passed yesterday. In a real organisation the 'due soon' and 'overdue'
    // reminders went out as each date came (the worker sweeps every 10 minutes); without these rows
    // the bench's worker would claim and send about one e-mail per learner during the measured
    // lines, and line (a) measured the API beside that flood (PostgreSQL CPU per write 5 ms
    // instead of 0.3 ms).
    await em.query(
      `INSERT INTO reminder_deliveries (enrolment_id, step, created_at, sent_at)
       SELECT p.enrolment_id, s.step, s.at, s.at
         FROM plan p
         CROSS JOIN (VALUES ('due_soon', now() - interval '8 days'), ('overdue', now() - interval '1 hour')) AS s(step, at)
        WHERE NOT p.completed`,
    );
    step('reminders already sent');

    await em.query(
      `INSERT INTO lesson_completions (enrolment_id, lesson_id, completed_at)
       SELECT p.enrolment_id, l.id, p.started_at + (p.last_activity_at - p.started_at) * (l.ord::float8 / GREATEST(p.lessons_done, 1))
         FROM plan p JOIN lesson_order l ON l.ord <= p.lessons_done`,
    );
    step('lesson completions');

    // Attempts: a passed one per passed quiz (after a failed first try for some), and a failed
    // open-ended try for some of those who stand before a quiz.
    await em.query(
      `INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented, answers, score_percent, passed, started_at, submitted_at)
       SELECT a.enrolment_id, q.id, a.attempt_no, $1::jsonb,
              CASE WHEN a.passed THEN $2::jsonb ELSE $3::jsonb END, a.score, a.passed, a.at - interval '6 minutes', a.at
         FROM (
           SELECT p.enrolment_id, k AS quiz_ord, 1 AS attempt_no, false AS passed, 40::numeric AS score, p.last_activity_at - interval '2 days' AS at
             FROM plan p CROSS JOIN generate_series(1, ${SCALE_MODULES}) k
            WHERE (k <= p.quizzes_passed AND p.fail_first = k) OR (k = p.quizzes_passed + 1 AND p.standing_at_quiz AND p.r2 < 0.5)
           UNION ALL
           SELECT p.enrolment_id, k, CASE WHEN p.fail_first = k THEN 2 ELSE 1 END, true,
                  CASE WHEN k = ${SCALE_MODULES} THEN p.final_score ELSE 80 END::numeric, p.last_activity_at - interval '1 day'
             FROM plan p CROSS JOIN generate_series(1, ${SCALE_MODULES}) k
            WHERE k <= p.quizzes_passed
         ) a JOIN quiz_order q ON q.ord = a.quiz_ord`,
      [base.presented, base.rightAnswers, base.wrongAnswers],
    );
    step('quiz attempts');

    await seedSelfAssessments(em, base.instrumentId);
    step('pre/post self-assessments');

    await seedCertificates(em, {
      organizationId: base.organizationId, courseTitle, organizationName, pdf, storageKey: `seed/${tag}.pdf`,
    });
    step('certificates');

    await em.query(
      `INSERT INTO audit_events (organization_id, at, actor_id, action, subject_type, subject_id, data)
       SELECT $1, now() - interval '61 days', $2, 'cohort.enrolled', 'cohort', $3, jsonb_build_object('enrolled', $4::int, 'source', 'seed:scale')`,
      [base.organizationId, base.managerId, base.cohortId, learners],
    );
    return base;
  });
  // The steady state autovacuum would reach: planner statistics and the visibility map (so
  // the dashboards' index-only scans need no heap visits), for the touched tables only.
  for (const table of ['users', 'memberships', 'enrolments', 'lesson_completions', 'quiz_attempts', 'self_assessment_responses', 'certificates', 'certificate_documents', 'reminder_deliveries']) {
    await ds.query(`VACUUM (ANALYZE) ${table}`);
  }
  step('vacuum and analyze');
  return {
    learners,
    tag,
    organizationId: result.organizationId,
    cohortId: result.cohortId,
    courseId: result.courseId,
    courseVersionId: result.courseVersionId,
    managerId: result.managerId,
    managerEmail,
    password: SCALE_PASSWORD,
    lessonIds: result.lessonIds,
    quizIds: result.quizIds,
    seconds: (Date.now() - started) / 1000,
  };
}

interface SeededCourse {
  organizationId: string;
  managerId: string;
  courseId: string;
  courseVersionId: string;
  cohortId: string;
  instrumentId: string;
  lessonIds: string[];
  quizIds: string[];
  presented: string;
  rightAnswers: string;
  wrongAnswers: string;
}

async function seedCourse(
  em: EntityManager,
  s: { tag: string; hash: string; managerEmail: string; courseTitle: string; organizationName: string; learners: number },
): Promise<SeededCourse> {
  await em.query(
    `INSERT INTO instruments (key, version, title, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (key, version) DO NOTHING`,
    [kindlingInstrument.key, kindlingInstrument.version, JSON.stringify(kindlingInstrument.title), JSON.stringify(kindlingInstrument)],
  );
  const instrument = one<{ id: string }>(
    await em.query(`SELECT id FROM instruments WHERE key = $1 AND version = $2`, [kindlingInstrument.key, kindlingInstrument.version]),
    'instrument',
  );
  const org = one<{ id: string }>(
    await em.query(`INSERT INTO organizations (name, kind, country) VALUES ($1, 'hospital', 'IT') RETURNING id`, [s.organizationName]),
    'organisation',
  );
  const author = one<{ id: string }>(
    await em.query(`INSERT INTO users (email, name, password_hash, platform_roles) VALUES ($1, 'Scale Author', $2, '{author}') RETURNING id`, [
      `author-${s.tag}@scale.kindling.test`,
      s.hash,
    ]),
    'author',
  );
  const manager = one<{ id: string }>(
    await em.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, 'Scale Manager', $2) RETURNING id`, [s.managerEmail, s.hash]),
    'manager',
  );
  await em.query(`INSERT INTO memberships (organization_id, user_id, role) VALUES ($1, $2, 'manager')`, [org.id, manager.id]);

  const courseId = randomUUID();
  const versionId = randomUUID();
  await em.query(`INSERT INTO courses (id, author_id) VALUES ($1, $2)`, [courseId, author.id]);
  await em.query(
    `INSERT INTO course_versions (id, course_id, version, status, title, summary, locale, accreditation_body, accreditation_reference,
       accreditation_hours, self_enrolment, instrument_id, published_at)
     VALUES ($1, $2, 1, 'published', $3, 'Thirty required items, for benchmarks.', 'en', 'Scale Accreditation Board', 'SAB-30', 12, false, $4, now() - interval '90 days')`,
    [versionId, courseId, s.courseTitle, instrument.id],
  );
  await em.query(`UPDATE courses SET published_version_id = $1 WHERE id = $2`, [versionId, courseId]);
  await em.query(
    `INSERT INTO modules (course_version_id, title, position) SELECT $1, 'Module ' || m, m - 1 FROM generate_series(1, $2::int) m`,
    [versionId, SCALE_MODULES],
  );
  await em.query(
    `INSERT INTO lessons (module_id, course_version_id, title, body, body_html, minutes, position)
     SELECT mo.id, $1, 'Lesson ' || (mo.position * $2::int + l), 'A short lesson about **kindness**.',
            '<p>A short lesson about <strong>kindness</strong>.</p>', 10, l - 1
       FROM modules mo CROSS JOIN generate_series(1, $2::int) l WHERE mo.course_version_id = $1`,
    [versionId, SCALE_LESSONS_PER_MODULE],
  );
  const questions = [1, 2, 3, 4, 5].map((n) => ({
    id: randomUUID(),
    prompt: `Question ${n}: which of these is the kind answer?`,
    kind: 'single' as const,
    options: [0, 1, 2].map((o) => ({ id: randomUUID(), text: `Option ${o + 1}`, correct: o === 0 })),
  }));
  await em.query(
    `INSERT INTO quizzes (module_id, course_version_id, title, pass_mark, max_attempts, questions, position)
     SELECT mo.id, $1, 'Quiz ' || (mo.position + 1), 60, 3, $2, $3 FROM modules mo WHERE mo.course_version_id = $1`,
    [versionId, JSON.stringify(questions), SCALE_LESSONS_PER_MODULE],
  );
  const cohort = one<{ id: string }>(
    await em.query(
      `INSERT INTO cohorts (organization_id, course_id, name, audience, starts_on, due_on, created_by, created_at)
       VALUES ($1, $2, $3, 'health-staff', current_date - 60, current_date - 1, $4, now() - interval '61 days') RETURNING id`,
      [org.id, courseId, `Scale cohort of ${s.learners} (${s.tag})`, manager.id],
    ),
    'cohort',
  );
  // Outline order, 1-based, as the API orders it (modules by position, then position).
  await em.query(
    `CREATE TEMP TABLE lesson_order ON COMMIT DROP AS
     SELECT l.id, row_number() OVER (ORDER BY m.position, l.position, l.id)::int AS ord
       FROM lessons l JOIN modules m ON m.id = l.module_id WHERE l.course_version_id = $1`,
    [versionId],
  );
  await em.query(
    `CREATE TEMP TABLE quiz_order ON COMMIT DROP AS
     SELECT q.id, row_number() OVER (ORDER BY m.position, q.position, q.id)::int AS ord
       FROM quizzes q JOIN modules m ON m.id = q.module_id WHERE q.course_version_id = $1`,
    [versionId],
  );
  const lessonIds = ((await em.query(`SELECT id FROM lesson_order ORDER BY ord`)) as { id: string }[]).map((r) => r.id);
  const quizIds = ((await em.query(`SELECT id FROM quiz_order ORDER BY ord`)) as { id: string }[]).map((r) => r.id);
  const presented = questions.map((q) => ({ questionId: q.id, optionIds: q.options.map((o) => o.id) }));
  const right = questions.map((q) => ({ questionId: q.id, optionIds: [q.options[0]!.id] }));
  const wrong = questions.map((q, n) => ({ questionId: q.id, optionIds: [q.options[n < 2 ? 0 : 1]!.id] }));
  return {
    organizationId: org.id,
    managerId: manager.id,
    courseId,
    courseVersionId: versionId,
    cohortId: cohort.id,
    instrumentId: instrument.id,
    lessonIds,
    quizIds,
    presented: JSON.stringify(presented),
    rightAnswers: JSON.stringify(right),
    wrongAnswers: JSON.stringify(wrong),
  };
}

/**
 * One row per learner with where they stand: `items_done` counts the outline's 30 items in
 * order (9 lessons then the module's quiz, three times). 15 % have not started, 45 % are part
 * way, 40 % completed. Fixed seed: the same N gives the same shape.
 */
async function buildPlan(em: EntityManager, learners: number): Promise<void> {
  const per = SCALE_LESSONS_PER_MODULE + 1;
  await em.query(`SELECT setseed(0.4217)`);
  await em.query(`
    CREATE TEMP TABLE plan ON COMMIT DROP AS
    SELECT i, gen_random_uuid() AS user_id, gen_random_uuid() AS enrolment_id, r, random() AS r2, random() AS r3,
           CASE WHEN r < 0.15 THEN 0 WHEN r < 0.60 THEN 1 + floor(random() * ${SCALE_ITEMS - 1})::int ELSE ${SCALE_ITEMS} END AS items_done
      FROM (SELECT i, random() AS r FROM generate_series(1, ${learners}) i) s`);
  await em.query(`
    ALTER TABLE plan ADD COLUMN lessons_done int, ADD COLUMN quizzes_passed int, ADD COLUMN completed boolean,
      ADD COLUMN standing_at_quiz boolean, ADD COLUMN fail_first int, ADD COLUMN final_score numeric, ADD COLUMN best_final numeric,
      ADD COLUMN pre boolean, ADD COLUMN post boolean, ADD COLUMN learning_seconds int,
      ADD COLUMN started_at timestamptz, ADD COLUMN last_activity_at timestamptz`);
  await em.query(`
    UPDATE plan SET
      lessons_done = items_done - items_done / ${per},
      quizzes_passed = items_done / ${per},
      completed = items_done = ${SCALE_ITEMS},
      standing_at_quiz = items_done % ${per} = ${SCALE_LESSONS_PER_MODULE},
      fail_first = CASE WHEN r3 < 0.2 AND items_done >= ${per} THEN 1 + floor(r3 * 5 * (items_done / ${per}))::int END,
      final_score = 60 + floor(r2 * 41)::int,
      pre = items_done > 0 OR r2 < 0.3,
      post = items_done = ${SCALE_ITEMS},
      learning_seconds = (items_done - items_done / ${per}) * (300 + floor(r3 * 600)::int),
      started_at = now() - interval '58 days' + r3 * interval '10 days',
      last_activity_at = now() - interval '1 day' - r2 * interval '40 days'`);
  await em.query(`
    UPDATE plan SET best_final = CASE WHEN quizzes_passed = ${SCALE_MODULES} THEN final_score
                        WHEN quizzes_passed = ${SCALE_MODULES - 1} AND standing_at_quiz AND r2 < 0.5 THEN 40 END`);
}

/** Pre for those who started (and some who only answered it), post for those completed: post leans a little higher. */
async function seedSelfAssessments(em: EntityManager, instrumentId: string): Promise<void> {
  const items = kindlingInstrument.items;
  const { min, max } = kindlingInstrument.scale;
  await em.query(
    `CREATE TEMP TABLE sa_answers ON COMMIT DROP AS
     SELECT p.enrolment_id, ph.phase, it.ord, it.item_id, it.scale_key, it.reverse,
            LEAST($5::int, GREATEST($4::int, round(p.trait + ph.shift + (random() + random() + random() - 1.5))::int)) AS scored
       FROM (SELECT enrolment_id, pre, post, 2.6 + 1.6 * r3 AS trait FROM plan WHERE pre OR post) p
       CROSS JOIN (VALUES ('pre', 0.0), ('post', 0.35)) ph(phase, shift)
       CROSS JOIN unnest($1::text[], $2::text[], $3::boolean[]) WITH ORDINALITY it(item_id, scale_key, reverse, ord)
      WHERE (ph.phase = 'pre' AND p.pre) OR (ph.phase = 'post' AND p.post)`,
    [items.map((i) => i.id), items.map((i) => i.scaleKey), items.map((i) => i.reverse), min, max],
  );
  await em.query(
    `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores, submitted_at)
     SELECT a.enrolment_id, $1, a.phase, a.answers, s.scores || jsonb_build_object('total', a.total),
            CASE WHEN a.phase = 'pre' THEN p.started_at - interval '1 hour' ELSE p.last_activity_at END
       FROM (SELECT enrolment_id, phase, avg(scored)::float8 AS total,
                    jsonb_agg(jsonb_build_object('itemId', item_id, 'value', CASE WHEN reverse THEN $2::int + $3::int - scored ELSE scored END) ORDER BY ord) AS answers
               FROM sa_answers GROUP BY enrolment_id, phase) a
       JOIN (SELECT enrolment_id, phase, jsonb_object_agg(scale_key, mean) AS scores
               FROM (SELECT enrolment_id, phase, scale_key, avg(scored)::float8 AS mean FROM sa_answers GROUP BY enrolment_id, phase, scale_key) x
              GROUP BY enrolment_id, phase) s ON s.enrolment_id = a.enrolment_id AND s.phase = a.phase
       JOIN plan p ON p.enrolment_id = a.enrolment_id`,
    [instrumentId, min, max],
  );
}

/** Certificates for everyone completed, numbered from the year's counter, all pointing at one stored sample PDF. */
async function seedCertificates(
  em: EntityManager,
  s: { organizationId: string; courseTitle: string; organizationName: string; pdf: Buffer; storageKey: string },
): Promise<void> {
  await em.query(`INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'application/pdf', $2)`, [s.storageKey, s.pdf]);
  const year = new Date().getUTCFullYear();
  const counter = one<{ first: string }>(
    await em.query(
      `INSERT INTO certificate_number_counters (year, last_value) VALUES ($1, (SELECT count(*) FROM plan WHERE completed))
       ON CONFLICT (year) DO UPDATE SET last_value = certificate_number_counters.last_value + EXCLUDED.last_value
       RETURNING last_value - (SELECT count(*) FROM plan WHERE completed) AS first`,
      [year],
    ),
    'certificate counter',
  );
  await em.query(
    `CREATE TEMP TABLE cert_plan ON COMMIT DROP AS
     SELECT p.enrolment_id, p.user_id, p.i, p.last_activity_at AS completed_at, gen_random_uuid() AS certificate_id,
            gen_random_uuid() AS document_id, row_number() OVER (ORDER BY p.i) AS n
       FROM plan p WHERE p.completed`,
  );
  await em.query(
    `INSERT INTO certificates (id, enrolment_id, organization_id, user_id, number, holder_name, course_title, locale, hours,
       accreditation_body, accreditation_reference, organization_name, completed_at, issued_at, current_document_id)
     SELECT c.certificate_id, c.enrolment_id, $1, c.user_id, 'KND-' || $2 || '-' || lpad(($3::int + c.n)::text, 6, '0'),
            u.name, $4, 'en', 12, 'Scale Accreditation Board', 'SAB-30', $5, c.completed_at, c.completed_at + interval '4 seconds', c.document_id
       FROM cert_plan c JOIN users u ON u.id = c.user_id`,
    [s.organizationId, year, Number(counter.first), s.courseTitle, s.organizationName],
  );
  // The numbers were reserved for these enrolments, as the issuer reserves them before rendering.
  await em.query(
    `INSERT INTO certificate_number_reservations (enrolment_id, number, reserved_at)
     SELECT c.enrolment_id, c.number, c.issued_at FROM certificates c JOIN cert_plan p ON p.certificate_id = c.id`,
  );
  await em.query(
    `INSERT INTO certificate_documents (id, certificate_id, version, verification_code, holder_name, sha256, storage_key, created_at)
     SELECT c.document_id, c.certificate_id, 1, translate(encode(gen_random_bytes(18), 'base64'), '+/', '-_'), u.name, $1, $2,
            c.completed_at + interval '4 seconds'
       FROM cert_plan c JOIN users u ON u.id = c.user_id`,
    [sha256Hex(s.pdf), s.storageKey],
  );
}
