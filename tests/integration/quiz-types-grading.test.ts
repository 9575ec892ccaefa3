import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * Issue 22, point 5: every question kind graded on the server over HTTP, the question bank's
 * draws, the time limit, per-option feedback, and the rule that nothing that gives an answer
 * away (correct flags, matches' pairing, accepted answers, tags, feedback) leaves the server
 * before the submission.
 */
describe('quiz question types', () => {
  let t: TestApp;
  let author: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
  });
  afterAll(async () => {
    await t.close();
  });

  const questions = [
    {
      prompt: 'Which gesture is kind?', kind: 'single', feedback: 'Small gestures count.',
      options: [{ text: 'Holding the door', correct: true, feedback: 'Yes, a small gesture.' }, { text: 'Ignoring', correct: false, feedback: 'SECRET-WRONG-FEEDBACK' }],
    },
    { prompt: 'Which help a tired team?', kind: 'multiple', options: [{ text: 'A check-in', correct: true }, { text: 'Thanks', correct: true }, { text: 'Blame', correct: false }] },
    { prompt: 'Kindness can be trained.', kind: 'true-false', options: [{ text: 'True', correct: true }, { text: 'False', correct: false }] },
    { prompt: 'Put the steps in order', kind: 'ordering', options: [{ text: 'Notice' }, { text: 'Feel' }, { text: 'Act' }] },
    {
      prompt: 'Match the words', kind: 'matching',
      options: [{ text: 'Empathy', match: 'SECRET-MATCH-feeling with' }, { text: 'Compassion', match: 'wishing to help' }, { text: 'Pity', match: 'feeling for' }],
    },
    { prompt: 'Kindness towards oneself is called…', kind: 'short-text', acceptedAnswers: ['Selbstmitgefühl', 'SECRET-ACCEPTED self-compassion'], tags: ['SECRET-TAG'] },
  ];

  async function publishedQuiz(extra: Record<string, unknown> = {}, qs: unknown[] = questions) {
    const course = await t.http.post('/api/courses').set('Authorization', author.auth)
      .send({ title: 'Quiz types', locale: 'en', selfEnrolment: true }).expect(201);
    const courseId = course.body.id as string;
    const mod = await t.http.post(`/api/courses/${courseId}/modules`).set('Authorization', author.auth).send({ title: 'M' }).expect(201);
    await t.http.post(`/api/modules/${mod.body.id}/lessons`).set('Authorization', author.auth).send({ title: 'L', body: 'Hello' }).expect(201);
    const quiz = await t.http.post(`/api/modules/${mod.body.id}/quizzes`).set('Authorization', author.auth)
      .send({ title: 'Q', passMark: 50, questions: qs, ...extra });
    expect(quiz.status).toBe(201);
    const authorView = await t.http.get(`/api/quizzes/${quiz.body.id}`).set('Authorization', author.auth).expect(200);
    await t.http.post(`/api/courses/${courseId}/publish`).set('Authorization', author.auth).expect(200);
    const outline = await t.http.get(`/api/courses/${courseId}`).set('Authorization', author.auth).expect(200);
    const quizId = outline.body.modules[0].quizzes[0].id as string;
    const learner = await createUser(t);
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
    return { courseId, quizId, authorView: authorView.body, learner, enrolmentId: enrolment.body.id as string };
  }

  type View = { id: string; kind: string; prompt: string; options: { id: string; text: string }[]; choices?: { id: string; text: string }[] };

  /** The right answer to each presented question, worked out from the texts the learner sees. */
  function rightAnswers(view: View[]) {
    return view.map((q) => {
      const byText = (text: string) => q.options.find((o) => o.text === text)!.id;
      switch (q.kind) {
        case 'single': return { questionId: q.id, optionIds: [byText('Holding the door')] };
        case 'multiple': return { questionId: q.id, optionIds: [byText('Thanks'), byText('A check-in')] };
        case 'true-false': return { questionId: q.id, optionIds: [byText('True')] };
        case 'ordering': return { questionId: q.id, optionIds: ['Notice', 'Feel', 'Act'].map(byText) };
        case 'matching': {
          const choice = (text: string) => q.choices!.find((c) => c.text === text)!.id;
          return {
            questionId: q.id,
            pairs: [
              { optionId: byText('Empathy'), choiceId: choice('SECRET-MATCH-feeling with') },
              { optionId: byText('Compassion'), choiceId: choice('wishing to help') },
              { optionId: byText('Pity'), choiceId: choice('feeling for') },
            ],
          };
        }
        default: return { questionId: q.id, text: '  SELBSTMITGEFU\u0308HL  ' }; // decomposed ü, other case, spaces
      }
    });
  }

  it('lets the author write every kind and reads it back', async () => {
    const { authorView } = await publishedQuiz();
    expect(authorView.questions.map((q: { kind: string }) => q.kind)).toEqual(['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text']);
    expect(authorView.questions[4].options[0]).toMatchObject({ text: 'Empathy', match: 'SECRET-MATCH-feeling with' });
    expect(authorView.questions[5].acceptedAnswers).toEqual(['Selbstmitgefühl', 'SECRET-ACCEPTED self-compassion']);
    expect(authorView.questions[0].options[1].feedback).toBe('SECRET-WRONG-FEEDBACK');
  });

  it('refuses questions that cannot be graded, naming them', async () => {
    const course = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: 'Bad', locale: 'en' }).expect(201);
    const mod = await t.http.post(`/api/courses/${course.body.id}/modules`).set('Authorization', author.auth).send({ title: 'M' }).expect(201);
    const bad = await t.http.post(`/api/modules/${mod.body.id}/quizzes`).set('Authorization', author.auth).send({
      title: 'Q', passMark: 50, draws: [{ count: 3, tag: 'x' }],
      questions: [
        { prompt: 'Match', kind: 'matching', options: [{ text: 'A', match: 'x' }, { text: 'B' }] },
        { prompt: 'Type', kind: 'short-text', acceptedAnswers: [] },
        { prompt: 'TF', kind: 'true-false', options: [{ text: 'T', correct: true }, { text: 'F', correct: true }] },
      ],
    }).expect(400);
    expect(bad.body.message).toEqual([
      'question 1 ("Match"): option 2 has no match',
      'question 2 ("Type"): a short-text question needs at least one accepted answer',
      'question 3 ("TF"): true/false question has 2 correct options',
    ]);
    const badDraw = await t.http.post(`/api/modules/${mod.body.id}/quizzes`).set('Authorization', author.auth)
      .send({ title: 'Q', passMark: 50, draws: [{ count: 3, tag: 'x' }], questions: questions.slice(0, 2) }).expect(400);
    expect(badDraw.body.message).toEqual(['draw 1: asks for 3 questions tagged "x" but only 0 are left to draw from']);
  });

  it('grades every kind right, with no answer leaking before the submission', async () => {
    const { quizId, learner, enrolmentId } = await publishedQuiz();
    const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    const raw = JSON.stringify(start.body);
    for (const secret of ['"correct"', 'SECRET-WRONG-FEEDBACK', 'SECRET-ACCEPTED', 'SECRET-TAG', 'acceptedAnswers', 'matchId', '"match"', 'feedback', 'Small gestures']) {
      expect(raw).not.toContain(secret);
    }
    const view = start.body.questions as View[];
    const ordering = view.find((q) => q.kind === 'ordering')!;
    expect(ordering.options.map((o) => o.text)).not.toEqual(['Notice', 'Feel', 'Act']);
    const matching = view.find((q) => q.kind === 'matching')!;
    expect(matching.choices!.map((c) => c.text).sort()).toEqual(['SECRET-MATCH-feeling with', 'feeling for', 'wishing to help']);
    // the choices carry their own ids: nothing pairs them with an option before the submission
    const optionIds = new Set(matching.options.map((o) => o.id));
    expect(matching.choices!.some((c) => optionIds.has(c.id))).toBe(false);
    // a reload shows the same
    const again = await t.http.get(`/api/attempts/${start.body.id}`).set('Authorization', learner.auth).expect(200);
    expect(again.body.questions).toEqual(view);

    const result = await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth)
      .send({ answers: rightAnswers(view) }).expect(200);
    expect(result.body).toMatchObject({ scorePercent: 100, passed: true, expired: false, answersRevealed: true });
    expect(result.body.review.map((r: { correct: boolean }) => r.correct)).toEqual([true, true, true, true, true, true]);
    const single = result.body.review.find((r: { kind: string }) => r.kind === 'single');
    expect(single.feedback).toBe('Small gestures count.');
    expect(single.options.find((o: { chosen: boolean }) => o.chosen).feedback).toBe('Yes, a small gesture.');
    expect(single.options.find((o: { chosen: boolean }) => !o.chosen).feedback).toBeNull();
  });

  it('grades every kind wrong when the answer is wrong, and reveals nothing while attempts are left', async () => {
    const { quizId, learner, enrolmentId } = await publishedQuiz({ maxAttempts: 3 });
    const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    const view = start.body.questions as View[];
    const wrong = rightAnswers(view).map((a) => {
      const q = view.find((x) => x.id === a.questionId)!;
      if (q.kind === 'ordering') return { ...a, optionIds: [...a.optionIds!].reverse() };
      if (q.kind === 'matching') return { ...a, pairs: a.pairs!.map((p, i, all) => ({ ...p, choiceId: all[(i + 1) % all.length]!.choiceId })) };
      if (q.kind === 'short-text') return { questionId: a.questionId, text: 'self-compassion' };
      if (q.kind === 'multiple') return { ...a, optionIds: a.optionIds!.slice(0, 1) };
      return { ...a, optionIds: q.options.filter((o) => !a.optionIds!.includes(o.id)).slice(0, 1).map((o) => o.id) };
    });
    const result = await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth)
      .send({ answers: wrong }).expect(200);
    expect(result.body).toMatchObject({ scorePercent: 0, passed: false, answersRevealed: false });
    expect(result.body.review.map((r: { correct: boolean }) => r.correct)).toEqual([false, false, false, false, false, false]);
    const raw = JSON.stringify(result.body);
    expect(raw).not.toContain('SECRET-ACCEPTED');
    expect(raw).not.toContain('"correct":true');
    const short = result.body.review.find((r: { kind: string }) => r.kind === 'short-text');
    expect(short).toMatchObject({ text: 'self-compassion', acceptedAnswers: null });
    const single = result.body.review.find((r: { kind: string }) => r.kind === 'single');
    expect(single.options.find((o: { chosen: boolean }) => o.chosen).feedback).toBe('SECRET-WRONG-FEEDBACK');
  });

  it('refuses answers of the wrong shape for the kind', async () => {
    const { quizId, learner, enrolmentId } = await publishedQuiz();
    const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    const view = start.body.questions as View[];
    const ordering = view.find((q) => q.kind === 'ordering')!;
    const short = view.find((q) => q.kind === 'short-text')!;
    const bad = await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({
      answers: [{ questionId: ordering.id, optionIds: [ordering.options[0]!.id] }, { questionId: short.id, optionIds: [ordering.options[0]!.id] }],
    }).expect(400);
    expect(bad.body.message).toEqual([
      `answer 1: question "${ordering.id}" is an ordering; give every one of its 3 options once, in your order`,
      `answer 2: question "${short.id}" is answered with text, not options`,
    ]);
  });

  it('draws the asked number of questions per attempt from the bank, by tag', async () => {
    const bank = [
      ...['A1', 'A2', 'A3'].map((p) => ({ prompt: p, kind: 'true-false', tags: ['a'], options: [{ text: 'T', correct: true }, { text: 'F', correct: false }] })),
      ...['B1', 'B2', 'B3', 'B4'].map((p) => ({ prompt: p, kind: 'true-false', options: [{ text: 'T', correct: true }, { text: 'F', correct: false }] })),
    ];
    const { quizId, learner, enrolmentId } = await publishedQuiz({ draws: [{ count: 1, tag: 'a' }, { count: 2 }], maxAttempts: null }, bank);
    const drawn = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
      const prompts = (start.body.questions as View[]).map((q) => q.prompt);
      expect(prompts).toHaveLength(3);
      expect(prompts.filter((p) => p.startsWith('A')).length).toBeGreaterThanOrEqual(1);
      prompts.forEach((p) => drawn.add(p));
      const answers = (start.body.questions as View[]).map((q) => ({ questionId: q.id, optionIds: [q.options.find((o) => o.text === 'T')!.id] }));
      const result = await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth).send({ answers }).expect(200);
      // the score counts only the drawn questions
      expect(result.body.scorePercent).toBe(100);
      expect(result.body.review).toHaveLength(3);
    }
    expect(drawn.size).toBeGreaterThan(3);
  });

  it('grades a submission after the time limit as expired', async () => {
    const { quizId, learner, enrolmentId } = await publishedQuiz({ timeLimitMinutes: 5, maxAttempts: 2 });
    const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    expect(Date.parse(start.body.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    // the attempt started 6 minutes ago (more than the limit and its 30 s of grace)
    await t.db.query(`UPDATE quiz_attempts SET started_at = now() - interval '6 minutes' WHERE id = $1`, [start.body.id]);
    const result = await t.http.post(`/api/attempts/${start.body.id}/submission`).set('Authorization', learner.auth)
      .send({ answers: rightAnswers(start.body.questions as View[]) }).expect(200);
    expect(result.body).toMatchObject({ scorePercent: 0, passed: false, expired: true, attemptsLeft: 1 });
    const stored = await t.db.query(`SELECT expired, score_percent FROM quiz_attempts WHERE id = $1`, [start.body.id]);
    expect(stored[0]).toMatchObject({ expired: true, score_percent: '0.00' });
    const later = await t.http.get(`/api/attempts/${start.body.id}`).set('Authorization', learner.auth).expect(200);
    expect(later.body).toMatchObject({ expired: true, passed: false });
    // within the limit: graded normally
    const second = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
    const ok = await t.http.post(`/api/attempts/${second.body.id}/submission`).set('Authorization', learner.auth)
      .send({ answers: rightAnswers(second.body.questions as View[]) }).expect(200);
    expect(ok.body).toMatchObject({ scorePercent: 100, passed: true, expired: false });
  });
});
