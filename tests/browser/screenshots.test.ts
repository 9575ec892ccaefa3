import { existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoCourse } from '@kindling/content';
import type { Page } from 'playwright-core';
import { unique } from '../support/app.js';
import { addMember, createOrganization, createUser, type TestUser } from '../support/fixtures.js';
import { api, type BrowserHarness, eventually, settled, signedInContext, startHarness } from './support/harness.js';

/**
 * The README's screenshots (docs/screenshots/*.png), taken from the built app in Chromium with
 * the demo course posted through the API and a cohort of learners at different stages.
 * A normal test run writes them to a temporary folder (so `npm test` leaves the tree alone);
 * UPDATE_SCREENSHOTS=1 writes docs/screenshots (see tests/browser/README.md).
 */
const OUT = process.env.UPDATE_SCREENSHOTS === '1' ? join(process.cwd(), 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'kindling-screenshots-'));

interface Outline {
  id: string;
  modules: { id: string; lessons: { id: string; title: string }[]; quizzes: { id: string; title: string }[] }[];
}
interface AttemptView {
  id: string;
  questions: { id: string; prompt: string; options: { id: string; text: string }[] }[];
}

describe('README screenshots', () => {
  let h: BrowserHarness;
  let author: TestUser;
  let manager: TestUser;
  let organizationId: string;
  let courseId: string;
  let cohortId: string;
  let outline: Outline;
  const correct = new Map<string, Set<string>>(); // prompt → correct option texts

  const call = async <T,>(auth: string, method: string, path: string, body?: unknown, status?: number): Promise<T> => {
    const res = await api<T>(h, auth, method, path, body);
    if (status !== undefined && res.status !== status) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** Posts the demo course the way an authoring script would, then publishes it with the shipped self-assessment. */
  async function postDemoCourse(): Promise<void> {
    const { modules, ...fields } = demoCourse;
    const created = await call<{ id: string }>(author.auth, 'POST', '/api/courses', fields, 201);
    courseId = created.id;
    for (const module of modules) {
      const m = await call<{ id: string }>(author.auth, 'POST', `/api/courses/${courseId}/modules`, { title: module.title }, 201);
      for (const lesson of module.lessons) await call(author.auth, 'POST', `/api/modules/${m.id}/lessons`, lesson, 201);
      for (const quiz of module.quizzes) {
        await call(author.auth, 'POST', `/api/modules/${m.id}/quizzes`, quiz, 201);
        for (const q of quiz.questions) correct.set(q.prompt, new Set(q.options.filter((o) => o.correct).map((o) => o.text)));
      }
    }
    const instruments = await call<{ id: string; key: string }[]>(author.auth, 'GET', '/api/instruments', undefined, 200);
    const instrumentId = instruments.find((i) => i.key === 'kindling-reflect')!.id;
    await call(author.auth, 'PUT', `/api/courses/${courseId}/self-assessment`, { instrumentId }, 200);
    await call(author.auth, 'POST', `/api/courses/${courseId}/publish`, undefined, 200);
    outline = await call<Outline>(author.auth, 'GET', `/api/courses/${courseId}`, undefined, 200);
  }

  /** Moves one learner along through the API: pre, `lessons` lessons, the quizzes (when all lessons are done), post. */
  async function progress(learner: TestUser, enrolmentId: string, opts: { pre: boolean; lessons: number; finish: boolean; seed: number }): Promise<void> {
    const form = await call<{ items: { id: string }[] }>(learner.auth, 'GET', `/api/courses/${courseId}/self-assessment`, undefined, 200);
    const answers = (shift: number) => ({ answers: form.items.map((item, i) => ({ itemId: item.id, value: 1 + ((i + shift + opts.seed) % 5) })) });
    if (!opts.pre) return;
    await call(learner.auth, 'POST', `/api/enrolments/${enrolmentId}/self-assessments/pre`, answers(0), 201);
    const lessons = outline.modules.flatMap((m) => m.lessons);
    for (const lesson of lessons.slice(0, opts.lessons)) {
      await call(learner.auth, 'PUT', `/api/enrolments/${enrolmentId}/lessons/${lesson.id}/completion`, undefined, 200);
    }
    if (!opts.finish) return;
    for (const quiz of outline.modules.flatMap((m) => m.quizzes)) {
      const attempt = await call<AttemptView>(learner.auth, 'POST', `/api/enrolments/${enrolmentId}/quizzes/${quiz.id}/attempts`, undefined, 201);
      const picks = attempt.questions.map((q, i) => {
        const right = correct.get(q.prompt) ?? new Set<string>();
        // One learner in three gets the first question wrong: a spread of scores for the chart.
        const wrong = i === 0 && opts.seed % 3 === 0;
        const chosen = q.options.filter((o) => (wrong ? !right.has(o.text) : right.has(o.text))).slice(0, wrong ? 1 : undefined);
        return { questionId: q.id, optionIds: chosen.map((o) => o.id) };
      });
      await call(learner.auth, 'POST', `/api/attempts/${attempt.id}/submission`, { answers: picks }, 200);
    }
    // The demo course's minimum learning time, as the player's heartbeats would have credited it.
    await h.t.db.query(`UPDATE enrolments SET learning_seconds = $2 WHERE id = $1`, [enrolmentId, (demoCourse.completion.minMinutes ?? 0) * 60]);
    await call(learner.auth, 'POST', `/api/enrolments/${enrolmentId}/self-assessments/post`, answers(1), 201);
  }

  async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
    await settled(page);
    await page.evaluate('document.fonts.ready.then(() => true)');
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
  }

  let learner: TestUser;
  let learnerEnrolment = '';
  let finishedCode = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    h = await startHarness();
    author = await createUser(h.t, { name: 'Aurelio Autore', platformRoles: ['author'] });
    manager = await createUser(h.t, { name: 'Maja Manager' });
    organizationId = await createOrganization(h.t, 'Demo Hospital Group');
    await addMember(h.t, organizationId, manager.id, 'manager');
    await postDemoCourse();
    const due = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const start = new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10);
    cohortId = (await call<{ id: string }>(manager.auth, 'POST', `/api/organizations/${organizationId}/cohorts`, {
      name: 'Ward staff — spring intake', courseId, audience: 'health-staff', startsOn: start, dueOn: due,
    }, 201)).id;

    const names = ['Zoë Müller-Ćosić', 'Luca Bianchi', 'Amélie Dubois', 'Jonas Becker', 'Giulia Romano', 'Noah Schmid', 'Chiara Ferrari', 'Léa Martin', 'Elias Huber', 'Sofia Greco', 'Mia Keller', 'Tommaso Ricci'];
    const people = await Promise.all(names.map((name) => createUser(h.t, { name, email: `${unique(name.split(' ')[0]!.toLowerCase().normalize('NFD').replace(/[^a-z]/g, ''))}@example.test` })));
    await call(manager.auth, 'POST', `/api/cohorts/${cohortId}/enrolments`, { learners: people.map((p) => ({ email: p.email, name: p.name })) }, 200);
    const enrolments: { id: string; user_id: string }[] = await h.t.db.query(`SELECT id, user_id FROM enrolments WHERE cohort_id = $1`, [cohortId]);
    const enrolmentOf = (u: TestUser) => enrolments.find((e) => e.user_id === u.id)!.id;
    const plans = [
      { pre: true, lessons: 4, finish: false }, // Zoë, the learner in the screenshots
      { pre: true, lessons: 9, finish: true },
      { pre: true, lessons: 9, finish: true },
      { pre: true, lessons: 9, finish: true },
      { pre: true, lessons: 9, finish: true },
      { pre: true, lessons: 7, finish: false },
      { pre: true, lessons: 5, finish: false },
      { pre: true, lessons: 2, finish: false },
      { pre: true, lessons: 0, finish: false },
      { pre: false, lessons: 0, finish: false },
      { pre: false, lessons: 0, finish: false },
      { pre: true, lessons: 9, finish: true },
    ];
    for (const [i, person] of people.entries()) await progress(person, enrolmentOf(person), { ...plans[i]!, seed: i });
    learner = people[0]!;
    learnerEnrolment = enrolmentOf(learner);
    const finisher = people[1]!;
    finishedCode = await eventually(async () => {
      const rows: { code: string }[] = await h.t.db.query(
        `SELECT d.verification_code AS code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
        [enrolmentOf(finisher)],
      );
      return rows[0]?.code;
    }, 30_000, 'a certificate');
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('learner home, course player and quiz result', async () => {
    const context = await signedInContext(h, learner.id, { width: 1280, height: 860 });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'My learning' }).waitFor();
    await page.locator('.course-card').first().waitFor();
    await shoot(page, 'learner-home', true);

    const lessons = outline.modules.flatMap((m) => m.lessons);
    await page.goto(`${h.baseUrl}/learn/${learnerEnrolment}/lessons/${lessons[4]!.id}`);
    await page.locator('.lesson-body').waitFor();
    await shoot(page, 'course-player');

    const quiz = outline.modules[0]!.quizzes[0]!;
    await page.goto(`${h.baseUrl}/learn/${learnerEnrolment}/quizzes/${quiz.id}`);
    await page.getByRole('button', { name: 'Start the quiz' }).click();
    const questions = page.locator('fieldset.question');
    await questions.first().waitFor();
    for (let i = 0; i < (await questions.count()); i++) {
      const prompt = (await questions.nth(i).locator('.question-prompt').innerText()).trim();
      for (const text of correct.get(prompt) ?? []) await questions.nth(i).getByLabel(text, { exact: true }).check();
    }
    await page.getByRole('button', { name: 'Submit my answers' }).click();
    await page.getByRole('heading', { level: 2, name: 'Passed' }).waitFor();
    await page.evaluate('window.scrollTo(0, 0)');
    await shoot(page, 'quiz-result');
    await context.close();
  }, 60_000);

  it('certificate verification page', async () => {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${h.baseUrl}/verify/${encodeURIComponent(finishedCode)}`);
    await page.getByRole('heading', { level: 1, name: 'Valid certificate' }).waitFor();
    await shoot(page, 'certificate-verification', true);
    await context.close();
  }, 30_000);

  it('cohort dashboard and course builder', async () => {
    const managerContext = await signedInContext(h, manager.id, { width: 1280, height: 1000 });
    const page = await managerContext.newPage();
    await page.goto(`${h.baseUrl}/manage/organizations/${organizationId}/cohorts/${cohortId}`);
    await page.locator('dl.stats').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Completion funnel' }).waitFor();
    await shoot(page, 'cohort-dashboard', true);
    await managerContext.close();

    const authorContext = await signedInContext(h, author.id, { width: 1280, height: 1000 });
    const builder = await authorContext.newPage();
    await builder.goto(`${h.baseUrl}/author/courses/${courseId}`);
    await builder.getByRole('heading', { level: 2, name: 'Modules, lessons and quizzes' }).waitFor();
    await settled(builder);
    // The structure (modules, lessons, quizzes) is what the builder is about: start the picture there.
    await builder.evaluate(`window.scrollTo(0, document.getElementById('structure-heading').getBoundingClientRect().top + window.scrollY - 100)`);
    await shoot(builder, 'course-builder');
    await authorContext.close();
  }, 60_000);

  it('wrote every screenshot the README shows', () => {
    for (const name of ['learner-home', 'course-player', 'quiz-result', 'certificate-verification', 'cohort-dashboard', 'course-builder']) {
      const file = join(OUT, `${name}.png`);
      expect(existsSync(file) && statSync(file).size > 10_000).toBe(true);
    }
  });
});
