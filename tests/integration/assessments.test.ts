import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { createPublishedCourse, createUser, enrol, type TestCourse, type TestUser } from '../support/fixtures.js';

const text = (s: string) => ({ en: `${s} (en)`, it: `${s} (it)`, de: `${s} (de)`, fr: `${s} (fr)` });
const labels = { en: ['1', '2', '3', '4', '5'], it: ['1', '2', '3', '4', '5'], de: ['1', '2', '3', '4', '5'], fr: ['1', '2', '3', '4', '5'] };

/** A small instrument: calm (c1, c2 reverse-scored, c3) and care (k1, k2), answered 1–5. */
function smallInstrument(key: string) {
  return {
    key,
    title: text('Small instrument'),
    disclaimer: text('Reflective, not clinical'),
    scale: { min: 1, max: 5, labels },
    scales: [
      { key: 'calm', name: text('Calm'), minItems: 2 },
      { key: 'care', name: text('Care'), minItems: 2 },
    ],
    items: [
      { id: 'c1', scaleKey: 'calm', reverse: false, text: text('C1') },
      { id: 'c2', scaleKey: 'calm', reverse: true, text: text('C2') },
      { id: 'c3', scaleKey: 'calm', reverse: false, text: text('C3') },
      { id: 'k1', scaleKey: 'care', reverse: false, text: text('K1') },
      { id: 'k2', scaleKey: 'care', reverse: false, text: text('K2') },
    ],
  };
}

const answersOf = (values: number[]) => ['c1', 'c2', 'c3', 'k1', 'k2'].map((itemId, i) => ({ itemId, value: values[i] }));

