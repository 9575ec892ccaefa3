import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * Issue 22, points 1 and 5 over HTTP: publishing refuses a lesson whose video has no text
 * alternative (named, in the author's language), and the course's question bank: quizzes draw
 * N questions with a tag per attempt on the server, the attempt never carries the answers,
 * grading is right, and a draw larger than the bank is refused naming the quiz.
 */
describe('video text alternative and question bank', () => {
  let t: TestApp;
  let author: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const as = (user: TestUser) => ({
    get: (path: string) => t.http.get(path).set('Authorization', user.auth),
    post: (path: string, body?: object) => t.http.post(path).set('Authorization', user.auth).send(body),
    put: (path: string, body?: object) => t.http.put(path).set('Authorization', user.auth).send(body),
    patch: (path: string, body?: object) => t.http.patch(path).set('Authorization', user.auth).send(body),
  });

  async function course(title: string) {
    const c = await as(author).post('/api/courses', { title, locale: 'en', selfEnrolment: true }).expect(201);
    const m = await as(author).post(`/api/courses/${c.body.id}/modules`, { title: 'M' }).expect(201);
    return { courseId: c.body.id as string, moduleId: m.body.id as string };
  }

  it('refuses to publish a lesson with a video and no text alternative, naming it, until the text is there', async () => {
    const { courseId, moduleId } = await course('Video course');
    const a = as(author);
    const l1 = await a.post(`/api/modules/${moduleId}/lessons`, { title: 'Watch this', body: 'x', videoUrl: 'https://vimeo.com/123456' }).expect(201);
    await a.post(`/api/modules/${moduleId}/lessons`, { title: 'And this', body: 'y', videoUrl: 'https://youtu.be/abcdefgh', videoText: '   ' }).expect(201);
    await a.post(`/api/modules/${moduleId}/lessons`, { title: 'No video', body: 'z' }).expect(201);
    const refused = await a.post(`/api/courses/${courseId}/publish`).expect(400);
    expect(refused.body.message).toEqual([
      'lesson "Watch this" has a video without a text alternative: add its transcript or description before publishing',
      'lesson "And this" has a video without a text alternative: add its transcript or description before publishing',
    ]);
    const german = await a.post(`/api/courses/${courseId}/publish`).set('Accept-Language', 'de').expect(400);
    expect(german.body.message[0]).toContain('die Lektion "Watch this" hat ein Video ohne Textalternative');
    // saving the draft without it is fine; the lesson carries the text once written
    const edited = await a.patch(`/api/lessons/${l1.body.id}`, { videoText: 'A nurse thanks a colleague.' }).expect(200);
    expect(edited.body.videoText).toBe('A nurse thanks a colleague.');
    const outline = await a.get(`/api/courses/${courseId}?version=draft`).expect(200);
    const second = outline.body.modules[0].lessons[1].id as string;
    await a.patch(`/api/lessons/${second}`, { videoText: 'Two people talk about listening.' }).expect(200);
    await a.post(`/api/courses/${courseId}/publish`).expect(200);
    // the text travels into the next draft with the lesson
    await a.patch(`/api/courses/${courseId}`, { summary: 'v2' }).expect(200);
    const draft = await a.get(`/api/courses/${courseId}?version=draft`).expect(200);
    const copied = await a.get(`/api/lessons/${draft.body.modules[0].lessons[0].id}`).expect(200);
    expect(copied.body.videoText).toBe('A nurse thanks a colleague.');
  });

  const bankQuestion = (n: number, tag: string) => ({
    prompt: `Bank ${tag} ${n}?`, kind: 'single', tags: [tag],
    options: [{ text: `right ${n}`, correct: true, feedback: 'SECRET-FEEDBACK' }, { text: `wrong ${n}`, correct: false }],
  });

  it('shows in the outline how many questions an attempt asks: own questions, own draws and bank draws', async () => {
    const { courseId, moduleId } = await course('Counting course');
    const a = as(author);
    await a.put(`/api/courses/${courseId}/question-bank`, { questions: [1, 2, 3, 4].map((n) => bankQuestion(n, 'care')).concat([bankQuestion(1, 'other')]) }).expect(200);
    const own = [bankQuestion(7, 'own'), bankQuestion(8, 'own')];
    const quizzes: [string, object, number][] = [
      ['Every own', { questions: own }, 2],
      ['Own and bank', { questions: own, draws: [{ count: 3, tag: 'care', from: 'bank' }] }, 5],
      ['Bank only', { questions: [], draws: [{ count: 2, from: 'bank' }, { count: 1, tag: 'other', from: 'bank' }] }, 3],
      ['Own draw and bank', { questions: own, draws: [{ count: 1 }, { count: 2, tag: 'care', from: 'bank' }] }, 3],
      ['Own draw only', { questions: own, draws: [{ count: 1, tag: 'own' }] }, 1],
    ];
    for (const [title, body] of quizzes) await a.post(`/api/modules/${moduleId}/quizzes`, { title, passMark: 50, ...body }).expect(201);
    const counts = (outline: { body: { modules: { quizzes: { title: string; questionCount: number }[] }[] } }) =>
      Object.fromEntries(outline.body.modules[0]!.quizzes.map((q) => [q.title, q.questionCount]));
    const expected = Object.fromEntries(quizzes.map(([title, , n]) => [title, n]));
    expect(counts(await a.get(`/api/courses/${courseId}?version=draft`).expect(200))).toEqual(expected);
    await a.post(`/api/modules/${moduleId}/lessons`, { title: 'L', body: 'Hello' }).expect(201);
    await a.post(`/api/courses/${courseId}/publish`).expect(200);
    expect(counts(await a.get(`/api/courses/${courseId}`).expect(200))).toEqual(expected);
    // and the count is what an attempt asks
    const learner = await createUser(t);
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
    const published = await a.get(`/api/courses/${courseId}`).expect(200);
    for (const quiz of published.body.modules[0].quizzes as { id: string; title: string }[]) {
      const attempt = await as(learner).post(`/api/enrolments/${enrolment.body.id}/quizzes/${quiz.id}/attempts`).expect(201);
      expect([quiz.title, attempt.body.questions.length]).toEqual([quiz.title, expected[quiz.title]]);
    }
  });

  it('draws N distinct bank questions with the tag per attempt, grades them and never sends the answers', async () => {
    const { courseId, moduleId } = await course('Bank course');
    const a = as(author);
    await a.post(`/api/modules/${moduleId}/lessons`, { title: 'L', body: 'Hello' }).expect(201);
    const bank = [1, 2, 3, 4, 5].map((n) => bankQuestion(n, 'care')).concat([1, 2].map((n) => bankQuestion(n, 'other')));
    const saved = await a.put(`/api/courses/${courseId}/question-bank`, { questions: bank }).expect(200);
    expect(saved.body.questions).toHaveLength(7);
    expect(saved.body.tags).toEqual(['care', 'other']);
    expect((await a.get(`/api/courses/${courseId}/question-bank`).expect(200)).body.questions[0].options[0].correct).toBe(true);

    // N larger than the pool: refused on save, naming the quiz
    const tooMany = await a.post(`/api/modules/${moduleId}/quizzes`, { title: 'Greedy', passMark: 50, questions: [], draws: [{ count: 6, tag: 'care', from: 'bank' }] }).expect(400);
    expect(tooMany.body.message).toEqual(['quiz "Greedy" draws 6 questions tagged "care" from the question bank, but the bank holds only 5 with that tag']);
    const quiz = await a.post(`/api/modules/${moduleId}/quizzes`, { title: 'Bank quiz', passMark: 100, questions: [], draws: [{ count: 3, tag: 'care', from: 'bank' }] }).expect(201);
    // shrinking the bank below a quiz's draw is refused too, naming the quiz
    const shrink = await a.put(`/api/courses/${courseId}/question-bank`, { questions: bank.slice(3) }).expect(400);
    expect(shrink.body.message).toEqual(['quiz "Bank quiz" draws 3 questions tagged "care" from the question bank, but the bank holds only 2 with that tag']);
    await a.post(`/api/courses/${courseId}/publish`).expect(200);

    const outline = await a.get(`/api/courses/${courseId}`).expect(200);
    const quizId = outline.body.modules[0].quizzes[0].id as string;
    expect(quizId).toBeDefined();
    expect(quiz.body.id).toBeDefined();
    const learner = await createUser(t);
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
    const l = as(learner);
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const attempt = await l.post(`/api/enrolments/${enrolment.body.id}/quizzes/${quizId}/attempts`).expect(201);
      const raw = JSON.stringify(attempt.body);
      expect(raw).not.toMatch(/correct|SECRET|"tags"|"bank"|"care"|bankIndex/);
      const qs = attempt.body.questions as { id: string; prompt: string; options: { id: string; text: string }[] }[];
      expect(qs).toHaveLength(3);
      expect(new Set(qs.map((q) => q.id)).size).toBe(3);
      for (const q of qs) {
        expect(q.prompt).toMatch(/^Bank care \d\?$/);
        seen.add(q.prompt);
      }
      // the attempt stores which questions it drew
      const [stored] = (await t.db.query(`SELECT presented FROM quiz_attempts WHERE id = $1`, [attempt.body.id])) as { presented: { questionId: string }[] }[];
      expect(stored!.presented.map((p) => p.questionId).sort()).toEqual(qs.map((q) => q.id).sort());
      // reloading the open attempt shows the same draw
      expect((await l.get(`/api/attempts/${attempt.body.id}`).expect(200)).body.questions.map((q: { id: string }) => q.id)).toEqual(qs.map((q) => q.id));
      const right = i % 2 === 0;
      const answers = qs.map((q) => ({ questionId: q.id, optionIds: [q.options.find((o) => o.text.startsWith(right ? 'right' : 'wrong'))!.id] }));
      const result = await l.post(`/api/attempts/${attempt.body.id}/submission`, { answers }).expect(200);
      expect(result.body.scorePercent).toBe(right ? 100 : 0);
      expect(result.body.passed).toBe(right);
    }
    expect(seen.size).toBeGreaterThan(3);

    // the published version keeps its bank: a new draft's bank edit does not touch it
    await a.put(`/api/courses/${courseId}/question-bank`, { questions: [1, 2, 3].map((n) => bankQuestion(n, 'care')) }).expect(200);
    const again = await l.post(`/api/enrolments/${enrolment.body.id}/quizzes/${quizId}/attempts`).expect(201);
    expect(again.body.questions).toHaveLength(3);
  });
});
