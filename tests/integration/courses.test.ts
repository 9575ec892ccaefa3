import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CourseSeed, demoCourse, demoCourseIt } from '@kindling/content';
import { CourseAuthoringService } from '../../apps/api/src/courses/course-authoring.service.js';
import { type TestApp, startTestApp, unique } from '../support/app.js';
import { type TestUser, createPublishedCourse, createUser, enrol } from '../support/fixtures.js';

const quizBody = (title = 'Final quiz') => ({
  title,
  passMark: 60,
  maxAttempts: 3,
  shuffleQuestions: true,
  shuffleOptions: true,
  questions: [
    { prompt: 'Which is a kind act?', kind: 'single', options: [{ text: 'Listening', correct: true }, { text: 'Ignoring', correct: false }] },
    {
      prompt: 'Which help a team?',
      kind: 'multiple',
      options: [{ text: 'Thanks', correct: true }, { text: 'Help', correct: true }, { text: 'Blame', correct: false }],
    },
  ],
});

describe('course authoring, versions and the catalogue', () => {
  let t: TestApp;
  let author: TestUser;
  let otherAuthor: TestUser;
  let learner: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [author, otherAuthor, learner] = await Promise.all([
      createUser(t, { platformRoles: ['author'] }),
      createUser(t, { platformRoles: ['author'] }),
      createUser(t),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A course built through the API: two modules, three lessons, a quiz. */
  async function buildCourse(user: TestUser, title = unique('Course'), locale = 'en') {
    const created = await t.http
      .post('/api/courses')
      .set('Authorization', user.auth)
      // 6.5 accredited hours: publishing needs at least 195 minutes of minimum learning time (ACCREDITED_MIN_TIME_RATIO 0.5)
      .send({ title, summary: 'Kindness for busy wards', locale, accreditation: { body: 'Board', reference: 'B-1', hours: 6.5 }, completion: { minMinutes: 195 } })
      .expect(201);
    const courseId = created.body.id as string;
    const m1 = await t.http.post(`/api/courses/${courseId}/modules`).set('Authorization', user.auth).send({ title: 'Module A' }).expect(201);
    const m2 = await t.http.post(`/api/courses/${courseId}/modules`).set('Authorization', user.auth).send({ title: 'Module B' }).expect(201);
    const lessons: string[] = [];
    for (const [i, moduleId] of [m1.body.id, m1.body.id, m2.body.id].entries()) {
      const res = await t.http
        .post(`/api/modules/${moduleId}/lessons`)
        .set('Authorization', user.auth)
        .send({ title: `Lesson ${i + 1}`, body: `# Lesson ${i + 1}\n\nText **${i + 1}**`, minutes: 10, videoUrl: 'https://video.example/v', videoText: `What the video of lesson ${i + 1} shows` })
        .expect(201);
      lessons.push(res.body.id);
    }
    const quiz = await t.http.post(`/api/modules/${m2.body.id}/quizzes`).set('Authorization', user.auth).send(quizBody()).expect(201);
    return { courseId, created: created.body, modules: [m1.body, m2.body], lessons, quizId: quiz.body.id as string };
  }

  it('authors create and edit courses, modules, lessons and quizzes; positions follow the order of creation', async () => {
    const c = await buildCourse(author);
    expect(c.created).toEqual({ id: c.courseId, status: 'draft', version: 1 });
    expect(c.modules.map((m) => m.position)).toEqual([0, 1]);

    const patched = await t.http
      .patch(`/api/courses/${c.courseId}`)
      .set('Authorization', author.auth)
      .send({ title: 'Renamed course', selfEnrolment: true, accreditation: { body: 'Ministry', reference: 'M-7', hours: 12 } })
      .expect(200);
    expect(patched.body).toMatchObject({
      id: c.courseId, title: 'Renamed course', version: 1, status: 'draft', selfEnrolment: true,
      accreditation: { body: 'Ministry', reference: 'M-7', hours: 12 }, completion: { minMinutes: 195 },
    });
    expect(patched.body.modules[0].lessons).toHaveLength(2);
    expect(patched.body.modules[1].quizzes[0]).toMatchObject({ id: c.quizId, passMark: 60, questionCount: 2, maxAttempts: 3 });

    const lesson = await t.http
      .patch(`/api/lessons/${c.lessons[0]}`)
      .set('Authorization', author.auth)
      .send({ title: 'First lesson', body: 'New *body*', videoUrl: null })
      .expect(200);
    expect(lesson.body).toEqual({ id: c.lessons[0], title: 'First lesson', body: 'New *body*', bodyHtml: '<p>New <em>body</em></p>', videoUrl: null, videoText: 'What the video of lesson 1 shows', minutes: 10 });
    await t.http.patch(`/api/modules/${c.modules[1].id}`).set('Authorization', author.auth).send({ title: 'Module Two' }).expect(200);

    // reorder: a permutation is accepted, anything else is 400
    await t.http
      .put(`/api/courses/${c.courseId}/modules/order`)
      .set('Authorization', author.auth)
      .send({ moduleIds: [c.modules[1].id, c.modules[0].id] })
      .expect(200);
    const bad = await t.http.put(`/api/courses/${c.courseId}/modules/order`).set('Authorization', author.auth).send({ moduleIds: [c.modules[1].id] });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/moduleIds must list each of the 2 modules/);
    await t.http
      .put(`/api/modules/${c.modules[0].id}/lessons/order`)
      .set('Authorization', author.auth)
      .send({ lessonIds: [c.lessons[1], c.lessons[0]] })
      .expect(200);
    const dup = await t.http
      .put(`/api/modules/${c.modules[0].id}/lessons/order`)
      .set('Authorization', author.auth)
      .send({ lessonIds: [c.lessons[1], c.lessons[1]] });
    expect(dup.status).toBe(400);

    const outline = await t.http.get(`/api/courses/${c.courseId}?version=draft`).set('Authorization', author.auth).expect(200);
    expect(outline.body.title).toBe('Renamed course');
    expect(outline.body.modules.map((m: { title: string }) => m.title)).toEqual(['Module Two', 'Module A']);
    expect(outline.body.modules[1].lessons.map((l: { title: string }) => l.title)).toEqual(['Lesson 2', 'First lesson']);

    // delete a lesson and a module; positions close up
    await t.http.delete(`/api/lessons/${c.lessons[1]}`).set('Authorization', author.auth).expect(204);
    await t.http.delete(`/api/modules/${c.modules[1].id}`).set('Authorization', author.auth).expect(204);
    const after = await t.http.get(`/api/courses/${c.courseId}?version=draft`).set('Authorization', author.auth).expect(200);
    expect(after.body.modules).toHaveLength(1);
    expect(after.body.modules[0].lessons.map((l: { title: string }) => l.title)).toEqual(['First lesson']);
    const positions = (await t.db.query(`SELECT position FROM lessons WHERE module_id = $1`, [c.modules[0].id])) as { position: number }[];
    expect(positions).toEqual([{ position: 0 }]);
  });

  it('validates course fields with messages naming the problem', async () => {
    const send = (body: Record<string, unknown>) => t.http.post('/api/courses').set('Authorization', author.auth).send(body);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: 'x', locale: 'en', accreditation: { body: 'B', reference: 'R', hours: 0 } }, /hours must be greater than 0/],
      [{ title: 'x', locale: 'en', accreditation: { body: 'B', reference: 'R', hours: -2 } }, /hours must be greater than 0/],
      [{ title: 'x', locale: 'es' }, /locale must be one of the following values: en, it, de, fr/],
      [{ title: '   ', locale: 'en' }, /title must not be empty/],
      [{ title: 'x'.repeat(201), locale: 'en' }, /title must be shorter than or equal to 200/],
      [{ title: 'x', locale: 'en', owner: 'me' }, /property owner should not exist/],
      [{ title: 'x', locale: 'en', completion: { minMinutes: -1 } }, /minMinutes must not be less than 0/],
      [{ title: 'a\u0000b', locale: 'en' }, /title must not contain NUL/],
    ];
    for (const [body, message] of cases) {
      const res = await send(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    await t.http.post('/api/courses').set('Authorization', learner.auth).send({ title: 'x', locale: 'en' }).expect(403);
  });

  it('rejects bad quizzes naming the question, and bad pass marks and attempts', async () => {
    const c = await buildCourse(author);
    const moduleId = c.modules[0].id;
    const post = (body: object) => t.http.post(`/api/modules/${moduleId}/quizzes`).set('Authorization', author.auth).send(body);

    const none = quizBody();
    none.questions[0]!.options = [{ text: 'A', correct: false }, { text: 'B', correct: false }];
    let res = await post(none);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/question 1 \("Which is a kind act\?"\): no option is marked correct/)]));

    const two = quizBody();
    two.questions[0]!.options = [{ text: 'A', correct: true }, { text: 'B', correct: true }];
    res = await post(two);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/question 1 .*single-choice question has 2 correct options/)]));

    res = await post({ ...quizBody(), passMark: 101 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/passMark must not be greater than 100/);
    res = await post({ ...quizBody(), maxAttempts: 0 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/maxAttempts must not be less than 1/);
    res = await post({ ...quizBody(), questions: [] });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toMatch(/no questions/);

    // unlimited attempts; the author reads the quiz back with the correct flags, and may replace it
    const created = await post({ ...quizBody('Unlimited'), maxAttempts: null }).expect(201);
    const read = await t.http.get(`/api/quizzes/${created.body.id}`).set('Authorization', author.auth).expect(200);
    expect(read.body).toMatchObject({ title: 'Unlimited', maxAttempts: null, shuffleQuestions: true, shuffleOptions: true });
    expect(read.body.questions[1].options.map((o: { correct: boolean }) => o.correct)).toEqual([true, true, false]);
    expect(read.body.questions[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(read.body.questions[0].options[0].id).toMatch(/^[0-9a-f-]{36}$/);
    const replaced = await t.http
      .patch(`/api/quizzes/${created.body.id}`)
      .set('Authorization', author.auth)
      .send({ ...quizBody('Replaced'), passMark: 80 })
      .expect(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, title: 'Replaced', passMark: 80, maxAttempts: 3 });
    await t.http.get(`/api/quizzes/${created.body.id}`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.get(`/api/quizzes/${created.body.id}`).set('Authorization', learner.auth).expect(404);
  });

  it('lets only the course author (or an admin) edit; others get 404', async () => {
    const c = await buildCourse(author);
    const admin = await createUser(t, { platformRoles: ['admin'] });
    await t.http.patch(`/api/courses/${c.courseId}`).set('Authorization', otherAuthor.auth).send({ title: 'Hijack' }).expect(404);
    await t.http.post(`/api/courses/${c.courseId}/modules`).set('Authorization', otherAuthor.auth).send({ title: 'X' }).expect(404);
    await t.http.post(`/api/modules/${c.modules[0].id}/lessons`).set('Authorization', otherAuthor.auth).send({ title: 'X', body: 'x' }).expect(404);
    await t.http.patch(`/api/lessons/${c.lessons[0]}`).set('Authorization', otherAuthor.auth).send({ title: 'X' }).expect(404);
    await t.http.delete(`/api/modules/${c.modules[0].id}`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.patch(`/api/quizzes/${c.quizId}`).set('Authorization', otherAuthor.auth).send(quizBody()).expect(404);
    await t.http.post(`/api/courses/${c.courseId}/publish`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.get(`/api/courses/${c.courseId}/versions`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.patch(`/api/courses/${c.courseId}`).set('Authorization', learner.auth).send({ title: 'Hijack' }).expect(404);
    // a draft-only course is invisible to everyone but its author and admins
    await t.http.get(`/api/courses/${c.courseId}`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.get(`/api/courses/${c.courseId}`).set('Authorization', learner.auth).expect(404);
    await t.http.get(`/api/lessons/${c.lessons[0]}`).set('Authorization', learner.auth).expect(404);
    await t.http.get(`/api/courses/${c.courseId}`).set('Authorization', author.auth).expect(200);
    await t.http.patch(`/api/courses/${c.courseId}`).set('Authorization', admin.auth).send({ summary: 'Edited by an admin' }).expect(200);
  });

  it('publishes: 400 without a lesson, then the outline is public to signed-in users and never carries correct answers', async () => {
    const empty = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: unique('Empty'), locale: 'en' }).expect(201);
    const refused = await t.http.post(`/api/courses/${empty.body.id}/publish`).set('Authorization', author.auth);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/no lesson/);

    const c = await buildCourse(author);
    const published = await t.http.post(`/api/courses/${c.courseId}/publish`).set('Authorization', author.auth).expect(200);
    expect(published.body).toEqual({ status: 'published', version: 1 });
    const res = await t.http.get(`/api/courses/${c.courseId}`).set('Authorization', learner.auth).expect(200);
    expect(Object.keys(res.body)).toEqual(expect.arrayContaining(['id', 'title', 'summary', 'locale', 'version', 'accreditation', 'modules']));
    expect(res.body.modules[0]).toEqual({
      id: c.modules[0].id, title: 'Module A',
      lessons: [{ id: c.lessons[0], title: 'Lesson 1', minutes: 10 }, { id: c.lessons[1], title: 'Lesson 2', minutes: 10 }],
      quizzes: [],
    });
    expect(res.body.modules[1].quizzes).toEqual([{ id: c.quizId, title: 'Final quiz', passMark: 60, questionCount: 2, maxAttempts: 3 }]);
    expect(res.text).not.toMatch(/"correct"/);
    expect(res.text).not.toMatch(/Listening/); // no option texts either
    const authorView = await t.http.get(`/api/courses/${c.courseId}?version=draft`).set('Authorization', author.auth).expect(200);
    expect(authorView.text).not.toMatch(/"correct"/);
    // a learner who is not enrolled may see the outline but not the lessons
    await t.http.get(`/api/lessons/${c.lessons[0]}`).set('Authorization', learner.auth).expect(404);

    const audit = (await t.db.query(`SELECT action, data FROM audit_events WHERE subject_id = $1`, [c.courseId])) as { action: string; data: { version: number } }[];
    expect(audit).toEqual([{ action: 'course.published', data: expect.objectContaining({ version: 1 }) }]);
  });

  it('lists the catalogue with locale and text filters and pages; drafts only for their author', async () => {
    const word = `zq${Math.random().toString(36).slice(2, 9).replace(/[0-9]/g, 'x')}`;
    const made = [];
    for (const [title, locale] of [[`Alpha ${word} care`, 'en'], [`Beta ${word} nursing`, 'en'], [`Gamma ${word} cura`, 'it']] as const) {
      const c = await buildCourse(author, title, locale);
      await t.http.post(`/api/courses/${c.courseId}/publish`).set('Authorization', author.auth).expect(200);
      made.push(c);
    }
    const draft = await buildCourse(author, `Delta ${word} draft`);
    const list = (query: string, user = learner) => t.http.get(`/api/courses?${query}`).set('Authorization', user.auth).expect(200);

    let res = await list(`q=${word}`);
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(res.body.items.map((i: { title: string }) => i.title)).toEqual([`Alpha ${word} care`, `Beta ${word} nursing`, `Gamma ${word} cura`]);
    expect(res.body.items[0]).toEqual({
      id: made[0]!.courseId, title: `Alpha ${word} care`, summary: 'Kindness for busy wards', locale: 'en', version: 1, status: 'published',
      accreditation: { body: 'Board', reference: 'B-1', hours: 6.5 }, selfEnrolment: false,
    });
    res = await list(`q=${word.slice(0, 6)}`); // prefix
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    res = await list(`q=${word}&locale=it`);
    expect(res.body.items.map((i: { title: string }) => i.title)).toEqual([`Gamma ${word} cura`]);
    res = await list(`q=${word}%20nurs`);
    expect(res.body.items.map((i: { title: string }) => i.title)).toEqual([`Beta ${word} nursing`]);
    res = await list(`q=${word}&pageSize=2&page=2`);
    expect(res.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(res.body.items).toHaveLength(1);
    res = await list(`q=${word}`, author);
    expect(res.body.total).toBe(4);
    expect(res.body.items.find((i: { id: string }) => i.id === draft.courseId)).toMatchObject({ status: 'draft', version: 1 });

    const tooBig = await t.http.get('/api/courses?pageSize=101').set('Authorization', learner.auth);
    expect(tooBig.status).toBe(400);
    expect(JSON.stringify(tooBig.body.message)).toMatch(/pageSize must not be greater than 100/);
    await t.http.get('/api/courses?locale=xx').set('Authorization', learner.auth).expect(400);
    await t.http.get('/api/courses?q=%25%27%22%3B%20drop').set('Authorization', learner.auth).expect(200);
    await t.http.get('/api/courses').expect(401);
  });

  it('keeps a learner halfway through on their version while the author edits and publishes a new one', async () => {
    const course = await createPublishedCourse(t, { authorId: author.id, lessons: 3 });
    const halfway = await createUser(t);
    const enrolmentId = await enrol(t, { userId: halfway.id, course });
    await t.db.query(`INSERT INTO lesson_completions (enrolment_id, lesson_id) VALUES ($1, $2)`, [enrolmentId, course.lessonIds[0]]);
    const v1Lesson = course.lessonIds[1]!;
    const before = await t.http.get(`/api/lessons/${v1Lesson}`).set('Authorization', halfway.auth).expect(200);
    expect(before.body.body).toBe('Body of lesson 2');

    // the author edits with the ids of the published version: they are mapped to a new draft (version 2)
    const edited = await t.http.patch(`/api/lessons/${v1Lesson}`).set('Authorization', author.auth).send({ body: 'Rewritten lesson 2' }).expect(200);
    expect(edited.body.id).not.toBe(v1Lesson);
    const added = await t.http
      .post(`/api/modules/${course.moduleIds[0]}/lessons`)
      .set('Authorization', author.auth)
      .send({ title: 'Lesson 4', body: 'New material' })
      .expect(201);
    await t.http.patch(`/api/quizzes/${course.quizIds[0]}`).set('Authorization', author.auth).send({ ...quizBody('New final quiz'), passMark: 90 }).expect(200);
    await t.http.patch(`/api/courses/${course.courseId}`).set('Authorization', author.auth).send({ completion: { minMinutes: 120 } }).expect(200);
    // learners still see version 1 while the draft is edited
    const during = await t.http.get(`/api/courses/${course.courseId}`).set('Authorization', halfway.auth).expect(200);
    expect(during.body.version).toBe(1);
    expect(during.body.modules[0].lessons).toHaveLength(3);

    const published = await t.http.post(`/api/courses/${course.courseId}/publish`).set('Authorization', author.auth).expect(200);
    expect(published.body).toEqual({ status: 'published', version: 2 });

    // the existing enrolment keeps version 1: its lessons, quiz and completion rules
    const [enrolment] = (await t.db.query(`SELECT course_version_id FROM enrolments WHERE id = $1`, [enrolmentId])) as { course_version_id: string }[];
    expect(enrolment!.course_version_id).toBe(course.versionId);
    const still = await t.http.get(`/api/lessons/${v1Lesson}`).set('Authorization', halfway.auth).expect(200);
    expect(still.body.body).toBe('Body of lesson 2');
    await t.http.get(`/api/lessons/${added.body.id}`).set('Authorization', halfway.auth).expect(404);
    await t.http.get(`/api/lessons/${edited.body.id}`).set('Authorization', halfway.auth).expect(404);
    const [v1] = (await t.db.query(
      `SELECT v.status, v.min_minutes, q.title, q.pass_mark::float AS pass_mark, (SELECT count(*)::int FROM lessons l WHERE l.course_version_id = v.id) AS lessons
         FROM course_versions v JOIN quizzes q ON q.course_version_id = v.id WHERE v.id = $1`,
      [course.versionId],
    )) as { status: string; min_minutes: number | null; title: string; pass_mark: number; lessons: number }[];
    expect(v1).toEqual({ status: 'retired', min_minutes: null, title: 'Final quiz', pass_mark: 60, lessons: 3 });
    const completions = (await t.db.query(`SELECT lesson_id FROM lesson_completions WHERE enrolment_id = $1`, [enrolmentId])) as { lesson_id: string }[];
    expect(completions).toEqual([{ lesson_id: course.lessonIds[0] }]);

    // new enrolments get version 2 (the version courses.published_version_id names)
    const newcomer = await createUser(t);
    const [fresh] = (await t.db.query(
      `INSERT INTO enrolments (user_id, course_id, course_version_id) SELECT $1, id, published_version_id FROM courses WHERE id = $2
       RETURNING course_version_id`,
      [newcomer.id, course.courseId],
    )) as { course_version_id: string }[];
    const outline = await t.http.get(`/api/courses/${course.courseId}`).set('Authorization', newcomer.auth).expect(200);
    expect(outline.body.version).toBe(2);
    expect(outline.body.completion).toEqual({ minMinutes: 120 });
    expect(outline.body.modules[0].lessons.map((l: { title: string }) => l.title)).toEqual(['Lesson 1', 'Lesson 2', 'Lesson 3', 'Lesson 4']);
    expect(outline.body.modules[0].quizzes[0]).toMatchObject({ title: 'New final quiz', passMark: 90 });
    const lesson2 = outline.body.modules[0].lessons[1].id as string;
    expect(fresh!.course_version_id).not.toBe(course.versionId);
    const newBody = await t.http.get(`/api/lessons/${lesson2}`).set('Authorization', newcomer.auth).expect(200);
    expect(newBody.body.body).toBe('Rewritten lesson 2');
    await t.http.get(`/api/lessons/${v1Lesson}`).set('Authorization', newcomer.auth).expect(404);

    // a withdrawn learner loses access to the lessons
    await t.db.query(`UPDATE enrolments SET status = 'withdrawn' WHERE id = $1`, [enrolmentId]);
    await t.http.get(`/api/lessons/${v1Lesson}`).set('Authorization', halfway.auth).expect(404);

    const versions = await t.http.get(`/api/courses/${course.courseId}/versions`).set('Authorization', author.auth).expect(200);
    expect(versions.body.map((v: { version: number; status: string; enrolments: number }) => [v.version, v.status, v.enrolments])).toEqual([
      [2, 'published', 1],
      [1, 'retired', 1],
    ]);

    // lineage ids stay stable across versions; an edit through a version-1 module id lands in a new draft (version 3)
    const lineages = (await t.db.query(
      `SELECT count(DISTINCT lineage_id)::int AS n, count(*)::int AS rows FROM lessons l JOIN course_versions v ON v.id = l.course_version_id WHERE v.course_id = $1`,
      [course.courseId],
    )) as { n: number; rows: number }[];
    expect(lineages[0]).toEqual({ n: 4, rows: 7 });
    await t.http.patch(`/api/modules/${course.moduleIds[0]}`).set('Authorization', author.auth).send({ title: 'Renamed module' }).expect(200);
    const draft = await t.http.get(`/api/courses/${course.courseId}?version=draft`).set('Authorization', author.auth).expect(200);
    expect(draft.body).toMatchObject({ version: 3, versionStatus: 'draft', hasDraft: true });
    expect(draft.body.modules[0].title).toBe('Renamed module');
  });

  it('archives: the course leaves the catalogue, refuses edits, and the archive is audited', async () => {
    const c = await buildCourse(author, unique('Archive me'));
    await t.http.post(`/api/courses/${c.courseId}/publish`).set('Authorization', author.auth).expect(200);
    const archived = await t.http.post(`/api/courses/${c.courseId}/archive`).set('Authorization', author.auth).expect(200);
    expect(archived.body).toEqual({ status: 'archived', version: 1 });
    await t.http.post(`/api/courses/${c.courseId}/archive`).set('Authorization', author.auth).expect(200);
    const edit = await t.http.patch(`/api/courses/${c.courseId}`).set('Authorization', author.auth).send({ title: 'Again' });
    expect(edit.status).toBe(409);
    expect(edit.body.message).toMatch(/archived/);
    await t.http.get(`/api/courses/${c.courseId}`).set('Authorization', learner.auth).expect(404);
    const list = await t.http.get(`/api/courses?q=${encodeURIComponent('Archive me')}&pageSize=100`).set('Authorization', learner.auth).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(c.courseId);
    const audit = (await t.db.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [c.courseId])) as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['course.published', 'course.archived']);
  });

  it('seeds the demo course and its Italian edition through the authoring service, complete and published', async () => {
    const seeder = await createUser(t, { platformRoles: ['author'] });
    const authoring = t.app.get(CourseAuthoringService);
    for (const [seed, locale] of [[demoCourse, 'en'], [demoCourseIt, 'it']] as const) {
      const { courseId, version } = await authoring.createFromSeed(seeder.id, seed, { publish: true });
      expect(version).toBe(1);
      const outline = await t.http.get(`/api/courses/${courseId}`).set('Authorization', learner.auth).expect(200);
      expect(outline.body).toMatchObject({ locale, status: 'published', accreditation: { body: expect.any(String), reference: expect.any(String) } });
      expect(outline.body.accreditation.hours).toBeGreaterThan(0);
      const modules = outline.body.modules as { lessons: unknown[]; quizzes: { questionCount: number; passMark: number }[] }[];
      expect(modules.length).toBeGreaterThanOrEqual(3);
      expect(modules.flatMap((m) => m.lessons).length).toBeGreaterThanOrEqual(8);
      const finalQuiz = modules[modules.length - 1]!.quizzes.at(-1);
      expect(finalQuiz?.questionCount).toBeGreaterThan(0);
      expect(outline.text).not.toMatch(/"correct"/);
    }
    // a seed with a broken quiz is refused as a whole, naming the question, and leaves nothing behind
    const broken: CourseSeed = {
      ...demoCourse,
      title: unique('Broken seed'),
      modules: [
        {
          title: 'M',
          lessons: [{ title: 'L', body: 'x', minutes: 1 }],
          quizzes: [
            {
              title: 'Q', passMark: 50, maxAttempts: 1, shuffleQuestions: false, shuffleOptions: false,
              questions: [{ prompt: 'No answer?', kind: 'single', options: [{ text: 'a', correct: false }, { text: 'b', correct: false }] }],
            },
          ],
        },
      ],
    };
    await expect(authoring.createFromSeed(seeder.id, broken, { publish: true })).rejects.toThrow(/question 1 \("No answer\?"\): no option is marked correct/);
    const left = (await t.db.query(`SELECT count(*)::int AS n FROM course_versions WHERE title = $1`, [broken.title])) as { n: number }[];
    expect(left[0]!.n).toBe(0);
  });

  it('creates exactly one draft when several first edits of a published course arrive at once', async () => {
    const course = await createPublishedCourse(t, { authorId: author.id, lessons: 2 });
    const results = await Promise.all([
      t.http.patch(`/api/courses/${course.courseId}`).set('Authorization', author.auth).send({ summary: 'one' }),
      t.http.post(`/api/modules/${course.moduleIds[0]}/lessons`).set('Authorization', author.auth).send({ title: 'Extra', body: 'x' }),
      t.http.patch(`/api/lessons/${course.lessonIds[0]}`).set('Authorization', author.auth).send({ title: 'Edited' }),
      t.http.patch(`/api/modules/${course.moduleIds[0]}`).set('Authorization', author.auth).send({ title: 'Edited module' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 201, 200, 200]);
    const versions = (await t.db.query(`SELECT version, status FROM course_versions WHERE course_id = $1 ORDER BY version`, [course.courseId])) as {
      version: number; status: string;
    }[];
    expect(versions).toEqual([{ version: 1, status: 'published' }, { version: 2, status: 'draft' }]);
    const draft = await t.http.get(`/api/courses/${course.courseId}?version=draft`).set('Authorization', author.auth).expect(200);
    expect(draft.body).toMatchObject({ version: 2, summary: 'one' });
    expect(draft.body.modules[0].title).toBe('Edited module');
    expect(draft.body.modules[0].lessons.map((l: { title: string }) => l.title)).toEqual(['Edited', 'Lesson 2', 'Extra']);
  });
});
