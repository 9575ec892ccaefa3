import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XSS_PAYLOADS, unsafeParts } from '../../apps/api/src/courses/xss-payloads.js';
import { type TestApp, startTestApp, unique } from '../support/app.js';
import { type TestUser, createUser } from '../support/fixtures.js';

describe('lesson Markdown reaches the browser safe', () => {
  let t: TestApp;
  let author: TestUser;
  let moduleId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    const course = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: unique('XSS'), locale: 'en' }).expect(201);
    const module = await t.http.post(`/api/courses/${course.body.id}/modules`).set('Authorization', author.auth).send({ title: 'M' }).expect(201);
    moduleId = module.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  it(`sanitises every one of ${XSS_PAYLOADS.length} XSS payloads on the server, keeping the Markdown source as written`, async () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(20);
    const failures: string[] = [];
    for (const payload of XSS_PAYLOADS) {
      const created = await t.http
        .post(`/api/modules/${moduleId}/lessons`)
        .set('Authorization', author.auth)
        .send({ title: 'Payload', body: `Intro paragraph.\n\n${payload}\n\nAfter.` })
        .expect(201);
      const lesson = await t.http.get(`/api/lessons/${created.body.id}`).set('Authorization', author.auth).expect(200);
      expect(lesson.body.body).toContain(payload);
      const html = lesson.body.bodyHtml as string;
      const problems = unsafeParts(html);
      if (/<(script|iframe|object|embed|form|meta|base|style|svg|link)\b|\son\w+\s*=|javascript:|vbscript:|data:/i.test(html.replace(/>[^<]*</g, '><'))) {
        problems.push('dangerous markup');
      }
      if (problems.length > 0) failures.push(`${payload} → ${html} (${problems.join(', ')})`);
      const [stored] = (await t.db.query(`SELECT body_html FROM lessons WHERE id = $1`, [created.body.id])) as { body_html: string }[];
      expect(stored!.body_html).toBe(html);
    }
    expect(failures).toEqual([]);
  });

  it('keeps ordinary Markdown and safe links', async () => {
    const created = await t.http
      .post(`/api/modules/${moduleId}/lessons`)
      .set('Authorization', author.auth)
      .send({ title: 'Plain', body: '## Listen\n\nA [guide](https://example.org/guide) and **care**.', minutes: 5 })
      .expect(201);
    const lesson = await t.http.get(`/api/lessons/${created.body.id}`).set('Authorization', author.auth).expect(200);
    expect(lesson.body.bodyHtml).toBe(
      '<h2>Listen</h2>\n<p>A <a href="https://example.org/guide" rel="noopener noreferrer nofollow">guide</a> and <strong>care</strong>.</p>',
    );
  });

  it('accepts only https video links and bounded bodies', async () => {
    const post = (body: Record<string, unknown>) => t.http.post(`/api/modules/${moduleId}/lessons`).set('Authorization', author.auth).send(body);
    for (const videoUrl of ['javascript:alert(1)', 'http://video.example/v', 'data:text/html,x', 'ftp://x.example/v', 'not a url']) {
      const res = await post({ title: 'V', body: 'x', videoUrl });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toMatch(/videoUrl must be an https:\/\/ URL/);
    }
    await post({ title: 'V', body: 'x', videoUrl: 'https://www.youtube-nocookie.com/embed/abc' }).expect(201);
    const long = await post({ title: 'Long', body: 'x'.repeat(100_001) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.message)).toMatch(/body must be shorter than or equal to 100000 characters/);
    const minutes = await post({ title: 'M', body: 'x', minutes: -1 });
    expect(minutes.status).toBe(400);
  });
});
