import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CertificatesRepository } from '@kindling/db';
import { startTestApp, type TestApp } from '../support/app.js';
import { createUser, type TestUser } from '../support/fixtures.js';

/**
 * Course language editions (issue #17 point 2) and the quiz review (point 4), through the real
 * API, PostgreSQL and Redis: an author writes a course in English and its German edition; a
 * German-speaking learner reads the outline, the lesson and the quiz in German, gets the
 * review with the author's German feedback, and the correct options only once the rule allows.
 */
describe('course editions and the quiz review', () => {
  let t: TestApp;
  let author: TestUser;
  let otherAuthor: TestUser;
  let courseId: string;
  let moduleId: string;
  let lessonId: string;
  let quizId: string;
  let strictQuizId: string;

  const finalQuiz = {
    title: 'Check your understanding',
    passMark: 100,
    maxAttempts: 2,
    questions: [
      {
        prompt: 'Is kindness a skill that can be practised?',
        kind: 'single',
        options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }],
        feedback: 'Kindness is a set of things people do: it can be learned.',
      },
      {
        prompt: 'Which are ingredients of kindness?',
        kind: 'multiple',
        options: [{ text: 'Attention', correct: true }, { text: 'Action', correct: true }, { text: 'Applause', correct: false }],
        feedback: 'Attention, intention and action.',
      },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    otherAuthor = await createUser(t, { platformRoles: ['author'] });
    const created = await t.http
      .post('/api/courses')
      .set('Authorization', author.auth)
      .send({ title: 'Kindness at work', summary: 'A short course on kindness.', locale: 'en', selfEnrolment: true })
      .expect(201);
    courseId = created.body.id;
    moduleId = (await t.http.post(`/api/courses/${courseId}/modules`).set('Authorization', author.auth).send({ title: 'Basics' }).expect(201)).body.id;
    lessonId = (
      await t.http
        .post(`/api/modules/${moduleId}/lessons`)
        .set('Authorization', author.auth)
        .send({ title: 'What kindness is', body: '## Kindness is a practice\n\nSome English text.', minutes: 5 })
        .expect(201)
    ).body.id;
    quizId = (await t.http.post(`/api/modules/${moduleId}/quizzes`).set('Authorization', author.auth).send(finalQuiz).expect(201)).body.id;
    strictQuizId = (
      await t.http
        .post(`/api/modules/${moduleId}/quizzes`)
        .set('Authorization', author.auth)
        .send({ ...finalQuiz, title: 'No answers shown', maxAttempts: 1, revealAnswers: 'never' })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const germanEdition = () => ({
    course: { title: 'Freundlichkeit bei der Arbeit', summary: 'Ein kurzer Kurs über Freundlichkeit.' },
    modules: [{ id: moduleId, title: 'Grundlagen' }],
    lessons: [{ id: lessonId, title: 'Was Freundlichkeit ist', body: '## Freundlichkeit ist eine Praxis\n\nEin deutscher Text.' }],
    quizzes: [quizId, strictQuizId].map((id) => ({
      id,
      title: id === quizId ? 'Prüfen Sie Ihr Verständnis' : 'Ohne Lösungen',
      questions: [
        {
          prompt: 'Ist Freundlichkeit eine Fähigkeit, die man üben kann?',
          options: ['Ja', 'Nein'],
          feedback: 'Freundlichkeit besteht aus Handlungen: Man kann sie lernen.',
        },
        {
          prompt: 'Was gehört zur Freundlichkeit?',
          options: ['Aufmerksamkeit', 'Handeln', 'Applaus'],
          feedback: 'Aufmerksamkeit, Absicht und Handeln.',
        },
      ],
    })),
  });

  it('shows the author which texts each language lacks, and takes an edition', async () => {
    const before = await t.http.get(`/api/courses/${courseId}/editions`).set('Authorization', author.auth).expect(200);
    expect(before.body.defaultLocale).toBe('en');
    expect(before.body.editions.map((e: { locale: string }) => e.locale)).toEqual(['en', 'it', 'de', 'fr']);
    const total = before.body.editions[0].total;
    // course title + summary, module, lesson title + body, 2 quizzes × (title + 2 × (prompt + feedback) + 5 options)
    expect(total).toBe(2 + 1 + 2 + 2 * (1 + 2 * 2 + 5));
    expect(before.body.editions.find((e: { locale: string }) => e.locale === 'de')).toEqual({ locale: 'de', isDefault: false, started: false, missing: total, total });

    const partial = await t.http
      .put(`/api/courses/${courseId}/editions/de`)
      .set('Authorization', author.auth)
      .send({ course: { title: 'Freundlichkeit bei der Arbeit' } })
      .expect(200);
    expect(partial.body.course.title).toEqual({ source: 'Kindness at work', text: 'Freundlichkeit bei der Arbeit' });
    expect(partial.body.course.summary).toEqual({ source: 'A short course on kindness.', text: null });
    expect(partial.body.missing).toContainEqual({ kind: 'course', id: courseId, field: 'summary' });
    expect(partial.body.missing).toContainEqual({ kind: 'quiz', id: quizId, field: 'questions.1.options.2' });

    const full = await t.http.put(`/api/courses/${courseId}/editions/de`).set('Authorization', author.auth).send(germanEdition()).expect(200);
    expect(full.body.missing).toEqual([]);
    expect(full.body.lessons[0].body.text).toContain('Freundlichkeit ist eine Praxis');
    const after = await t.http.get(`/api/courses/${courseId}/editions`).set('Authorization', author.auth).expect(200);
    expect(after.body.editions.find((e: { locale: string }) => e.locale === 'de')).toMatchObject({ started: true, missing: 0 });
    expect(after.body.editions.find((e: { locale: string }) => e.locale === 'fr')).toMatchObject({ started: false, missing: total });
  });

  it('refuses the default language, foreign ids, mismatched questions, other authors and learners', async () => {
    const own = await t.http.put(`/api/courses/${courseId}/editions/en`).set('Authorization', author.auth).send({ course: { title: 'X' } });
    expect(own.status).toBe(400);
    expect(JSON.stringify(own.body.message)).toContain('editions are for the other languages');
    await t.http.put(`/api/courses/${courseId}/editions/xx`).set('Authorization', author.auth).send({}).expect(400);
    const foreign = await t.http
      .put(`/api/courses/${courseId}/editions/de`)
      .set('Authorization', author.auth)
      .send({ modules: [{ id: '00000000-0000-4000-8000-000000000000', title: 'Fremd' }] });
    expect(foreign.status).toBe(400);
    const short = await t.http
      .put(`/api/courses/${courseId}/editions/de`)
      .set('Authorization', author.auth)
      .send({ quizzes: [{ id: quizId, questions: [{ prompt: 'Nur eine' }] }] });
    expect(short.status).toBe(400);
    expect(JSON.stringify(short.body.message)).toContain('2 questions');
    const german = await t.http
      .put(`/api/courses/${courseId}/editions/de`)
      .set('Authorization', author.auth)
      .set('Accept-Language', 'de')
      .send({ quizzes: [{ id: quizId, questions: [{ options: ['Ja'] }, {}] }] });
    expect(german.status).toBe(400);
    expect(JSON.stringify(german.body.message)).toContain('Antworten');
    await t.http.get(`/api/courses/${courseId}/editions`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.put(`/api/courses/${courseId}/editions/de`).set('Authorization', otherAuthor.auth).send({ course: { title: 'X' } }).expect(404);
    const learner = await createUser(t, { locale: 'de' });
    await t.http.get(`/api/courses/${courseId}/editions/de`).set('Authorization', learner.auth).expect(404);
  });

  describe('a German-speaking learner', () => {
    let learner: TestUser;
    let enrolmentId: string;

    beforeAll(async () => {
      await t.http.post(`/api/courses/${courseId}/publish`).set('Authorization', author.auth).expect(200);
      learner = await createUser(t, { locale: 'de', name: 'Greta Lernende' });
      enrolmentId = (await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', learner.auth).expect(201)).body.id;
    });

    it('reads the outline, the lesson and the course title in German', async () => {
      const outline = await t.http.get(`/api/courses/${courseId}`).set('Authorization', learner.auth).expect(200);
      expect(outline.body).toMatchObject({ title: 'Freundlichkeit bei der Arbeit', locale: 'en', editionLocale: 'de', editions: ['en', 'de'] });
      expect(outline.body.modules[0].title).toBe('Grundlagen');
      expect(outline.body.modules[0].lessons[0].title).toBe('Was Freundlichkeit ist');
      const lesson = await t.http.get(`/api/lessons/${lessonId}`).set('Authorization', learner.auth).expect(200);
      expect(lesson.body.title).toBe('Was Freundlichkeit ist');
      expect(lesson.body.bodyHtml).toContain('<h2');
      expect(lesson.body.bodyHtml).toContain('Freundlichkeit ist eine Praxis');
      const mine = await t.http.get('/api/me/enrolments').set('Authorization', learner.auth).expect(200);
      expect(mine.body.find((e: { id: string }) => e.id === enrolmentId).course.title).toBe('Freundlichkeit bei der Arbeit');
      const detail = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(detail.body.course).toMatchObject({ title: 'Freundlichkeit bei der Arbeit', editionLocale: 'de' });
      expect(detail.body.course.modules[0].quizzes.map((q: { title: string }) => q.title)).toEqual(['Prüfen Sie Ihr Verständnis', 'Ohne Lösungen']);
      // The certificate is issued with the course title of the learner's edition.
      const facts = await t.app.get(CertificatesRepository).enrolmentFacts(enrolmentId);
      expect(facts?.course_title).toBe('Freundlichkeit bei der Arbeit');
      // The author keeps reading the default language.
      const own = await t.http.get(`/api/courses/${courseId}`).set('Authorization', author.auth).expect(200);
      expect(own.body).toMatchObject({ title: 'Kindness at work', editionLocale: 'en' });
    });

    it('takes the quiz in German: nothing about correctness before submitting, then a review', async () => {
      const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
      expect(start.body.questions.map((q: { prompt: string }) => q.prompt)).toEqual([
        'Ist Freundlichkeit eine Fähigkeit, die man üben kann?',
        'Was gehört zur Freundlichkeit?',
      ]);
      expect(start.body.questions[1].options.map((o: { text: string }) => o.text)).toEqual(['Aufmerksamkeit', 'Handeln', 'Applaus']);
      const raw = JSON.stringify(start.body);
      expect(raw).not.toMatch(/correct|feedback|Absicht|lernen/i);
      const reread = await t.http.get(`/api/attempts/${start.body.id}`).set('Authorization', learner.auth).expect(200);
      expect(JSON.stringify(reread.body)).not.toMatch(/correct|feedback|review/i);

      // Started but not submitted: not shown as a used attempt.
      let detail = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(detail.body.quizzes.find((q: { quizId: string }) => q.quizId === quizId)).toMatchObject({ attemptsUsed: 0, attemptOpen: true, attemptsLeft: 2 });

      const [q1, q2] = start.body.questions as { id: string; options: { id: string; text: string }[] }[];
      const yes = q1!.options.find((o) => o.text === 'Ja')!.id;
      const attention = q2!.options.find((o) => o.text === 'Aufmerksamkeit')!.id;
      const action = q2!.options.find((o) => o.text === 'Handeln')!.id;
      const wrong = await t.http
        .post(`/api/attempts/${start.body.id}/submission`)
        .set('Authorization', learner.auth)
        .send({ answers: [{ questionId: q1!.id, optionIds: [yes] }, { questionId: q2!.id, optionIds: [attention] }] })
        .expect(200);
      expect(wrong.body).toMatchObject({ scorePercent: 50, passed: false, attemptsLeft: 1, answersRevealed: false });
      expect(wrong.body.review.map((r: { correct: boolean }) => r.correct)).toEqual([true, false]);
      expect(wrong.body.review[1].feedback).toBe('Aufmerksamkeit, Absicht und Handeln.');
      expect(wrong.body.review[1].prompt).toBe('Was gehört zur Freundlichkeit?');
      expect(wrong.body.review[1].options.map((o: { chosen: boolean; correct: null }) => [o.chosen, o.correct])).toEqual([
        [true, null], [false, null], [false, null],
      ]);
      detail = await t.http.get(`/api/enrolments/${enrolmentId}`).set('Authorization', learner.auth).expect(200);
      expect(detail.body.quizzes.find((q: { quizId: string }) => q.quizId === quizId)).toMatchObject({ attemptsUsed: 1, attemptOpen: false, attemptsLeft: 1 });

      // The second attempt passes: now the correct options are shown, also when re-reading the first attempt.
      const second = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`).set('Authorization', learner.auth).expect(201);
      const right = await t.http
        .post(`/api/attempts/${second.body.id}/submission`)
        .set('Authorization', learner.auth)
        .send({ answers: [{ questionId: q1!.id, optionIds: [yes] }, { questionId: q2!.id, optionIds: [attention, action] }] })
        .expect(200);
      expect(right.body).toMatchObject({ scorePercent: 100, passed: true, answersRevealed: true });
      const byText = (r: { options: { text: string; correct: boolean | null }[] }) => Object.fromEntries(r.options.map((o) => [o.text, o.correct]));
      expect(byText(right.body.review[1])).toEqual({ Aufmerksamkeit: true, Handeln: true, Applaus: false });
      const first = await t.http.get(`/api/attempts/${start.body.id}`).set('Authorization', learner.auth).expect(200);
      expect(first.body).toMatchObject({ passed: false, answersRevealed: true });
      expect(first.body.review[0].feedback).toBe('Freundlichkeit besteht aus Handlungen: Man kann sie lernen.');
    });

    it('never shows the correct options when the author says so, even with no attempt left', async () => {
      const start = await t.http.post(`/api/enrolments/${enrolmentId}/quizzes/${strictQuizId}/attempts`).set('Authorization', learner.auth).expect(201);
      const result = await t.http
        .post(`/api/attempts/${start.body.id}/submission`)
        .set('Authorization', learner.auth)
        .send({ answers: [] })
        .expect(200);
      expect(result.body).toMatchObject({ passed: false, attemptsLeft: 0, answersRevealed: false });
      expect(result.body.review.map((r: { correct: boolean; answered: boolean }) => [r.correct, r.answered])).toEqual([[false, false], [false, false]]);
      expect(JSON.stringify(result.body.review)).not.toContain('"correct":true');
      expect(result.body.review[0].feedback).toBe('Freundlichkeit besteht aus Handlungen: Man kann sie lernen.');
    });

    it('gives a learner whose language has no edition the default language', async () => {
      const french = await createUser(t, { locale: 'fr' });
      await t.http.post(`/api/courses/${courseId}/enrolments`).set('Authorization', french.auth).expect(201);
      const outline = await t.http.get(`/api/courses/${courseId}`).set('Authorization', french.auth).expect(200);
      expect(outline.body).toMatchObject({ title: 'Kindness at work', editionLocale: 'en' });
      const lesson = await t.http.get(`/api/lessons/${lessonId}`).set('Authorization', french.auth).expect(200);
      expect(lesson.body.title).toBe('What kindness is');
    });

    it('keeps the edition when the author edits the published course (the draft copies it)', async () => {
      await t.http.patch(`/api/courses/${courseId}`).set('Authorization', author.auth).send({ summary: 'A new summary.' }).expect(200);
      const draft = await t.http.get(`/api/courses/${courseId}/editions/de`).set('Authorization', author.auth).expect(200);
      expect(draft.body.course.title.text).toBe('Freundlichkeit bei der Arbeit');
      expect(draft.body.missing).toEqual([]);
      expect(draft.body.course.summary.source).toBe('A new summary.');
    });
  });
});
