import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { CredentialService } from '@kindling/credentials';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { PdfTools } from '../../libs/certificates/src/__tests__/poppler.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

/**
 * Outside review of what a certificate says (trust): a verifier must see what was issued,
 * whatever shape the JSON-LD of a credential is sent in, and the verification page must show
 * the holder's name as the PDF prints it.
 */
describe('review: what a verifier is told matches what was issued', () => {
  let t: TestApp;
  let worker: TestingModule;
  let issuer: CertificateIssuer;
  let service: CredentialService;

  interface Issued {
    learner: TestUser;
    certificateId: string;
    code: string;
  }

  async function issue(opts: { holderName: string; courseTitle?: string; validityMonths?: number }): Promise<Issued> {
    const author = await createUser(t, { platformRoles: ['author'] });
    const learner = await createUser(t, { name: opts.holderName });
    const organizationId = await createOrganization(t, unique('Trust Hospital'));
    await addMember(t, organizationId, learner.id, 'learner');
    const course = await createPublishedCourse(t, { authorId: author.id, title: opts.courseTitle ?? unique('Kindness at the bedside'), hours: 6 });
    if (opts.validityMonths) await t.db.query(`UPDATE course_versions SET certificate_validity_months = $2 WHERE id = $1`, [course.versionId, opts.validityMonths]);
    const cohortId = await createCohort(t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    expect((await issuer.issue(enrolmentId)).outcome).toBe('issued');
    const rows: { id: string; code: string }[] = await t.db.query(
      `SELECT c.id, d.verification_code AS code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
      [enrolmentId],
    );
    return { learner, certificateId: rows[0]!.id, code: rows[0]!.code };
  }

  const credentialOf = async (s: Issued) =>
    (await t.http.get(`/api/certificates/${s.certificateId}/credential`).set('Authorization', s.learner.auth).expect(200)).body as Record<string, unknown>;

  beforeAll(async () => {
    t = await startTestApp();
    worker = await workerServices();
    issuer = worker.get(CertificateIssuer);
    service = worker.get(CredentialService);
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
  });

  it('an expired credential never reads "valid" when its validUntil is resent as an equivalent JSON-LD value object', async () => {
    const s = await issue({ holderName: 'Greta Expired', validityMonths: 1 });
    const credential = await credentialOf(s);
    expect(typeof credential.validUntil).toBe('string');
    const later = new Date(Date.now() + 3 * 31 * 86_400_000);
    expect((await service.verify(credential, later)).status).toBe('expired');

    // The same statement as a JSON-LD value object (same RDF), which a plain reading of the JSON
    // would take for "no date": it must never come out "valid" (the library refuses the shape).
    const reshaped = { ...credential, validUntil: { '@value': credential.validUntil, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' } };
    expect((await service.verify(reshaped, later)).status).not.toBe('valid');
  });

  it("the record's expiry counts for a credential too: the verification page and the credential check agree", async () => {
    const s = await issue({ holderName: 'Hugo Record', validityMonths: 24 });
    const credential = await credentialOf(s);
    await t.db.query(`UPDATE certificates SET valid_until = now() - interval '1 day' WHERE id = $1`, [s.certificateId]);
    expect((await t.http.get(`/api/verify/${s.code}`).expect(200)).body.status).toBe('expired');
    expect((await t.http.post('/api/verify/credential').send(credential).expect(200)).body.status).toBe('expired');
  });

  it('claims come from the issued record: an equivalent reshaping of the JSON cannot blank or change what is shown', async () => {
    const s = await issue({ holderName: 'Ines Claims' });
    const credential = await credentialOf(s);
    const issued = (await t.http.post('/api/verify/credential').send(credential).expect(200)).body as { status: string; claims: Record<string, unknown> };
    expect(issued).toMatchObject({ status: 'valid', claims: { holderName: 'Ines Claims', hours: 6 } });

    const subject = credential.credentialSubject as Record<string, unknown>;
    const variants: Record<string, unknown>[] = [
      { ...credential, credentialSubject: [subject] },
      { ...credential, credentialSubject: { ...subject, name: { '@value': subject.name } } },
    ];
    for (const variant of variants) {
      const res = (await t.http.post('/api/verify/credential').send(variant).expect(200)).body as { status: string; signatureValid: boolean; claims: Record<string, unknown> };
      expect(res.signatureValid).toBe(true);
      expect(res.status).toBe('valid');
      expect(res.claims).toEqual(issued.claims);
    }
  });

  it('bidi controls in a name or title: the verification page, the signed credential and the PDF say the same thing', async () => {
    // "\u202EnosnhoJ nhoJ" is shown by a browser as "John Johnson"; the PDF drops the override and prints "nosnhoJ nhoJ".
    const s = await issue({ holderName: '\u202EnosnhoJ nhoJ', courseTitle: `Kindness \u2067${unique('care')}\u2069 \u202Bward` });
    const verified = (await t.http.get(`/api/verify/${s.code}`).expect(200)).body as { holderName: string; courseTitle: string };
    const controls = /[\u202a-\u202e\u2066-\u2069]/;
    expect(verified.holderName).toBe('nosnhoJ nhoJ');
    expect(verified.courseTitle).not.toMatch(controls);
    const credential = await credentialOf(s);
    expect((credential.credentialSubject as { name: string }).name).toBe('nosnhoJ nhoJ');
    expect(JSON.stringify(credential)).not.toMatch(controls);
    const checked = (await t.http.post('/api/verify/credential').send(credential).expect(200)).body as { status: string; claims: { holderName: string } };
    expect(checked).toMatchObject({ status: 'valid', claims: { holderName: 'nosnhoJ nhoJ' } });

    const pdf = (await t.http.get(`/api/certificates/${s.certificateId}/pdf`).set('Authorization', s.learner.auth).buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200)).body as Buffer;
    const tools = await PdfTools.create();
    try {
      const text = (await tools.text(pdf)).replace(/\s+/g, ' ');
      expect(text).toContain(verified.holderName);
      expect(text).toContain(verified.courseTitle);
    } finally {
      await tools.cleanup();
    }
  });
});
