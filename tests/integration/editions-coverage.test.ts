import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * Issue 22 point 6: an edition covers every text a learner reads — option feedback, matching
 * pairs, ordering items, accepted short answers, the video's text alternative and the question
 * bank. The missing list names each, the edition's save fills each (so the list reaches zero),
 * and the learner of that language reads (and is graded in) each.
 */
describe('editions cover every text a learner reads', () => {
  let t: TestApp;
  let author: TestUser;
  let courseId: string;
  let lessonId: string;
  let quizId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    const a = (method: 'post' | 'put', path: string, body?: object) => t.http[method](path).set('Authorization', author.auth).send(body);
    courseId = (await a('post', '/api/courses', { title: 'Listening', summary: 'Listen well.', locale: 'en', selfEnrolment: true }).expect(201)).body.id;
    const moduleId = (await a('post', `/api/courses/${courseId}/modules`, { title: 'Basics' }).expect(201)).body.id as string;
    lessonId = (await a('post', `/api/modules/${moduleId}/lessons`, {
      title: 'Watch', body: 'Watch this.', videoUrl: 'https://vimeo.com/123456', videoText: 'A nurse listens.',
    }).expect(201)).body.id;
    await a('put', `/api/courses/${courseId}/question-bank`, {
      questions: [
        { prompt: 'Bank: one word for listening with care?', kind: 'short-text', acceptedAnswers: ['attention'], tags: ['care'] },
        {
          prompt: 'Bank: first step?', kind: 'single', tags: ['care'],
          options: [{ text: 'Listen', correct: true, feedback: 'Yes, listen first.' }, { text: 'Advise', correct: false }],
        },
      ],
    }).expect(200);
    quizId = (await a('post', `/api/modules/${moduleId}/quizzes`, {
      title: 'Check', passMark: 100, maxAttempts: 5, draws: [{ count: 2, tag: 'care', from: 'bank' }],
      questions: [
        { prompt: 'Kind?', kind: 'single', options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false, feedback: 'It is kind.' }] },
        { prompt: 'Match', kind: 'matching', options: [{ text: 'Empathy', match: 'feeling with' }, { text: 'Compassion', match: 'wishing to help' }] },
        { prompt: 'Order', kind: 'ordering', options: [{ text: 'Notice' }, { text: 'Act' }] },
        { prompt: 'Word?', kind: 'short-text', acceptedAnswers: ['kindness'] },
      ],
    }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const fields = (missing: { kind: string; id: string; field: string }[]) => missing.map((m) => `${m.kind}:${m.id === courseId ? 'course' : m.id === lessonId ? 'lesson' : m.id === quizId ? 'quiz' : m.id}:${m.field}`);

  it('lists every missing text, saves each, and the learner reads and is graded in the edition', async () => {
    const get = () => t.http.get(`/api/courses/${courseId}/editions/it`).set('Authorization', author.auth).expect(200);
    const before = await get();
    expect(fields(before.body.missing)).toEqual([
      'course:course:title', 'course:course:summary',
      expect.stringMatching(/^module:.*:title$/),
      'lesson:lesson:title', 'lesson:lesson:body', 'lesson:lesson:videoText',
      'quiz:quiz:title',
      'quiz:quiz:questions.0.prompt', 'quiz:quiz:questions.0.options.0', 'quiz:quiz:questions.0.options.1', 'quiz:quiz:questions.0.options.1.feedback',
      'quiz:quiz:questions.1.prompt', 'quiz:quiz:questions.1.options.0', 'quiz:quiz:questions.1.options.0.match',
      'quiz:quiz:questions.1.options.1', 'quiz:quiz:questions.1.options.1.match',
      'quiz:quiz:questions.2.prompt', 'quiz:quiz:questions.2.options.0', 'quiz:quiz:questions.2.options.1',
      'quiz:quiz:questions.3.prompt', 'quiz:quiz:questions.3.acceptedAnswers',
      'bank:course:questions.0.prompt', 'bank:course:questions.0.acceptedAnswers',
      'bank:course:questions.1.prompt', 'bank:course:questions.1.options.0', 'bank:course:questions.1.options.0.feedback', 'bank:course:questions.1.options.1',
    ]);
    const overview = await t.http.get(`/api/courses/${courseId}/editions`).set('Authorization', author.auth).expect(200);
    expect(overview.body.editions.find((e: { locale: string }) => e.locale === 'it')).toMatchObject({ missing: 27, total: 27 });
    // the side-by-side view carries every one of them
    const quiz = before.body.quizzes[0];
    expect(before.body.lessons[0].videoText).toEqual({ source: 'A nurse listens.', text: null });
    expect(quiz.questions[0].optionFeedback).toEqual([{ option: 1, source: 'It is kind.', text: null }]);
    expect(quiz.questions[1].matches).toEqual([{ source: 'feeling with', text: null }, { source: 'wishing to help', text: null }]);
    expect(quiz.questions[2].options.map((o: { source: string }) => o.source)).toEqual(['Notice', 'Act']);
    expect(quiz.questions[3].acceptedAnswers).toEqual({ source: ['kindness'], text: null });
    expect(before.body.bank.questions.map((q: { prompt: { source: string } }) => q.prompt.source)).toEqual(['Bank: one word for listening with care?', 'Bank: first step?']);

    // a bank edition that does not fit the bank is refused, naming it
    const wrong = await t.http.put(`/api/courses/${courseId}/editions/it`).set('Authorization', author.auth).send({ bank: { questions: [{ prompt: 'x' }] } }).expect(400);
    expect(wrong.body.message).toBe('the question bank has 2 questions; the edition sends 1');
    const wrongFeedback = await t.http.put(`/api/courses/${courseId}/editions/it`).set('Authorization', author.auth)
      .send({ quizzes: [{ id: quizId, questions: [{ optionFeedback: ['a'] }, {}, {}, {}] }] }).expect(400);
    expect(wrongFeedback.body.message).toBe('quiz "Check", question 1: it has 2 options; the edition sends 1');

    await t.http.put(`/api/courses/${courseId}/editions/it`).set('Authorization', author.auth).send({
      course: { title: 'Ascoltare', summary: 'Ascoltare bene.' },
      modules: [{ id: before.body.modules[0].id, title: 'Basi' }],
      lessons: [{ id: lessonId, title: 'Guarda', body: 'Guarda questo.', videoText: 'Un’infermiera ascolta.' }],
      quizzes: [{
        id: quizId, title: 'Verifica',
        questions: [
          { prompt: 'Gentile?', options: ['Sì', 'No'], optionFeedback: ['', 'È gentile.'] },
          { prompt: 'Abbina', options: ['Empatia', 'Compassione'], matches: ['sentire con', 'voler aiutare'] },
          { prompt: 'Ordina', options: ['Notare', 'Agire'] },
          { prompt: 'Parola?', acceptedAnswers: ['gentilezza'] },
        ],
      }],
      bank: {
        questions: [
          { prompt: 'Banca: una parola per ascoltare con cura?', acceptedAnswers: ['attenzione'] },
          { prompt: 'Banca: primo passo?', options: ['Ascoltare', 'Consigliare'], optionFeedback: ['Sì, prima ascoltare.', ''] },
        ],
      },
    }).expect(200);
    const after = await get();
    expect(after.body.missing).toEqual([]);
    expect(after.body.bank.questions[1].optionFeedback).toEqual([{ option: 0, source: 'Yes, listen first.', text: 'Sì, prima ascoltare.' }]);
    expect(after.body.quizzes[0].questions[3].acceptedAnswers).toEqual({ source: ['kindness'], text: ['gentilezza'] });
    const overviewAfter = await t.http.get(`/api/courses/${courseId}/editions`).set('Authorization', author.auth).expect(200);
    expect(overviewAfter.body.editions.find((e: { locale: string }) => e.locale === 'it')).toMatchObject({ missing: 0, total: 27 });

    // the learner of that language
    await t.http.post(`/api/courses/${courseId}/publish`).set('Authorization', author.auth).expect(200);
    const published = await t.http.get(`/api/courses/${courseId}`).set('Authorization', author.auth).expect(200);
    const learner = await createUser(t, { locale: 'it' });
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
    const lesson = await t.http.get(`/api/lessons/${published.body.modules[0].lessons[0].id}`).set('Authorization', learner.auth).expect(200);
    expect(lesson.body.videoText).toBe('Un’infermiera ascolta.');
    const attempt = await t.http.post(`/api/enrolments/${enrolment.body.id}/quizzes/${published.body.modules[0].quizzes[0].id}/attempts`)
      .set('Authorization', learner.auth).expect(201);
    type Q = { id: string; prompt: string; kind: string; options: { id: string; text: string }[]; choices?: { id: string; text: string }[] };
    const qs = attempt.body.questions as Q[];
    const by = (prompt: string) => qs.find((q) => q.prompt === prompt)!;
    expect(qs.map((q) => q.prompt).sort()).toEqual(['Abbina', 'Banca: primo passo?', 'Banca: una parola per ascoltare con cura?', 'Gentile?', 'Ordina', 'Parola?']);
    expect(by('Abbina').choices!.map((c) => c.text).sort()).toEqual(['sentire con', 'voler aiutare']);
    expect(by('Ordina').options.map((o) => o.text).sort()).toEqual(['Agire', 'Notare']);
    const opt = (q: Q, text: string) => q.options.find((o) => o.text === text)!.id;
    const choice = (q: Q, text: string) => q.choices!.find((c) => c.text === text)!.id;
    const result = await t.http.post(`/api/attempts/${attempt.body.id}/submission`).set('Authorization', learner.auth).send({
      answers: [
        { questionId: by('Gentile?').id, optionIds: [opt(by('Gentile?'), 'No')] },
        { questionId: by('Abbina').id, pairs: [
          { optionId: opt(by('Abbina'), 'Empatia'), choiceId: choice(by('Abbina'), 'sentire con') },
          { optionId: opt(by('Abbina'), 'Compassione'), choiceId: choice(by('Abbina'), 'voler aiutare') },
        ] },
        { questionId: by('Ordina').id, optionIds: [opt(by('Ordina'), 'Notare'), opt(by('Ordina'), 'Agire')] },
        { questionId: by('Parola?').id, text: 'Gentilezza' },
        { questionId: by('Banca: una parola per ascoltare con cura?').id, text: 'attenzione' },
        { questionId: by('Banca: primo passo?').id, optionIds: [opt(by('Banca: primo passo?'), 'Ascoltare')] },
      ],
    }).expect(200);
    const review = result.body.review as { prompt: string; correct: boolean; options: { text: string; feedback: string | null }[] }[];
    expect(Object.fromEntries(review.map((r) => [r.prompt, r.correct]))).toEqual({
      'Gentile?': false, Abbina: true, Ordina: true, 'Parola?': true, 'Banca: una parola per ascoltare con cura?': true, 'Banca: primo passo?': true,
    });
    expect(review.find((r) => r.prompt === 'Gentile?')!.options.find((o) => o.text === 'No')!.feedback).toBe('È gentile.');
    expect(review.find((r) => r.prompt === 'Banca: primo passo?')!.options.find((o) => o.text === 'Ascoltare')!.feedback).toBe('Sì, prima ascoltare.');
  });
});
