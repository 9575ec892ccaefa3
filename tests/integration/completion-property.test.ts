import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobName } from '@kindling/queue';
import fc from 'fast-check';
import { CompletionService } from '../../apps/api/src/learning/completion.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * One completion rule (issue 19, point 3). The progress formula and the completion rule live in
 * SQL only (migration OneCompletionRule). This file checks them two ways:
 *
 * 1. case by case, calling the SQL functions directly (the cases of the former
 *    libs/domain evaluate-completion spec);
 * 2. a property: random courses and random sequences of lesson completions, quiz attempts
 *    (start, submit with 0–3 of 3 answers right), pre/post self-assessments and heartbeats go
 *    through the real API and database; after every step the enrolment's counters, progress,
 *    status, learning time, best final score, the certificate request in the outbox and the
 *    completion audit event are compared with the plain reference model below;
 * 3. incremental against recompute (issue 20, point 2): the lesson write adds to the stored
 *    counters instead of deriving them, so after every step of (2), and after random batches of
 *    concurrent lesson completions, quiz submissions and heartbeats on one enrolment, the stored
 *    counters must equal the ones `enrolment_counters` derives from the facts
 *    (`enrolment_counter_drift` answers no row).
 */

// ─────────────────────────────── the reference model ───────────────────────────────

interface QuizConfig {
  id: string;
  /** outline position of the quiz: its module (0 or 1) and its position within the module */
  module: number;
  position: number;
  maxAttempts: number | null;
  questions: { id: string; correct: string; wrong: string }[];
}

interface CourseConfig {
  lessons: number;
  quizzes: QuizConfig[];
  minMinutes: number | null;
  selfAssessment: boolean;
}

interface ModelAttempt {
  submitted: boolean;
  score: number;
  passed: boolean;
}

interface Model {
  lessonsDone: Set<number>;
  attempts: ModelAttempt[][];
  pre: boolean;
  post: boolean;
  seconds: number;
  hasBeaten: boolean;
  status: 'active' | 'completed';
}

const PASS_MARK = 60;
const score = (right: number): number => Math.round((10000 * right) / 3) / 100;

function derive(course: CourseConfig, m: Model) {
  const lessonsCompleted = m.lessonsDone.size;
  const quizzesPassed = m.attempts.filter((list) => list.some((a) => a.passed)).length;
  const itemsTotal = course.lessons + course.quizzes.length;
  const itemsDone = lessonsCompleted + quizzesPassed;
  const progress = itemsTotal === 0 ? 100 : Math.floor((100 * itemsDone) / itemsTotal);
  // The final quiz: the last in outline order (module, then position, then id — descending).
  const final = [...course.quizzes.keys()].sort((a, b) => {
    const x = course.quizzes[a]!;
    const y = course.quizzes[b]!;
    return y.module - x.module || y.position - x.position || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0);
  })[0];
  const finalScores = final === undefined ? [] : m.attempts[final]!.filter((a) => a.submitted).map((a) => a.score);
  const best = finalScores.length === 0 ? null : Math.max(...finalScores);
  const requirementsMet =
    lessonsCompleted === course.lessons &&
    quizzesPassed === course.quizzes.length &&
    (!course.selfAssessment || (m.pre && m.post)) &&
    (!course.minMinutes || Math.floor(m.seconds / 60) >= course.minMinutes);
  return { lessonsCompleted, quizzesPassed, itemsTotal, itemsDone, progress, best, requirementsMet };
}

/** Completion follows as soon as the requirements are met (every step that can meet them evaluates). */
function settle(course: CourseConfig, m: Model): void {
  if (m.status === 'active' && derive(course, m).requirementsMet) m.status = 'completed';
}

// ─────────────────────────────── the steps ───────────────────────────────

type Step =
  | { kind: 'lesson'; lesson: number }
  | { kind: 'start'; quiz: number }
  /** submits the quiz's open attempt, starting one first when there is none */
  | { kind: 'submit'; quiz: number; right: number }
  | { kind: 'self'; phase: 'pre' | 'post' }
  /** a heartbeat `gap` seconds after the previous one (null: the previous one is forgotten) */
  | { kind: 'heartbeat'; gap: number | null };

