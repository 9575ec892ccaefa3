import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { type TestApp, startTestApp, unique } from '../support/app.js';
import { type TestUser, addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol } from '../support/fixtures.js';

/** Issue 22, points 1 and 3: lesson media (types, limits, metadata, access) and deleting, restoring, archiving. */
describe('authoring: media, undo of deletes, archive and course deletion', () => {
  let t: TestApp;
  let author: TestUser;
  let otherAuthor: TestUser;
  let learnerA: TestUser;
  let learnerB: TestUser;
  let managerB: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    [author, otherAuthor, learnerA, learnerB, managerB] = await Promise.all([
      createUser(t, { platformRoles: ['author'] }),
      createUser(t, { platformRoles: ['author'] }),
      createUser(t),
      createUser(t),
      createUser(t),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const png = (width: number, height: number, withExif = false) => {
    const img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).png();
    return (withExif ? img.withExif({ IFD0: { Copyright: 'secret-camera-owner', Artist: 'Jane GPS' } }) : img).toBuffer();
  };
  const upload = (user: TestUser, courseId: string, bytes: Buffer, filename: string) =>
    t.http.post(`/api/courses/${courseId}/media`).set('Authorization', user.auth).attach('file', bytes, filename);

  async function draftCourse(user: TestUser): Promise<string> {
    const res = await t.http.post('/api/courses').set('Authorization', user.auth).send({ title: unique('Media course'), locale: 'en' }).expect(201);
    return res.body.id as string;
  }

  it('stores PNG, JPEG, WebP and SVG (rasterised) without metadata, scaled down, and answers the same media for the same bytes', async () => {
    const courseId = await draftCourse(author);
    const withExif = await png(3000, 1500, true);
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const first = await upload(author, courseId, withExif, 'holiday photo.png').expect(201);
    expect(first.body).toMatchObject({ kind: 'image', contentType: 'image/png', width: 2400, height: 1200, fileName: 'holiday photo.png' });
    expect(first.body.url).toBe(`/api/media/${first.body.id}`);
    expect(first.body.markdown).toBe(`![holiday photo](/api/media/${first.body.id})`);
    const again = await upload(author, courseId, withExif, 'copy.png').expect(200);
    expect(again.body.id).toBe(first.body.id);

    const served = await t.http.get(first.body.url).set('Authorization', author.auth).buffer(true).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(served.headers.etag).toBe(`"${first.body.sha256}"`);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    const meta = await sharp(served.body as Buffer).metadata();
    expect(meta.exif).toBeUndefined();
    expect((served.body as Buffer).includes(Buffer.from('secret-camera-owner'))).toBe(false);
    await t.http.get(first.body.url).set('Authorization', author.auth).set('If-None-Match', served.headers.etag!).expect(304);

    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#08f' } }).jpeg().toBuffer();
    expect((await upload(author, courseId, jpeg, 'a.jpeg').expect(201)).body).toMatchObject({ contentType: 'image/jpeg', width: 40, height: 30 });
    const webp = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0a0' } }).webp().toBuffer();
    expect((await upload(author, courseId, webp, 'w.webp').expect(201)).body).toMatchObject({ contentType: 'image/webp' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32"><rect width="64" height="32" fill="teal"/></svg>');
    const svgRes = await upload(author, courseId, svg, 'shape.svg').expect(201);
    expect(svgRes.body).toMatchObject({ contentType: 'image/png', fileName: 'shape.png' });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const pdfRes = await upload(author, courseId, pdf, 'handout.pdf').expect(201);
    expect(pdfRes.body).toMatchObject({ kind: 'pdf', contentType: 'application/pdf', markdown: `[handout (PDF)](/api/media/${pdfRes.body.id})` });
    const pdfServed = await t.http.get(pdfRes.body.url).set('Authorization', author.auth).expect(200);
    expect(pdfServed.headers['content-disposition']).toMatch(/^attachment; filename="handout.pdf"/);

    const list = await t.http.get(`/api/courses/${courseId}/media`).set('Authorization', author.auth).expect(200);
    expect(list.body).toHaveLength(5);
  });

  it('refuses other types, unsafe SVG, too many pixels and a missing file with a message naming the problem', async () => {
    const courseId = await draftCourse(author);
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const type = await upload(author, courseId, gif, 'x.gif').expect(415);
    expect(JSON.stringify(type.body.message)).toContain('PNG, JPEG, WebP or SVG');
    const html = await upload(author, courseId, Buffer.from('<html><script>alert(1)</script></html>'), 'x.png').expect(415);
    expect(html.body.statusCode).toBe(415);
    const script = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(JSON.stringify((await upload(author, courseId, script, 'x.svg').expect(400)).body.message)).toContain('scripts');
    const external = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>');
    await upload(author, courseId, external, 'x.svg').expect(400);
    // 8000 × 8000 = 64 megapixels, over the 40-megapixel limit (a tiny PNG: one colour compresses well)
    const huge = await sharp({ create: { width: 8000, height: 8000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(JSON.stringify((await upload(author, courseId, huge, 'big.png').expect(413)).body.message)).toContain('megapixels');
    const broken = Buffer.concat([(await png(10, 10)).subarray(0, 40)]);
    await upload(author, courseId, broken, 'broken.png').expect(400);
    const missing = await t.http.post(`/api/courses/${courseId}/media`).set('Authorization', author.auth).field('other', 'x').expect(400);
    expect(JSON.stringify(missing.body.message)).toContain('file');
    const tooBig = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
    await upload(author, courseId, tooBig, 'big.pdf').expect(413);
  });

  it('lets only the course’s authors upload, and only they and learners enrolled in the course read — in no other organisation', async () => {
    const course = await createPublishedCourse(t, { authorId: author.id });
    const orgA = await createOrganization(t);
    const orgB = await createOrganization(t);
    await addMember(t, orgA, learnerA.id, 'learner');
    await addMember(t, orgB, learnerB.id, 'learner');
    await addMember(t, orgB, managerB.id, 'manager');
    const cohort = await createCohort(t, { organizationId: orgA, courseId: course.courseId });
    await enrol(t, { userId: learnerA.id, course, cohortId: cohort, organizationId: orgA });
    const image = await png(30, 30);

    await upload(otherAuthor, course.courseId, image, 'x.png').expect(404);
    await upload(learnerA, course.courseId, image, 'x.png').expect(404);
    const res = await upload(author, course.courseId, image, 'x.png').expect(201);
    await t.http.get(res.body.url).set('Authorization', learnerA.auth).expect(200);
    for (const other of [learnerB, managerB, otherAuthor]) await t.http.get(res.body.url).set('Authorization', other.auth).expect(404);
    await t.http.get(res.body.url).expect(401);
    await t.http.get(`/api/courses/${course.courseId}/media`).set('Authorization', learnerA.auth).expect(404);
    await t.http.get('/api/media/00000000-0000-4000-8000-000000000000').set('Authorization', author.auth).expect(404);
  });

  it('renders own media into the lesson learners receive, and keeps it across a new version (same lineage, same image URL)', async () => {
    const course = await createPublishedCourse(t, { authorId: author.id });
    const media = await upload(author, course.courseId, await png(12, 12), 'dot.png').expect(201);
    const lessonId = course.lessonIds[0]!;
    const edited = await t.http
      .patch(`/api/lessons/${lessonId}`)
      .set('Authorization', author.auth)
      .send({ body: `Look:\n\n${media.body.markdown as string}\n\n[handout](/api/media/${media.body.id}) ![x](/etc/passwd) ![y](/api/media/../../x)` })
      .expect(200);
    expect(edited.body.bodyHtml).toContain(`<img alt="dot" src="/api/media/${media.body.id}" loading="lazy" />`);
    expect(edited.body.bodyHtml).toContain(`<a href="/api/media/${media.body.id}"`);
    expect(edited.body.bodyHtml).not.toContain('/etc/passwd');
    expect(edited.body.bodyHtml).not.toContain('../');
    const preview = await t.http.post(`/api/courses/${course.courseId}/lesson-preview`).set('Authorization', author.auth).send({ body: media.body.markdown }).expect(200);
    expect(preview.body.bodyHtml).toBe(`<p><img alt="dot" src="/api/media/${media.body.id}" loading="lazy" /></p>`);
    await t.http.post(`/api/courses/${course.courseId}/lesson-preview`).set('Authorization', learnerA.auth).send({ body: 'x' }).expect(404);
  });

  it('undoes deletes of lessons, quizzes and modules in the draft with the same ids and positions, until the draft is published', async () => {
    const course = await createPublishedCourse(t, { authorId: author.id, lessons: 3 });
    const outline = async () => (await t.http.get(`/api/courses/${course.courseId}?version=draft`).set('Authorization', author.auth).expect(200)).body;
    // The first delete makes the draft; the published lesson id is mapped by lineage.
    await t.http.delete(`/api/lessons/${course.lessonIds[1]!}`).set('Authorization', author.auth).expect(204);
    const draft = await outline();
    expect(draft.modules[0].lessons).toHaveLength(2);
    const deletions = await t.http.get(`/api/courses/${course.courseId}/deletions`).set('Authorization', author.auth).expect(200);
    expect(deletions.body).toHaveLength(1);
    expect(deletions.body[0]).toMatchObject({ kind: 'lesson' });
    const deletedDraftLesson = deletions.body[0].itemId as string;
    await t.http.post(`/api/courses/${course.courseId}/deletions/${deletions.body[0].id as string}/restore`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.post(`/api/courses/${course.courseId}/deletions/${deletions.body[0].id as string}/restore`).set('Authorization', author.auth).expect(200);
    const restored = await outline();
    expect(restored.modules[0].lessons.map((l: { id: string }) => l.id)[1]).toBe(deletedDraftLesson);
    await t.http.post(`/api/courses/${course.courseId}/deletions/${deletions.body[0].id as string}/restore`).set('Authorization', author.auth).expect(404);

    // A quiz, then its module: restoring the quiz alone needs its module back first.
    const quizId = restored.modules[0].quizzes[0].id as string;
    await t.http.delete(`/api/quizzes/${quizId}`).set('Authorization', author.auth).expect(204);
    await t.http.delete(`/api/modules/${restored.modules[0].id as string}`).set('Authorization', author.auth).expect(204);
    expect((await outline()).modules).toHaveLength(0);
    const [moduleDeletion, quizDeletion] = (await t.http.get(`/api/courses/${course.courseId}/deletions`).set('Authorization', author.auth).expect(200)).body;
    expect([moduleDeletion.kind, quizDeletion.kind]).toEqual(['module', 'quiz']);
    const early = await t.http.post(`/api/courses/${course.courseId}/deletions/${quizDeletion.id as string}/restore`).set('Authorization', author.auth).expect(409);
    expect(JSON.stringify(early.body.message)).toContain('restore the module first');
    await t.http.post(`/api/courses/${course.courseId}/deletions/${moduleDeletion.id as string}/restore`).set('Authorization', author.auth).expect(200);
    await t.http.post(`/api/courses/${course.courseId}/deletions/${quizDeletion.id as string}/restore`).set('Authorization', author.auth).expect(200);
    const back = await outline();
    expect(back.modules[0].lessons).toHaveLength(3);
    expect(back.modules[0].quizzes.map((q: { id: string }) => q.id)).toEqual([quizId]);

    // After publishing, the deletions of that draft can no longer be undone.
    await t.http.delete(`/api/lessons/${back.modules[0].lessons[0].id as string}`).set('Authorization', author.auth).expect(204);
    const [last] = (await t.http.get(`/api/courses/${course.courseId}/deletions`).set('Authorization', author.auth).expect(200)).body;
    await t.http.patch(`/api/courses/${course.courseId}`).set('Authorization', author.auth).send({ completion: { minMinutes: 120 } }).expect(200);
    await t.http.post(`/api/courses/${course.courseId}/publish`).set('Authorization', author.auth).expect(200);
    expect((await t.http.get(`/api/courses/${course.courseId}/deletions`).set('Authorization', author.auth).expect(200)).body).toEqual([]);
    const late = await t.http.post(`/api/courses/${course.courseId}/deletions/${last.id as string}/restore`).set('Authorization', author.auth).expect(409);
    expect(JSON.stringify(late.body.message)).toContain('can no longer be undone');
  });

  it('deletes a never-published course with its media, refuses a published one, and archiving keeps learners’ access', async () => {
    const courseId = await draftCourse(author);
    const media = await upload(author, courseId, await png(5, 5), 'x.png').expect(201);
    await t.http.delete(`/api/courses/${courseId}`).set('Authorization', otherAuthor.auth).expect(404);
    await t.http.delete(`/api/courses/${courseId}`).set('Authorization', author.auth).expect(204);
    await t.http.get(`/api/courses/${courseId}?version=draft`).set('Authorization', author.auth).expect(404);
    await t.http.get(media.body.url).set('Authorization', author.auth).expect(404);
    const stored = await t.db.query(`SELECT 1 FROM stored_files WHERE key LIKE $1`, [`media/${courseId}/%`]);
    expect(stored).toHaveLength(0);

    const published = await createPublishedCourse(t, { authorId: author.id, title: unique('Archived course') });
    const enrolment = await enrol(t, { userId: learnerA.id, course: published });
    const refused = await t.http.delete(`/api/courses/${published.courseId}`).set('Authorization', author.auth).expect(409);
    expect(JSON.stringify(refused.body.message)).toContain('archive it instead');
    await t.http.post(`/api/courses/${published.courseId}/archive`).set('Authorization', author.auth).expect(200);
    const catalogue = await t.http.get(`/api/courses?q=${encodeURIComponent('Archived course')}&pageSize=100`).set('Authorization', learnerB.auth).expect(200);
    expect(catalogue.body.items.map((c: { id: string }) => c.id)).not.toContain(published.courseId);
    await t.http.get(`/api/lessons/${published.lessonIds[0]!}`).set('Authorization', learnerA.auth).expect(200);
    await t.http.put(`/api/enrolments/${enrolment}/lessons/${published.lessonIds[0]!}/completion`).set('Authorization', learnerA.auth).expect(200);
    const mine = await t.http.get('/api/me/enrolments').set('Authorization', learnerA.auth).expect(200);
    expect(mine.body.map((e: { id: string }) => e.id)).toContain(enrolment);
    await t.http.post(`/api/courses/${published.courseId}/enrolments`).set('Authorization', learnerB.auth).expect((r) => expect([404, 409]).toContain(r.status));
  });
});

describe('authoring: editor URLs by lineage', () => {
  let t: TestApp;
  let author: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens the text being edited from an id of any version, so saving never changes the editor URL', async () => {
    const course = await createPublishedCourse(t, { authorId: author.id });
    const publishedId = course.lessonIds[0]!;
    const before = await t.http.get(`/api/lessons/${publishedId}/current`).set('Authorization', author.auth).expect(200);
    expect(before.body.id).toBe(publishedId);
    // The first edit copies the course into a draft (new ids); the published id still opens the draft's text.
    const saved = await t.http.patch(`/api/lessons/${publishedId}`).set('Authorization', author.auth).send({ body: 'Edited in the draft' }).expect(200);
    expect(saved.body.id).not.toBe(publishedId);
    const current = await t.http.get(`/api/lessons/${publishedId}/current`).set('Authorization', author.auth).expect(200);
    expect(current.body).toMatchObject({ id: saved.body.id, body: 'Edited in the draft' });
    await t.http.patch(`/api/lessons/${publishedId}`).set('Authorization', author.auth).send({ body: 'Edited again' }).expect(200);
    expect((await t.http.get(`/api/lessons/${saved.body.id as string}/current`).set('Authorization', author.auth).expect(200)).body.body).toBe('Edited again');
    const other = await createUser(t, { platformRoles: ['author'] });
    await t.http.get(`/api/lessons/${publishedId}/current`).set('Authorization', other.auth).expect(404);
    await t.http.delete(`/api/lessons/${publishedId}`).set('Authorization', author.auth).expect(204);
    await t.http.get(`/api/lessons/${publishedId}/current`).set('Authorization', author.auth).expect(409);
  });
});
