import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * A language edition's question texts belong to questions, not to positions. An author who
 * removes, inserts or moves questions (or an ordering question's options) and saves the quiz or
 * the question bank must not leave the Italian prompt of one question on another, with the
 * other's options and correct flags: the texts follow their questions, and a new question has
 * none until it is translated (the edition lists it as missing; learners read the default text).
 */
describe('edition texts follow their questions when the author edits a quiz or the bank', () => {
  let t: TestApp;
  let author: TestUser;
  let courseId: string;
  let quizId: string;
  type Pair = { source: string; text: string | null };
  type EditionQuestion = { prompt: Pair; options: Pair[] };
  const a = (method: 'get' | 'post' | 'put' | 'patch', path: string, body?: object) => t.http[method](path).set('Authorization', author.auth).send(body);
  const edition = async () => (await a('get', `/api/courses/${courseId}/editions/it`).expect(200)).body as {
    quizzes: { id: string; questions: EditionQuestion[] }[];
    bank: { questions: EditionQuestion[] };
    missing: { kind: string; field: string }[];
  };
  const shown = (q: EditionQuestion) => [q.prompt.source, q.prompt.text, ...q.options.map((o) => `${o.source}=${o.text}`)];

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    courseId = (await a('post', '/api/courses', { title: 'Kind words', locale: 'en', selfEnrolment: true }).expect(201)).body.id;
    const moduleId = (await a('post', `/api/courses/${courseId}/modules`, { title: 'Words' }).expect(201)).body.id as string;
    await a('post', `/api/modules/${moduleId}/lessons`, { title: 'Read', body: 'Hello' }).expect(201);
    quizId = (await a('post', `/api/modules/${moduleId}/quizzes`, {
      title: 'Words', passMark: 100, maxAttempts: 10,
      questions: [
        { prompt: 'Greeting?', kind: 'single', options: [{ text: 'Hello', correct: true }, { text: 'Go away', correct: false }] },
        { prompt: 'Thanks?', kind: 'single', options: [{ text: 'Thank you', correct: true }, { text: 'Whatever', correct: false }] },
        { prompt: 'In order', kind: 'ordering', options: [{ text: 'Listen' }, { text: 'Ask' }, { text: 'Help' }] },
      ],
    }).expect(201)).body.id;
    await a('put', `/api/courses/${courseId}/question-bank`, {
      questions: [
        { prompt: 'Bank: first?', kind: 'single', options: [{ text: 'Listen', correct: true }, { text: 'Talk', correct: false }] },
        { prompt: 'Bank: second?', kind: 'single', options: [{ text: 'Smile', correct: true }, { text: 'Frown', correct: false }] },
      ],
    }).expect(200);
    await a('put', `/api/courses/${courseId}/editions/it`, {
      quizzes: [{
        id: quizId, title: 'Parole',
        questions: [
          { prompt: 'Saluto?', options: ['Ciao', 'Vattene'] },
          { prompt: 'Grazie?', options: ['Grazie', 'Fa lo stesso'] },
          { prompt: 'In ordine', options: ['Ascoltare', 'Chiedere', 'Aiutare'] },
        ],
      }],
      bank: { questions: [{ prompt: 'Banca: primo?', options: ['Ascoltare', 'Parlare'] }, { prompt: 'Banca: secondo?', options: ['Sorridere', 'Accigliarsi'] }] },
    }).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('moves, drops and leaves untranslated what the editor sent back by id', async () => {
    const quiz = (await a('get', `/api/quizzes/${quizId}`).expect(200)).body as { questions: { id: string; prompt: string; options: { id: string; text: string }[] }[] };
    const [greeting, thanks, order] = quiz.questions;
    const saved = await a('patch', `/api/quizzes/${quizId}`, {
      title: 'Words', passMark: 100, maxAttempts: 10,
      questions: [
        // the ordering question first, its last two steps swapped
        { id: order!.id, prompt: 'In order', kind: 'ordering', options: [order!.options[0], order!.options[2], order!.options[1]].map((o) => ({ id: o!.id, text: o!.text })) },
        // a new question
        { prompt: 'Apology?', kind: 'single', options: [{ text: 'Sorry', correct: true }, { text: 'Not my fault', correct: false }] },
        // the greeting, its prompt corrected: it keeps its id and its translation
        { id: greeting!.id, prompt: 'A greeting?', kind: 'single', options: greeting!.options.map((o, i) => ({ id: o.id, text: o.text, correct: i === 0 })) },
        // "Thanks?" is removed
      ],
    }).expect(200);
    expect(saved.body.questions.map((q: { id: string }) => q.id)).toEqual([order!.id, expect.any(String), greeting!.id]);
    expect(saved.body.questions[1].id).not.toBe(thanks!.id);

    const it = (await edition()).quizzes.find((q) => q.id === quizId)!;
    expect(it.questions.map(shown)).toEqual([
      ['In order', 'In ordine', 'Listen=Ascoltare', 'Help=Aiutare', 'Ask=Chiedere'],
      ['Apology?', null, 'Sorry=null', 'Not my fault=null'],
      ['A greeting?', 'Saluto?', 'Hello=Ciao', 'Go away=Vattene'],
    ]);
    // the new question is listed as missing, nothing else of the quiz is
    expect((await edition()).missing.filter((m) => m.kind === 'quiz').map((m) => m.field).sort())
      .toEqual(['questions.1.options.0', 'questions.1.options.1', 'questions.1.prompt']);
  });

  it('follows questions by their prompt when a client sends no ids', async () => {
    const saved = await a('patch', `/api/quizzes/${quizId}`, {
      title: 'Words', passMark: 100, maxAttempts: 10,
      questions: [
        { prompt: 'A greeting?', kind: 'single', options: [{ text: 'Go away', correct: false }, { text: 'Hello', correct: true }] },
        { prompt: 'In order', kind: 'ordering', options: [{ text: 'Listen' }, { text: 'Help' }, { text: 'Ask' }] },
      ],
    }).expect(200);
    expect(saved.body.questions).toHaveLength(2);
    const it = (await edition()).quizzes.find((q) => q.id === quizId)!;
    expect(it.questions.map(shown)).toEqual([
      ['A greeting?', 'Saluto?', 'Go away=Vattene', 'Hello=Ciao'],
      ['In order', 'In ordine', 'Listen=Ascoltare', 'Help=Aiutare', 'Ask=Chiedere'],
    ]);
  });

  it('does the same for the question bank, and a learner reads each question with its own translation', async () => {
    const bank = (await a('get', `/api/courses/${courseId}/question-bank`).expect(200)).body as { questions: { id: string; prompt: string; options: { id: string; text: string; correct: boolean }[] }[] };
    await a('put', `/api/courses/${courseId}/question-bank`, {
      questions: [...bank.questions].reverse().map((q) => ({ id: q.id, prompt: q.prompt, kind: 'single', options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct })) })),
    }).expect(200);
    expect((await edition()).bank.questions.map(shown)).toEqual([
      ['Bank: second?', 'Banca: secondo?', 'Smile=Sorridere', 'Frown=Accigliarsi'],
      ['Bank: first?', 'Banca: primo?', 'Listen=Ascoltare', 'Talk=Parlare'],
    ]);

    // published, an Italian learner sees every question with its own options
    await a('post', `/api/courses/${courseId}/publish`).expect(200);
    const published = (await a('get', `/api/courses/${courseId}`).expect(200)).body;
    const learner = await createUser(t, { locale: 'it' });
    const enrolment = await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201);
    const attempt = await t.http.post(`/api/enrolments/${enrolment.body.id}/quizzes/${published.modules[0].quizzes[0].id}/attempts`)
      .set('Authorization', learner.auth).expect(201);
    const seen = (attempt.body.questions as { prompt: string; options: { text: string }[] }[]).map((q) => `${q.prompt} ${q.options.map((o) => o.text).sort().join('/')}`).sort();
    expect(seen).toEqual(['In ordine Aiutare/Ascoltare/Chiedere', 'Saluto? Ciao/Vattene']);
  });
});
