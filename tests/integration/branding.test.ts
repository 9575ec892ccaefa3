import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import sharp from 'sharp';
import { PdfTools } from '../../libs/certificates/src/__tests__/poppler.js';
import { IssueCertificateHandler } from '../../apps/worker/src/certificates/issue-certificate.handler.js';
import { ReissueCertificateHandler } from '../../apps/worker/src/certificates/reissue-certificate.handler.js';
import { newTestContext, type TestContext } from '../support/context.js';

/** Issue #16 point 7: the issuer's branding, its API, and its capture at first issue. */
const SLOW = 120_000;

describe('issuer branding', () => {
  let t: TestContext;
  let pdf: PdfTools;
  let png: string;
  let jpegWithExif: string;

  const dataUrl = (mime: string, bytes: Buffer | string) => `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
  const url = (orgId: string) => `/api/organizations/${orgId}/branding`;

  beforeAll(async () => {
    t = await newTestContext({ worker: true });
    pdf = await PdfTools.create();
    png = dataUrl('image/png', await sharp({ create: { width: 2400, height: 600, channels: 4, background: { r: 46, g: 107, b: 102, alpha: 0.8 } } }).png().toBuffer());
    const jpeg = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 10, g: 20, b: 120 } } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-exif-marker', Artist: 'GPS somewhere' } })
      .toBuffer();
    expect(jpeg.includes(Buffer.from('secret-exif-marker'))).toBe(true);
    jpegWithExif = dataUrl('image/jpeg', jpeg);
  }, SLOW);
  afterAll(async () => {
    await pdf?.cleanup();
    await t?.close();
  }, SLOW);

  it('lets a manager set the logo, signatory, signature and accent colour; images are re-encoded, scaled and stripped of metadata', async () => {
    const org = await t.newOrganisation({ name: 'Scuola Gentile' });
    const manager = await t.newManager(org.id);
    const empty = await t.http.get(url(org.id)).set('Authorization', manager.auth).expect(200);
    expect(empty.body).toMatchObject({ organizationId: org.id, organizationName: 'Scuola Gentile', versionId: null, logo: null, accentColor: null });

    const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="300" height="100"><path d="M10 80 C 40 10, 65 10, 95 80 S 150 150, 180 80" stroke="black" fill="none"/></svg>';
    const saved = await t.http
      .put(url(org.id))
      .set('Authorization', manager.auth)
      .send({ logo: png, signatureImage: dataUrl('image/svg+xml', svg), signatoryName: 'Dr. Maria Rossi', signatoryTitle: 'Dirigente scolastica', accentColor: '#AA3355' })
      .expect(200);
    expect(saved.body).toMatchObject({ signatoryName: 'Dr. Maria Rossi', signatoryTitle: 'Dirigente scolastica', accentColor: '#aa3355' });
    expect(saved.body.logo.mime).toBe('image/png');
    expect(saved.body.signatureImage.mime).toBe('image/png'); // SVG rasterised
    const logo = Buffer.from(String(saved.body.logo.dataUrl).split(',')[1]!, 'base64');
    const meta = await sharp(logo).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 300]); // scaled into 1200 × 480

    // A JPEG keeps its type but loses its EXIF; fields left out stay as they were.
    const jpeg = await t.http.put(url(org.id)).set('Authorization', manager.auth).send({ logo: jpegWithExif }).expect(200);
    const stored = Buffer.from(String(jpeg.body.logo.dataUrl).split(',')[1]!, 'base64');
    expect(jpeg.body.logo.mime).toBe('image/jpeg');
    expect(stored.includes(Buffer.from('secret-exif-marker'))).toBe(false);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(jpeg.body).toMatchObject({ signatoryName: 'Dr. Maria Rossi', accentColor: '#aa3355' });
    expect(jpeg.body.versionId).not.toBe(saved.body.versionId);

    // null removes a field.
    const removed = await t.http.put(url(org.id)).set('Authorization', manager.auth).send({ logo: null, signatoryTitle: null }).expect(200);
    expect(removed.body).toMatchObject({ logo: null, signatoryTitle: null, signatoryName: 'Dr. Maria Rossi' });
    const audit = (await t.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE organization_id = $1 AND action = 'organization.branding-changed'`, [org.id])) as { n: number }[];
    expect(audit[0]!.n).toBe(3);
  }, SLOW);

  it('answers 404 to other organisations’ managers and to learners, 401 without a token', async () => {
    const org = await t.newOrganisation();
    const other = await t.newOrganisation();
    const outsider = await t.newManager(other.id);
    const learner = await t.newLearner(org.id);
    await t.http.get(url(org.id)).set('Authorization', outsider.auth).expect(404);
    await t.http.put(url(org.id)).set('Authorization', outsider.auth).send({ accentColor: '#000000' }).expect(404);
    await t.http.get(url(org.id)).set('Authorization', learner.auth).expect(404);
    await t.http.put(url(org.id)).send({ accentColor: '#000000' }).expect(401);
    const admin = await t.newAdmin();
    await t.http.put(url(org.id)).set('Authorization', admin.auth).send({ accentColor: '#000000' }).expect(200);
  }, SLOW);

  it('refuses bad input with a clear 4xx', async () => {
    const org = await t.newOrganisation();
    const manager = await t.newManager(org.id);
    const put = (body: object) => t.http.put(url(org.id)).set('Authorization', manager.auth).send(body);
    expect((await put({ accentColor: 'red' }).expect(400)).body.message).toEqual(expect.arrayContaining([expect.stringMatching(/accentColor must be a colour/)]));
    await put({ signatoryName: 'a\nb' }).expect(400);
    await put({ signatoryName: 'x'.repeat(121) }).expect(400);
    await put({ unknownField: 1 }).expect(400);
    expect((await put({ logo: 'not base64 !!' }).expect(400)).body.message).toMatch(/logo must be a base64 data URL/);
    expect((await put({ logo: dataUrl('image/png', 'just some text') }).expect(415)).body.message).toMatch(/logo must be a PNG, JPEG or SVG image/);
    const evil = [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="file:///etc/passwd" width="10" height="10"/></svg>',
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" height="10" style="fill:url(https://evil.example/x)"/></svg>',
    ];
    for (const svg of evil) {
      expect((await put({ logo: dataUrl('image/svg+xml', svg) }).expect(400)).body.message).toMatch(/SVG must not contain scripts/);
    }
    expect((await put({ logo: dataUrl('image/png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])) }).expect(400)).body.message).toMatch(
      /logo could not be read as an image/,
    );
    const huge = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#ffffff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect((await put({ logo: dataUrl('image/png', huge) }).expect(413)).body.message).toMatch(/megapixels/);
    // In the caller's language.
    const it = await t.http.put(url(org.id)).set('Authorization', manager.auth).set('Accept-Language', 'it').send({ logo: dataUrl('image/png', 'text') }).expect(415);
    expect(it.body.message).toMatch(/deve essere un’immagine PNG, JPEG o SVG/);
  }, SLOW);

  it('puts the contact e-mail, website and logo into the public issuer Profile; the logo is served publicly, per organisation (issue #16 point 1)', async () => {
    const org = await t.newOrganisation({ name: 'Istituto Aperto' });
    const other = await t.newOrganisation({ name: 'Altra Scuola' });
    const manager = await t.newManager(org.id);
    const otherManager = await t.newManager(other.id);
    const publicUrl = t.config.publicUrl.replace(/\/+$/, '');

    // Before any branding: the profile's url is this server, no e-mail, no image; no logo.
    const bare = await t.http.get(`/api/issuers/${org.id}`).expect(200);
    expect(bare.body).toMatchObject({ name: 'Istituto Aperto', url: t.config.publicUrl });
    expect(bare.body.email).toBeUndefined();
    expect(bare.body.image).toBeUndefined();
    await t.http.get(`/api/issuers/${org.id}/logo`).expect(404);

    const saved = await t.http
      .put(url(org.id))
      .set('Authorization', manager.auth)
      .send({ logo: png, contactEmail: ' Certificati@Istituto-Aperto.example ', websiteUrl: 'https://www.istituto-aperto.example/chi-siamo' })
      .expect(200);
    expect(saved.body).toMatchObject({
      contactEmail: 'Certificati@Istituto-Aperto.example',
      websiteUrl: 'https://www.istituto-aperto.example/chi-siamo',
      logoUrl: `${publicUrl}/api/issuers/${org.id}/logo`,
    });
    const stored = Buffer.from(String(saved.body.logo.dataUrl).split(',')[1]!, 'base64');
    await t.http.put(url(other.id)).set('Authorization', otherManager.auth).send({ logo: jpegWithExif, contactEmail: 'info@altra.example' }).expect(200);

    const profile = await t.http.get(`/api/issuers/${org.id}`).expect(200);
    expect(profile.body).toMatchObject({
      id: `${publicUrl}/api/issuers/${org.id}`,
      name: 'Istituto Aperto',
      url: 'https://www.istituto-aperto.example/chi-siamo',
      email: 'Certificati@Istituto-Aperto.example',
      image: { id: `${publicUrl}/api/issuers/${org.id}/logo`, type: 'Image' },
    });

    // The logo URL answers anyone with exactly the stored bytes; each organisation gets its own.
    const logo = await t.http.get(`/api/issuers/${org.id}/logo`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['cache-control']).toBe('public, max-age=3600');
    expect(logo.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(logo.body as Buffer, stored)).toBe(0);
    const otherLogo = await t.http.get(`/api/issuers/${other.id}/logo`).expect(200);
    expect(otherLogo.headers['content-type']).toBe('image/jpeg');
    const otherProfile = await t.http.get(`/api/issuers/${other.id}`).expect(200);
    expect(otherProfile.body).toMatchObject({ email: 'info@altra.example', url: t.config.publicUrl, image: { id: `${publicUrl}/api/issuers/${other.id}/logo` } });
    // Nothing else is reachable through the route: not the platform issuer, not a made-up id, not a path.
    await t.http.get('/api/issuers/kindling/logo').expect(404);
    await t.http.get('/api/issuers/00000000-0000-4000-8000-000000000000/logo').expect(404);
    await t.http.get(`/api/issuers/${org.id}%2F..%2F${other.id}/logo`).expect(404);

    // Removing the logo removes the image; the website and e-mail can be removed too.
    await t.http.put(url(org.id)).set('Authorization', manager.auth).send({ logo: null, websiteUrl: null, contactEmail: null }).expect(200);
    await t.http.get(`/api/issuers/${org.id}/logo`).expect(404);
    const after = await t.http.get(`/api/issuers/${org.id}`).expect(200);
    expect(after.body.image).toBeUndefined();
    expect(after.body.email).toBeUndefined();
    expect(after.body.url).toBe(t.config.publicUrl);
  }, SLOW);

  it('refuses a bad contact e-mail or a website that is not https, naming the field', async () => {
    const org = await t.newOrganisation();
    const manager = await t.newManager(org.id);
    const put = (body: object, lang = 'en') => t.http.put(url(org.id)).set('Authorization', manager.auth).set('Accept-Language', lang).send(body);
    const text = (body: { message: string | string[] }) => [body.message].flat().join(' ');
    expect(text((await put({ contactEmail: 'not-an-address' }).expect(400)).body)).toMatch(/contactEmail must be an email/);
    expect(text((await put({ contactEmail: 'a'.repeat(250) + '@x.example' }).expect(400)).body)).toMatch(/contactEmail/);
    for (const bad of ['http://www.example.org', 'ftp://example.org', 'javascript:alert(1)', 'https://user:pw@example.org', 'https://localhost', 'www.example.org']) {
      expect(text((await put({ websiteUrl: bad }).expect(400)).body)).toMatch(/websiteUrl must be a public https:\/\/ address/);
    }
    expect(text((await put({ websiteUrl: 'http://www.example.org' }, 'de').expect(400)).body)).toMatch(/websiteUrl muss eine öffentliche https:\/\/-Adresse sein/);
    expect(text((await put({ contactEmail: 'nope' }, 'fr').expect(400)).body)).toMatch(/contactEmail doit être une adresse e-mail/);
    const nothing = await t.http.get(url(org.id)).set('Authorization', manager.auth).expect(200);
    expect(nothing.body).toMatchObject({ versionId: null, contactEmail: null, websiteUrl: null, logoUrl: null });
  }, SLOW);

  it('prints the branding captured at first issue; a change affects new certificates only; a re-issue keeps it unless asked for the current one', async () => {
    const org = await t.newOrganisation({ name: 'Ospedale San Luca' });
    const manager = await t.newManager(org.id);
    await t.http.put(url(org.id)).set('Authorization', manager.auth).send({ logo: png, signatoryName: 'Primo Firmatario', signatoryTitle: 'Direttore' }).expect(200);
    const course = await t.newPublishedCourse({ hours: 2 });
    const cohort = await t.newCohort({ organizationId: org.id, courseId: course.courseId });
    const learner = await t.newLearner(org.id, { name: 'Anna Bianchi' });
    const enrolment = await t.enrol({ userId: learner.id, course, cohortId: cohort.id, organizationId: org.id });
    await t.complete({ enrolmentId: enrolment.id, userId: learner.id, course });
    expect((await t.worker.get(IssueCertificateHandler).handle({ enrolmentId: enrolment.id })).outcome).toBe('issued');

    const current = async () => {
      const [row] = (await t.db.query(
        `SELECT c.id, c.branding_version_id, f.bytes FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id
           JOIN stored_files f ON f.key = d.storage_key WHERE c.enrolment_id = $1`,
        [enrolment.id],
      )) as { id: string; branding_version_id: string | null; bytes: Buffer }[];
      return { ...row!, text: (await pdf.text(row!.bytes)).replace(/\s+/g, ' ') };
    };
    const first = await current();
    expect(first.text).toContain('Primo Firmatario');
    expect(first.text).toContain('Ospedale San Luca');
    expect(first.bytes.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    const v1 = (await t.http.get(url(org.id)).set('Authorization', manager.auth).expect(200)).body.versionId as string;
    expect(first.branding_version_id).toBe(v1);

    // New branding: the issued certificate keeps the first one.
    await t.http.put(url(org.id)).set('Authorization', manager.auth).send({ signatoryName: 'Seconda Firmataria' }).expect(200);
    expect((await current()).branding_version_id).toBe(v1);

    // The manager re-issues with the current branding (allowed without a name change when asked for).
    const reissue = async (body: object) => {
      await t.http.post(`/api/certificates/${first.id}/reissue`).set('Authorization', manager.auth).send(body).expect(202);
      const [req] = (await t.db.query(`SELECT id FROM certificate_reissues WHERE certificate_id = $1 AND status = 'pending'`, [first.id])) as { id: string }[];
      expect((await t.worker.get(ReissueCertificateHandler).handle({ reissueId: req!.id })).outcome).toBe('reissued');
      return current();
    };
    await t.http.post(`/api/certificates/${first.id}/reissue`).set('Authorization', manager.auth).send({ reason: 'No change at all' }).expect(409);
    const second = await reissue({ reason: 'New head of the hospital', useCurrentBranding: true });
    expect(second.text).toContain('Seconda Firmataria');
    expect(second.text).not.toContain('Primo Firmatario');
    const v2 = (await t.http.get(url(org.id)).set('Authorization', manager.auth).expect(200)).body.versionId as string;
    expect(second.branding_version_id).toBe(v2);

    // Branding changes again; a re-issue without the flag keeps the certificate's (second) branding.
    await t.http.put(url(org.id)).set('Authorization', manager.auth).send({ signatoryName: 'Terzo Firmatario' }).expect(200);
    await t.db.query(
      `INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason, requested_by) VALUES ($1, 3, 'Anna Bianchi-Verdi', 'name corrected', $2)`,
      [first.id, manager.id],
    );
    const [req] = (await t.db.query(`SELECT id FROM certificate_reissues WHERE certificate_id = $1 AND status = 'pending'`, [first.id])) as { id: string }[];
    expect((await t.worker.get(ReissueCertificateHandler).handle({ reissueId: req!.id })).outcome).toBe('reissued');
    const third = await current();
    expect(third.text).toContain('Anna Bianchi-Verdi');
    expect(third.text).toContain('Seconda Firmataria');
    expect(third.text).not.toContain('Terzo Firmatario');
    expect(third.branding_version_id).toBe(v2);
  }, SLOW);
});
