import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type TestApp, startTestApp, unique } from '../support/app.js';
import { type TestUser, createUser } from '../support/fixtures.js';

/**
 * Issue 17 point 1: request validation answers in the caller's language, through the global
 * ValidationPipe's exceptionFactory — class-validator's own findings and the DTOs' own rules
 * (`keyed()`), with the field and its limit, for every DTO without a sentence written per field.
 */
describe('validation errors are keys, translated in en/it/de/fr (issue 17)', () => {
  let t: TestApp;
  let author: TestUser;
  let courseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    author = await createUser(t, { platformRoles: ['author'] });
    const course = await t.http.post('/api/courses').set('Authorization', author.auth).send({ title: unique('Validation'), locale: 'en' }).expect(201);
    courseId = course.body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  const badCourse = (lang: string) =>
    t.http
      .post('/api/courses')
      .set('Authorization', author.auth)
      .set('Accept-Language', lang)
      .send({ title: '   ', locale: 'es', certificateValidityMonths: 700, owner: 'me' })
      .expect(400)
      .then((res) => res.body.message as string[]);

  it.each([
    ['en', ['title must not be empty', 'locale must be one of the following values: en, it, de, fr', 'certificateValidityMonths must not be greater than 600', 'property owner should not exist']],
    ['it-CH,it;q=0.9', ['title non può essere vuoto', 'locale deve essere uno dei valori: en, it, de, fr', 'certificateValidityMonths non può essere maggiore di 600', 'il campo owner non è previsto']],
    ['de-CH', ['title darf nicht leer sein', 'locale muss einer dieser Werte sein: en, it, de, fr', 'certificateValidityMonths darf nicht grösser als 600 sein', 'das Feld owner ist nicht vorgesehen']],
    ['fr-CH', ['title ne doit pas être vide', 'locale doit être l’une de ces valeurs\u00a0: en, it, de, fr', 'certificateValidityMonths ne doit pas être supérieur à 600', 'le champ owner n’est pas prévu']],
  ])('%s: a course with a blank title, an unknown language, a validity too long and an unknown field', async (lang, expected) => {
    const messages = await badCourse(lang);
    expect([...messages].sort()).toEqual([...expected].sort());
  });

  it('a DTO’s own rule (an https video link, a positive number of hours) and a nested field are translated', async () => {
    const moduleRes = await t.http.post(`/api/courses/${courseId}/modules`).set('Authorization', author.auth).send({ title: 'M' }).expect(201);
    const lesson = await t.http
      .post(`/api/modules/${moduleRes.body.id}/lessons`)
      .set('Authorization', author.auth)
      .set('Accept-Language', 'de')
      .send({ title: 'L', body: 'x', videoUrl: 'http://example.org/v' })
      .expect(400);
    expect(lesson.body.message).toEqual(['videoUrl muss eine https://-URL sein']);
    const hours = await t.http
      .post('/api/courses')
      .set('Authorization', author.auth)
      .set('Accept-Language', 'fr')
      .send({ title: 'x', locale: 'en', accreditation: { body: 'B', reference: 'R', hours: 0 } })
      .expect(400);
    expect(hours.body.message).toEqual(['accreditation.hours doit être supérieur à 0']);
  });

  it('the request checks before the DTOs answer in the caller’s language: a malformed JSON body and a NUL character', async () => {
    const notJson = await t.http.post('/api/courses').set('Authorization', author.auth).set('Accept-Language', 'it').set('Content-Type', 'application/json').send('{"title":').expect(400);
    expect(notJson.body.message).toBe('il contenuto della richiesta non è JSON valido');
    const nul = await t.http.post('/api/courses').set('Authorization', author.auth).set('Accept-Language', 'fr').send({ title: 'a\u0000b', locale: 'en' }).expect(400);
    expect(nul.body.message).toBe('title ne doit pas contenir de caractères NUL (\\u0000)');
  });
});