describe('self-assessment instruments and submissions (issue 7)', () => {
  let t: TestApp;
  let author: TestUser;
  let learner: TestUser;
  let stranger: TestUser;
  let key: string;
  let v1: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'], name: 'Author' });
    learner = await createUser(t, { name: 'Learner', locale: 'it' }); // the instrument follows the learner's language (issue 17)
    stranger = await createUser(t, { name: 'Stranger' });
    key = unique('inst').toLowerCase();
  });
  afterAll(async () => {
    await t.close();
  });

  it('ships Kindling’s own instrument in every database: 20 items, five values and well-being, four languages', async () => {
    const res = await t.http.get('/api/instruments').set('Authorization', learner.auth).expect(200);
    const shipped = (res.body as { key: string; itemCount: number; scaleKeys: string[]; id: string }[]).find((i) => i.key === 'kindling-reflect');
    expect(shipped).toBeDefined();
    expect(shipped!.itemCount).toBe(20);
    expect(shipped!.scaleKeys).toEqual(['optimism', 'kindness', 'forgiveness', 'gratitude', 'happiness', 'well-being']);
    const detail = await t.http.get(`/api/instruments/${shipped!.id}`).set('Authorization', learner.auth).expect(200);
    expect(detail.body.definition.disclaimer.en).toMatch(/not a validated/);
    // learners are not told which items are reverse-scored
    expect(detail.body.definition.items[0]).not.toHaveProperty('reverse');
  });

  it('versions an instrument: the same key stores version 2 and version 1 stays as it was', async () => {
    const first = await t.http.post('/api/instruments').set('Authorization', author.auth).send(smallInstrument(key)).expect(201);
    expect(first.body).toMatchObject({ key, version: 1, itemCount: 5, scaleKeys: ['calm', 'care'], inUse: false });
    v1 = first.body.id as string;
    const changed = smallInstrument(key);
    changed.items[0]!.text = text('C1 reworded');
    const second = await t.http.post('/api/instruments').set('Authorization', author.auth).send(changed).expect(201);
    expect(second.body.version).toBe(2);
    expect(second.body.id).not.toBe(v1);

    const old = await t.http.get(`/api/instruments/${v1}`).set('Authorization', author.auth).expect(200);
    expect(old.body.definition.items[0].text.en).toBe('C1 (en)');
    expect(old.body.definition.items[1].reverse).toBe(true);

    const latest = await t.http.get('/api/instruments').set('Authorization', author.auth).expect(200);
    expect((latest.body as { key: string; version: number }[]).filter((i) => i.key === key).map((i) => i.version)).toEqual([2]);
    const all = await t.http.get('/api/instruments?all=true').set('Authorization', author.auth).expect(200);
    expect((all.body as { key: string; version: number }[]).filter((i) => i.key === key).map((i) => i.version)).toEqual([2, 1]);
  });

  it('refuses to change a stored version, even in SQL', async () => {
    await expect(t.db.query(`UPDATE instruments SET definition = '{}'::jsonb WHERE id = $1`, [v1])).rejects.toThrow(/immutable/);
  });

  it('rejects inconsistent definitions and non-authors', async () => {
    const bad = smallInstrument(unique('bad').toLowerCase());
    bad.scale.labels = { ...labels, fr: ['1', '2', '3'] };
    bad.scales[1]!.minItems = 3;
    const res = await t.http.post('/api/instruments').set('Authorization', author.auth).send(bad).expect(400);
    const messages = (res.body.message as string[]).join('\n');
    expect(messages).toMatch(/locale "fr" has 3 labels, expected 5/);
    expect(messages).toMatch(/minItems \(3\) is more than its 2 item/);
    await t.http.post('/api/instruments').set('Authorization', author.auth).send({ ...smallInstrument(key), extra: 1 }).expect(400);
    await t.http.post('/api/instruments').set('Authorization', learner.auth).send(smallInstrument(key)).expect(403);
  });

  it('only the key’s owner (or an admin) publishes a new version; another author gets 403 naming the rule', async () => {
    const owner = await createUser(t, { platformRoles: ['author'], name: 'Owner' });
    const other = await createUser(t, { platformRoles: ['author'], name: 'Other author' });
    const admin = await createUser(t, { platformRoles: ['admin'], name: 'Admin' });
    const owned = unique('owned').toLowerCase();
    await t.http.post('/api/instruments').set('Authorization', owner.auth).send(smallInstrument(owned)).expect(201);

    const refused = await t.http.post('/api/instruments').set('Authorization', other.auth).send(smallInstrument(owned)).expect(403);
    expect(refused.body.message).toMatch(new RegExp(`instrument "${owned}" belongs to another author: only its owner or a platform admin`));
    const versions = (await t.db.query(`SELECT version FROM instruments WHERE key = $1`, [owned])) as { version: number }[];
    expect(versions.map((v) => v.version)).toEqual([1]);

    await t.http.post('/api/instruments').set('Authorization', owner.auth).send(smallInstrument(owned)).expect(201);
    const byAdmin = await t.http.post('/api/instruments').set('Authorization', admin.auth).send(smallInstrument(owned)).expect(201);
    expect(byAdmin.body.version).toBe(3);
    // the admin's version does not move the key to the admin
    const [row] = (await t.db.query(`SELECT owner_id FROM instrument_keys WHERE key = $1`, [owned])) as { owner_id: string }[];
    expect(row!.owner_id).toBe(owner.id);
    await t.http.post('/api/instruments').set('Authorization', owner.auth).send(smallInstrument(owned)).expect(201);
    await t.http.post('/api/instruments').set('Authorization', other.auth).send(smallInstrument(owned)).expect(403);

    // versions stored without an owner row (e.g. by SQL) belong to their first version's creator
    const legacy = unique('legacy').toLowerCase();
    await t.db.query(
      `INSERT INTO instruments (key, version, title, definition, created_by) VALUES ($1, 1, '{"en":"T"}', '{}', $2)`,
      [legacy, owner.id],
    );
    await t.http.post('/api/instruments').set('Authorization', other.auth).send(smallInstrument(legacy)).expect(403);
    await t.http.post('/api/instruments').set('Authorization', owner.auth).send(smallInstrument(legacy)).expect(201);
  });

  it('Kindling’s shipped instrument (and any kindling- key) is versioned by platform admins only', async () => {
    const shippedAuthor = await createUser(t, { platformRoles: ['author'] });
    const refused = await t.http.post('/api/instruments').set('Authorization', shippedAuthor.auth).send(smallInstrument('kindling-reflect')).expect(403);
    expect(refused.body.message).toMatch(/instrument "kindling-reflect" is Kindling's own or has no owner: only a platform admin/);
    const reserved = await t.http.post('/api/instruments').set('Authorization', shippedAuthor.auth)
      .send(smallInstrument(unique('kindling-next').toLowerCase())).expect(403);
    expect(reserved.body.message).toMatch(/keys starting with "kindling-" are reserved/);
    const [row] = (await t.db.query(`SELECT owner_id FROM instrument_keys WHERE key = 'kindling-reflect'`)) as { owner_id: string | null }[];
    expect(row).toEqual({ owner_id: null });
    // admins create and version kindling- keys (Kindling's own instrument is not re-versioned here: other tests share it)
    const admin = await createUser(t, { platformRoles: ['admin'] });
    const adminKey = unique('kindling-admin').toLowerCase();
    await t.http.post('/api/instruments').set('Authorization', admin.auth).send(smallInstrument(adminKey)).expect(201);
    const second = await t.http.post('/api/instruments').set('Authorization', admin.auth).send(smallInstrument(adminKey)).expect(201);
    expect(second.body.version).toBe(2);
    await t.http.post('/api/instruments').set('Authorization', shippedAuthor.auth).send(smallInstrument(adminKey)).expect(403);
  });

  describe('on a course', () => {
    let course: TestCourse;
    let enrolmentId: string;

    beforeAll(async () => {
      course = await createPublishedCourse(t, { authorId: author.id, lessons: 2, instrumentId: v1, locale: 'it' });
      enrolmentId = await enrol(t, { userId: learner.id, course });
    });

    it('attaches an instrument to the course’s draft version; others get 404; {instrumentId:null} detaches', async () => {
      const res = await t.http.put(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', author.auth).send({ instrumentId: v1 }).expect(200);
      expect(res.body.instrumentId).toBe(v1);
      expect(res.body.draftVersionId).not.toBe(course.versionId); // the published version learners use is untouched
      const [draft] = (await t.db.query(`SELECT instrument_id FROM course_versions WHERE id = $1`, [res.body.draftVersionId])) as { instrument_id: string }[];
      expect(draft!.instrument_id).toBe(v1);

      const other = await createUser(t, { platformRoles: ['author'] });
      await t.http.put(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', other.auth).send({ instrumentId: v1 }).expect(404);
      await t.http.put(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', author.auth)
        .send({ instrumentId: '00000000-0000-4000-8000-000000000000' }).expect(400);
      // a bare JSON null is refused by the strict JSON parser with a clear 400 (documented); the object form detaches
      const bare = await t.http.put(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', author.auth)
        .set('Content-Type', 'application/json').send('null');
      expect(bare.status).toBe(400);
      await t.http.put(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', author.auth).send({}).expect(400);
      await t.http.put(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', author.auth).send({ instrumentId: null }).expect(200);
      const [after] = (await t.db.query(`SELECT instrument_id FROM course_versions WHERE id = $1`, [res.body.draftVersionId])) as { instrument_id: string | null }[];
      expect(after!.instrument_id).toBeNull();
      const [published] = (await t.db.query(`SELECT instrument_id FROM course_versions WHERE id = $1`, [course.versionId])) as { instrument_id: string }[];
      expect(published!.instrument_id).toBe(v1);
    });

    it('presents the enrolment version’s instrument in the learner’s language, without reverse-scoring; 404 for strangers', async () => {
      const res = await t.http.get(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', learner.auth).expect(200);
      expect(res.body).toMatchObject({ instrumentId: v1, locale: 'it', scale: { min: 1, max: 5, labels: ['1', '2', '3', '4', '5'] } });
      expect(res.body.items).toEqual([
        { id: 'c1', text: 'C1 (it)', scaleKey: 'calm' },
        { id: 'c2', text: 'C2 (it)', scaleKey: 'calm' },
        { id: 'c3', text: 'C3 (it)', scaleKey: 'calm' },
        { id: 'k1', text: 'K1 (it)', scaleKey: 'care' },
        { id: 'k2', text: 'K2 (it)', scaleKey: 'care' },
      ]);
      expect(res.body.scales).toEqual([{ key: 'calm', name: 'Calm (it)' }, { key: 'care', name: 'Care (it)' }]);
      expect(res.body.disclaimer).toBe('Reflective, not clinical (it)');
      await t.http.get(`/api/courses/${course.courseId}/self-assessment`).set('Authorization', stranger.auth).expect(404);
    });

    it('validates every answer: unanswered, unknown, repeated and out-of-range items are named', async () => {
      const url = `/api/enrolments/${enrolmentId}/self-assessments/pre`;
      const res = await t.http.post(url).set('Authorization', learner.auth)
        .send({ answers: [{ itemId: 'c1', value: 6 }, { itemId: 'c1', value: 2 }, { itemId: 'zz', value: 1 }, { itemId: 'c3', value: 2.5 }] })
        .expect(400);
      const messages = (res.body.message as string[]).join('\n');
      expect(messages).toMatch(/item "c1": value 6 is outside the range 1–5/);
      expect(messages).toMatch(/item "c1": answered more than once/);
      expect(messages).toMatch(/item "zz": unknown item/);
      expect(messages).toMatch(/item "c3": value must be an integer/);
      expect(messages).toMatch(/item "k2": not answered/);
      await t.http.post(`/api/enrolments/${enrolmentId}/self-assessments/middle`).set('Authorization', learner.auth).send({ answers: answersOf([1, 1, 1, 1, 1]) }).expect(400);
    });

    it('takes pre once, refuses post before the course is done, then completes the enrolment on post', async () => {
      const base = `/api/enrolments/${enrolmentId}/self-assessments`;
      const early = await t.http.post(`${base}/post`).set('Authorization', learner.auth).send({ answers: answersOf([3, 3, 3, 3, 3]) }).expect(409);
      // The learner chose Italian: messages follow the account's choice (the contract's language rule).
      expect(early.body.message).toMatch(/prima l’autovalutazione iniziale/);
      await t.http.post(`${base}/pre`).set('Authorization', stranger.auth).send({ answers: answersOf([3, 3, 3, 3, 3]) }).expect(404);

      const pre = await t.http.post(`${base}/pre`).set('Authorization', learner.auth).send({ answers: answersOf([2, 4, 3, 2, 3]) }).expect(201);
      expect(pre.body.phase).toBe('pre');
      expect(new Date(pre.body.submittedAt as string).getTime()).toBeGreaterThan(0);
      const again = await t.http.post(`${base}/pre`).set('Authorization', learner.auth).send({ answers: answersOf([2, 4, 3, 2, 3]) }).expect(409);
      expect(again.body.message).toMatch(/già stata inviata/);

      const [stored] = (await t.db.query(`SELECT scores FROM self_assessment_responses WHERE enrolment_id = $1 AND phase = 'pre'`, [enrolmentId])) as { scores: Record<string, number> }[];
      expect(stored!.scores.calm).toBeCloseTo(7 / 3, 12); // (2 + (5+1−4) + 3) / 3: c2 reverse-scored
      expect(stored!.scores.care).toBeCloseTo(2.5, 12);
      const [flags] = (await t.db.query(`SELECT pre_done, post_done FROM enrolments WHERE id = $1`, [enrolmentId])) as { pre_done: boolean; post_done: boolean }[];
      expect(flags).toEqual({ pre_done: true, post_done: false });

      const notDone = await t.http.post(`${base}/post`).set('Authorization', learner.auth).send({ answers: answersOf([4, 2, 4, 3, 4]) }).expect(409);
      expect(notDone.body.message).toMatch(/2 of 2 lessons not completed; 1 of 1 quizzes not passed/);

      // the learner finishes the course (facts written as the learning service would)
      for (const lessonId of course.lessonIds) {
        await t.db.query(`INSERT INTO lesson_completions (enrolment_id, lesson_id) VALUES ($1, $2)`, [enrolmentId, lessonId]);
      }
      await t.db.query(
        `INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented, answers, score_percent, passed, submitted_at)
         VALUES ($1, $2, 1, '{}', '[]', 100, true, now())`,
        [enrolmentId, course.quizIds[0]],
      );
      await t.http.post(`${base}/post`).set('Authorization', learner.auth).send({ answers: answersOf([4, 2, 4, 3, 4]) }).expect(201);
      await t.http.post(`${base}/post`).set('Authorization', learner.auth).send({ answers: answersOf([4, 2, 4, 3, 4]) }).expect(409);
      const [done] = (await t.db.query(`SELECT status, post_done FROM enrolments WHERE id = $1`, [enrolmentId])) as { status: string; post_done: boolean }[];
      expect(done).toEqual({ status: 'completed', post_done: true });
      const outbox: unknown[] = await t.db.query(`SELECT 1 FROM outbox WHERE dedupe_key = $1`, [enrolmentId]);
      expect(outbox).toHaveLength(1);

      const inUse = await t.http.get(`/api/instruments/${v1}`).set('Authorization', author.auth).expect(200);
      expect(inUse.body.inUse).toBe(true);
    });
  });
});