// Lesson and quiz numbers are taken modulo the course's counts. Gaps stay clear of the 60 s
// credit cap and the 120 s cut-off, so the real clock's milliseconds between setting the
// previous heartbeat and sending this one never change the credit.
const arbStep: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('lesson' as const), lesson: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('start' as const), quiz: fc.nat(1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), quiz: fc.nat(1), right: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('self' as const), phase: fc.constantFrom('pre' as const, 'post' as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const), gap: fc.constantFrom(null, 5, 30, 59, 61, 90, 110, 200) }) },
);

interface CourseShape {
  lessons: number;
  quizzes: { module: number; position: number; maxAttempts: number | null }[];
  minMinutes: number | null;
  selfAssessment: boolean;
}

const arbCourse: fc.Arbitrary<CourseShape> = fc.record({
  lessons: fc.integer({ min: 1, max: 3 }),
  quizzes: fc.array(
    fc.record({ module: fc.nat(1), position: fc.nat(3), maxAttempts: fc.constantFrom(null, 1, 2, 3) }),
    { maxLength: 2 },
  ),
  minMinutes: fc.constantFrom(null, 0, 1, 2),
  selfAssessment: fc.boolean(),
});

const text = (s: string) => ({ en: `${s} (en)`, it: `${s} (it)`, de: `${s} (de)`, fr: `${s} (fr)` });
const labels = { en: ['1', '2', '3', '4', '5'], it: ['1', '2', '3', '4', '5'], de: ['1', '2', '3', '4', '5'], fr: ['1', '2', '3', '4', '5'] };
const instrumentAnswers = ['c1', 'c2', 'k1', 'k2'].map((itemId, i) => ({ itemId, value: 1 + i }));

describe('one completion rule', () => {
  let t: TestApp;
  let author: TestUser;
  let instrumentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    const created = await t.http
      .post('/api/instruments')
      .set('Authorization', author.auth)
      .send({
        key: unique('completion-rule'),
        title: text('Rule instrument'),
        disclaimer: text('Reflective'),
        scale: { min: 1, max: 5, labels },
        scales: [
          { key: 'calm', name: text('Calm'), minItems: 2 },
          { key: 'care', name: text('Care'), minItems: 2 },
        ],
        items: [
          { id: 'c1', scaleKey: 'calm', reverse: false, text: text('C1') },
          { id: 'c2', scaleKey: 'calm', reverse: true, text: text('C2') },
          { id: 'k1', scaleKey: 'care', reverse: false, text: text('K1') },
          { id: 'k2', scaleKey: 'care', reverse: false, text: text('K2') },
        ],
      })
      .expect(201);
    instrumentId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the rule in SQL, case by case', () => {
    const progress = async (lessonsCompleted: number, lessonsTotal: number, quizzesPassed: number, quizzesTotal: number): Promise<number> => {
      const rows: { p: number }[] = await t.db.query(`SELECT enrolment_progress_percent($1, $2, $3, $4) AS p`, [
        lessonsCompleted, lessonsTotal, quizzesPassed, quizzesTotal,
      ]);
      return rows[0]!.p;
    };
    const allDone = { lessonsCompleted: 8, lessonsTotal: 8, quizzesPassed: 2, quizzesTotal: 2, selfAssessment: true, pre: true, post: true, minMinutes: 60 as number | null, seconds: 75 * 60 };
    const met = async (over: Partial<typeof allDone> = {}): Promise<boolean> => {
      const c = { ...allDone, ...over };
      const rows: { met: boolean }[] = await t.db.query(`SELECT enrolment_requirements_met($1, $2, $3, $4, $5, $6, $7, $8, $9) AS met`, [
        c.lessonsCompleted, c.lessonsTotal, c.quizzesPassed, c.quizzesTotal, c.selfAssessment, c.pre, c.post, c.minMinutes, c.seconds,
      ]);
      return rows[0]!.met;
    };

    it('floors the share of lessons and quizzes done and shows 100 only when every item is done', async () => {
      expect(await progress(8, 8, 2, 2)).toBe(100);
      expect(await progress(2, 8, 0, 2)).toBe(20); // 2 of 10
      expect(await progress(8, 8, 1, 2)).toBe(90); // 9 of 10
      expect(await progress(1, 2, 0, 1)).toBe(33); // 1 of 3 → 33.3
      expect(await progress(2, 2, 0, 1)).toBe(66); // 2 of 3 → 66.7
      expect(await progress(299, 300, 1, 1)).toBe(99);
    });

    it('counts a course without lessons or quizzes as 100% and caps counts at the totals', async () => {
      expect(await progress(0, 0, 0, 0)).toBe(100);
      expect(await progress(12, 8, 2, 2)).toBe(100);
    });

    it('is complete when every requirement is met, and not while one is missing', async () => {
      expect(await met()).toBe(true);
      expect(await met({ lessonsCompleted: 7 })).toBe(false);
      expect(await met({ lessonsTotal: 300, lessonsCompleted: 299 })).toBe(false);
      expect(await met({ quizzesPassed: 1 })).toBe(false);
      expect(await met({ pre: false })).toBe(false);
      expect(await met({ post: false })).toBe(false);
      expect(await met({ seconds: 30 * 60 })).toBe(false);
      expect(await met({ seconds: 60 * 60 - 1 })).toBe(false); // whole minutes count
      expect(await met({ seconds: 60 * 60 })).toBe(true);
    });

    it('ignores the self-assessment and minimum time when the course has none', async () => {
      expect(await met({ selfAssessment: false, pre: false, post: false, minMinutes: null, seconds: 0 })).toBe(true);
      expect(await met({ minMinutes: 0, seconds: 0 })).toBe(true);
    });
  });

  /** A published, self-enrolling course written directly (data only; no rule is re-implemented). */
  async function createCourse(shape: CourseShape): Promise<{ courseId: string; lessonIds: string[]; course: CourseConfig }> {
    const course: CourseConfig = {
      lessons: shape.lessons,
      minMinutes: shape.minMinutes,
      selfAssessment: shape.selfAssessment,
      quizzes: shape.quizzes.map((q) => ({
        id: randomUUID(),
        ...q,
        questions: [0, 1, 2].map(() => ({ id: randomUUID(), correct: randomUUID(), wrong: randomUUID() })),
      })),
    };
    const courseId = randomUUID();
    const versionId = randomUUID();
    const moduleIds = [randomUUID(), randomUUID()];
    const lessonIds = Array.from({ length: course.lessons }, () => randomUUID());
    await t.db.transaction(async (em) => {
      await em.query(`INSERT INTO courses (id, author_id) VALUES ($1, $2)`, [courseId, author.id]);
      await em.query(
        `INSERT INTO course_versions (id, course_id, version, status, title, summary, locale, accreditation_body, accreditation_reference,
           accreditation_hours, min_minutes, self_enrolment, instrument_id, published_at)
         VALUES ($1, $2, 1, 'published', $3, 'A course for the completion property', 'en', 'Test Accreditation Board', 'TAB-001', 1, $4, true, $5, now())`,
        [versionId, courseId, unique('Rule course'), course.minMinutes, course.selfAssessment ? instrumentId : null],
      );
      await em.query(`UPDATE courses SET published_version_id = $1 WHERE id = $2`, [versionId, courseId]);
      for (const [position, id] of moduleIds.entries()) {
        await em.query(`INSERT INTO modules (id, course_version_id, title, position) VALUES ($1, $2, $3, $4)`, [id, versionId, `Module ${position + 1}`, position]);
      }
      for (const [i, id] of lessonIds.entries()) {
        await em.query(
          `INSERT INTO lessons (id, module_id, course_version_id, title, body, body_html, minutes, position) VALUES ($1, $2, $3, $4, 'Body', '<p>Body</p>', 5, $5)`,
          [id, moduleIds[i % 2], versionId, `Lesson ${i + 1}`, i],
        );
      }
      for (const [i, quiz] of course.quizzes.entries()) {
        const questions = quiz.questions.map((q, n) => ({
          id: q.id,
          prompt: `Question ${n + 1}`,
          kind: 'single',
          options: [
            { id: q.correct, text: 'Right', correct: true },
            { id: q.wrong, text: 'Wrong', correct: false },
          ],
        }));
        await em.query(
          `INSERT INTO quizzes (id, module_id, course_version_id, title, pass_mark, max_attempts, questions, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [quiz.id, moduleIds[quiz.module], versionId, `Quiz ${i + 1}`, PASS_MARK, quiz.maxAttempts, JSON.stringify(questions), quiz.position],
        );
      }
    });
    return { courseId, lessonIds, course };
  }

  interface StoredState {
    status: string;
    lessons_total: number;
    lessons_completed: number;
    items_total: number;
    items_done: number;
    progress_percent: number;
    best_final_score: string | null;
    learning_seconds: number;
    pre_done: boolean;
    post_done: boolean;
    completed: boolean;
    certificate_requests: number;
    completion_events: number;
  }

  const stored = async (enrolmentId: string): Promise<StoredState> => {
    const rows: StoredState[] = await t.db.query(
      `SELECT e.status, e.lessons_total, e.lessons_completed, e.items_total, e.items_done, e.progress_percent, e.best_final_score,
              e.learning_seconds, e.pre_done, e.post_done, e.completed_at IS NOT NULL AS completed,
              (SELECT count(*) FROM outbox o WHERE o.topic = $2 AND o.dedupe_key = e.id::text)::int AS certificate_requests,
              (SELECT count(*) FROM audit_events a WHERE a.action = 'enrolment.completed' AND a.subject_id = e.id::text)::int AS completion_events
         FROM enrolments e WHERE e.id = $1`,
      [enrolmentId, JobName.IssueCertificate],
    );
    return rows[0]!;
  };

  /** Stored counters that differ from the recompute (none expected). */
  const drift = async (enrolmentId: string): Promise<unknown[]> => t.db.query(`SELECT * FROM enrolment_counter_drift(ARRAY[$1]::uuid[])`, [enrolmentId]);

  function expected(course: CourseConfig, m: Model): StoredState {
    const d = derive(course, m);
    const done = m.status === 'completed';
    return {
      status: m.status,
      lessons_total: course.lessons,
      lessons_completed: d.lessonsCompleted,
      items_total: d.itemsTotal,
      items_done: d.itemsDone,
      progress_percent: d.progress,
      best_final_score: d.best === null ? null : d.best.toFixed(2),
      learning_seconds: m.seconds,
      pre_done: m.pre,
      post_done: m.post,
      completed: done,
      certificate_requests: done ? 1 : 0,
      completion_events: done ? 1 : 0,
    };
  }

  it('random sequences of lessons, attempts, self-assessments and time agree with the reference model', async () => {
    /** Which kind of step completed an enrolment, across the runs: the property must not hold vacuously. */
    const completedBy: Record<Step['kind'], number> = { lesson: 0, start: 0, submit: 0, self: 0, heartbeat: 0 };
    await fc.assert(
      fc.asyncProperty(arbCourse, fc.array(arbStep, { minLength: 1, maxLength: 40, size: 'max' }), async (shape, steps) => {
        const { courseId, lessonIds, course } = await createCourse(shape);
        const learner = await createUser(t, { name: 'Rita Rule' });
        const enrol = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
        const enrolmentId: string = enrol.body.id;
        const m: Model = {
          lessonsDone: new Set(),
          attempts: course.quizzes.map(() => []),
          pre: false,
          post: false,
          seconds: 0,
          hasBeaten: false,
          status: 'active',
        };
        const open = new Map<number, string>(); // quiz index → id of its open attempt
        const blockedByPre = () => course.selfAssessment && !m.pre;
        const base = `/api/enrolments/${enrolmentId}`;

        /** Starts (or reopens) an attempt of quiz `index`; false when the API refuses, as the model says it must. */
        const startAttempt = async (index: number, label: string): Promise<boolean> => {
          const quiz = course.quizzes[index]!;
          const attempts = m.attempts[index]!;
          const res = await t.http.post(`${base}/quizzes/${quiz.id}/attempts`).set('Authorization', learner.auth);
          if (blockedByPre() || (!open.has(index) && quiz.maxAttempts !== null && attempts.length >= quiz.maxAttempts)) {
            expect([label, res.status]).toEqual([label, 409]);
            return false;
          }
          expect([label, res.status]).toEqual([label, 201]);
          if (open.has(index)) {
            expect([label, res.body.id]).toEqual([label, open.get(index)]);
          } else {
            open.set(index, res.body.id);
            attempts.push({ submitted: false, score: 0, passed: false });
          }
          const left = quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - attempts.length);
          expect([label, res.body.attemptsLeft, res.body.questions.length]).toEqual([label, left, 3]);
          return true;
        };

        expect(await stored(enrolmentId)).toEqual(expected(course, m));
        let wasCompleted = false;
        for (const step of steps) {
          const label = JSON.stringify(step);
          switch (step.kind) {
            case 'lesson': {
              const lesson = step.lesson % course.lessons;
              const res = await t.http.put(`${base}/lessons/${lessonIds[lesson]}/completion`).set('Authorization', learner.auth);
              if (blockedByPre()) {
                expect([label, res.status]).toEqual([label, 409]);
                break;
              }
              m.lessonsDone.add(lesson);
              settle(course, m);
              expect([label, res.status, res.body]).toEqual([label, 200, { progressPercent: derive(course, m).progress, status: m.status }]);
              break;
            }
            case 'start': {
              if (course.quizzes.length === 0) continue;
              await startAttempt(step.quiz % course.quizzes.length, label);
              break;
            }
            case 'submit': {
              if (course.quizzes.length === 0) continue;
              const index = step.quiz % course.quizzes.length;
              const quiz = course.quizzes[index]!;
              if (!open.has(index) && !(await startAttempt(index, label))) break;
              const answers = quiz.questions.map((q, n) => ({ questionId: q.id, optionIds: [n < step.right ? q.correct : q.wrong] }));
              const res = await t.http.post(`/api/attempts/${open.get(index)}/submission`).set('Authorization', learner.auth).send({ answers });
              open.delete(index);
              const attempts = m.attempts[index]!;
              const attempt = attempts[attempts.length - 1]!;
              Object.assign(attempt, { submitted: true, score: score(step.right), passed: score(step.right) >= PASS_MARK });
              settle(course, m);
              const left = quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - attempts.length);
              // The grade the model predicts (the answer also carries the review, tested in editions.test.ts).
              expect([label, res.status, res.body]).toEqual([label, 200, expect.objectContaining({ scorePercent: attempt.score, passed: attempt.passed, attemptsLeft: left })]);
              break;
            }
            case 'self': {
              const res = await t.http.post(`${base}/self-assessments/${step.phase}`).set('Authorization', learner.auth).send({ answers: instrumentAnswers });
              const d = derive(course, m);
              const allowed =
                course.selfAssessment &&
                (step.phase === 'pre'
                  ? !m.pre
                  : !m.post && m.pre && d.lessonsCompleted === course.lessons && d.quizzesPassed === course.quizzes.length);
              if (!allowed) {
                expect([label, res.status]).toEqual([label, 409]);
                break;
              }
              expect([label, res.status]).toEqual([label, 201]);
              if (step.phase === 'pre') m.pre = true;
              else m.post = true;
              settle(course, m);
              break;
            }
            case 'heartbeat': {
              if (step.gap === null) {
                await t.db.query(`UPDATE enrolments SET last_heartbeat_at = NULL WHERE id = $1`, [enrolmentId]);
              } else if (m.hasBeaten) {
                await t.db.query(`UPDATE enrolments SET last_heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`, [enrolmentId, step.gap]);
              }
              const credit = step.gap === null || !m.hasBeaten || step.gap > 120 ? 0 : Math.min(step.gap, 60);
              const res = await t.http.post(`${base}/heartbeat`).set('Authorization', learner.auth);
              m.hasBeaten = true;
              m.seconds += credit;
              settle(course, m);
              expect([label, res.status, res.body]).toEqual([label, 200, { minutes: Math.floor(m.seconds / 60) }]);
              break;
            }
          }
          expect([label, await stored(enrolmentId)]).toEqual([label, expected(course, m)]);
          expect([label, await drift(enrolmentId)]).toEqual([label, []]);
          if (m.status === 'completed' && !wasCompleted) completedBy[step.kind]++;
          wasCompleted = m.status === 'completed';
        }

        // The recompute path (CompletionService) reads the same counters the lesson write left.
        const before = await stored(enrolmentId);
        const again = await t.db.transaction((em) => t.app.get(CompletionService).evaluate(em, enrolmentId, learner.id));
        expect(again).toMatchObject({ progressPercent: derive(course, m).progress, status: m.status, justCompleted: false });
        expect(await stored(enrolmentId)).toEqual(before);
      }),
      { numRuns: 30 },
    );
    expect(completedBy.lesson + completedBy.submit + completedBy.self + completedBy.heartbeat).toBeGreaterThan(0);
  }, 120_000);

  it('concurrent lesson completions, quiz submissions and heartbeats leave the incremental counters equal to the recompute', async () => {
    type ConcurrentStep = { kind: 'lesson'; lesson: number } | { kind: 'submit'; quiz: number; right: number } | { kind: 'heartbeat' };
    const arbConcurrent: fc.Arbitrary<ConcurrentStep> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constant('lesson' as const), lesson: fc.nat(5) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('submit' as const), quiz: fc.nat(1), right: fc.nat(3) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('heartbeat' as const) }) },
    );
    const arbShape: fc.Arbitrary<CourseShape> = fc.record({
      lessons: fc.integer({ min: 1, max: 6 }),
      quizzes: fc.array(fc.record({ module: fc.nat(1), position: fc.nat(3), maxAttempts: fc.constant(null) }), { maxLength: 2 }),
      minMinutes: fc.constant(null),
      selfAssessment: fc.constant(false),
    });
    let sawCompletion = false;
    await fc.assert(
      fc.asyncProperty(arbShape, fc.array(fc.array(arbConcurrent, { minLength: 2, maxLength: 10 }), { minLength: 1, maxLength: 4 }), async (shape, rounds) => {
        const { courseId, lessonIds, course } = await createCourse(shape);
        const learner = await createUser(t, { name: 'Connie Current' });
        const enrol = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
        const enrolmentId: string = enrol.body.id;
        const base = `/api/enrolments/${enrolmentId}`;
        const lessonsDone = new Set<number>();
        const quizzesPassed = new Set<number>();
        for (const round of rounds) {
          // Every quiz submitted in this round gets its own attempt first (one open attempt per quiz:
          // two submissions of the same quiz in a round race for it, and one of them is refused).
          const attemptOf = new Map<number, string>();
          for (const step of round) {
            if (step.kind !== 'submit' || course.quizzes.length === 0) continue;
            const index = step.quiz % course.quizzes.length;
            if (attemptOf.has(index)) continue;
            const res = await t.http.post(`${base}/quizzes/${course.quizzes[index]!.id}/attempts`).set('Authorization', learner.auth).expect(201);
            attemptOf.set(index, res.body.id);
          }
          await Promise.all(
            round.map(async (step) => {
              if (step.kind === 'lesson') {
                const lesson = step.lesson % course.lessons;
                const res = await t.http.put(`${base}/lessons/${lessonIds[lesson]}/completion`).set('Authorization', learner.auth);
                expect([step, res.status]).toEqual([step, 200]);
                lessonsDone.add(lesson);
              } else if (step.kind === 'submit') {
                if (course.quizzes.length === 0) return;
                const index = step.quiz % course.quizzes.length;
                const quiz = course.quizzes[index]!;
                const answers = quiz.questions.map((q, n) => ({ questionId: q.id, optionIds: [n < step.right ? q.correct : q.wrong] }));
                const res = await t.http.post(`/api/attempts/${attemptOf.get(index)}/submission`).set('Authorization', learner.auth).send({ answers });
                expect([step, [200, 409]]).toEqual([step, expect.arrayContaining([res.status])]);
                if (res.status === 200 && res.body.passed) quizzesPassed.add(index);
              } else {
                const res = await t.http.post(`${base}/heartbeat`).set('Authorization', learner.auth);
                expect([step, res.status]).toEqual([step, 200]);
              }
            }),
          );
          expect([round, await drift(enrolmentId)]).toEqual([round, []]);
          const now = await stored(enrolmentId);
          expect(now.lessons_completed).toBe(lessonsDone.size);
          expect(now.items_done).toBe(lessonsDone.size + quizzesPassed.size);
          const done = lessonsDone.size === course.lessons && quizzesPassed.size === course.quizzes.length;
          expect([now.status, now.certificate_requests, now.completion_events]).toEqual(done ? ['completed', 1, 1] : ['active', 0, 0]);
          if (done) sawCompletion = true;
        }
      }),
      { numRuns: 15 },
    );
    expect(sawCompletion).toBe(true);
  }, 120_000);
});
