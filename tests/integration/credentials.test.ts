import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { CredentialService, decodeStatusList, signCredential, statusBit, verifyCredentialSignature } from '@kindling/credentials';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { ReissueCertificateHandler } from '../../apps/worker/src/certificates/reissue-certificate.handler.js';
import { PdfTools } from '../../libs/certificates/src/__tests__/poppler.js';
import { independentlyVerify } from '../../libs/credentials/src/__tests__/independent-verifier.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

interface Issued {
  learner: TestUser;
  manager: TestUser;
  organizationId: string;
  certificateId: string;
  number: string;
  code: string;
  sha256: string;
}

describe('signed Open Badges 3.0 credentials', () => {
  let t: TestApp;
  let worker: TestingModule;
  let issuer: CertificateIssuer;
  let service: CredentialService;

  async function issue(opts: { validityMonths?: number; contact?: { email: string; url: string }; organizationId?: string } = {}): Promise<Issued> {
    const author = await createUser(t, { platformRoles: ['author'] });
    const learner = await createUser(t, { name: 'Łukasz Żółć', locale: 'it' });
    const manager = await createUser(t, { name: 'Manager' });
    const organizationId = opts.organizationId ?? (await createOrganization(t, unique('Ospedale San Gallo')));
    await addMember(t, organizationId, learner.id, 'learner');
    await addMember(t, organizationId, manager.id, 'manager');
    if (opts.contact) {
      await t.db.query(`INSERT INTO branding_versions (organization_id, contact_email, website_url) VALUES ($1, $2, $3)`, [organizationId, opts.contact.email, opts.contact.url]);
    }
    const course = await createPublishedCourse(t, { authorId: author.id, title: unique('Gentilezza in corsia'), locale: 'it', hours: 8 });
    if (opts.validityMonths) await t.db.query(`UPDATE course_versions SET certificate_validity_months = $2 WHERE id = $1`, [course.versionId, opts.validityMonths]);
    const cohortId = await createCohort(t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    expect((await issuer.issue(enrolmentId)).outcome).toBe('issued');
    const rows: { id: string; number: string; code: string; sha256: string }[] = await t.db.query(
      `SELECT c.id, c.number, d.verification_code AS code, d.sha256 FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
      [enrolmentId],
    );
    const r = rows[0]!;
    return { learner, manager, organizationId, certificateId: r.id, number: r.number, code: r.code, sha256: r.sha256 };
  }

  const credentialOf = async (s: Issued) =>
    (await t.http.get(`/api/certificates/${s.certificateId}/credential`).set('Authorization', s.learner.auth).expect(200)).body as Record<string, unknown>;

  type StatusEntry = { statusListCredential: string; statusListIndex: string; statusPurpose: string; statusMessage?: unknown };
  const entryOf = (credential: Record<string, unknown>, purpose: string): StatusEntry => {
    const entries = ([] as StatusEntry[]).concat(credential.credentialStatus as StatusEntry | StatusEntry[]);
    const entry = entries.find((e) => e.statusPurpose === purpose);
    if (!entry) throw new Error(`no ${purpose} status entry`);
    return entry;
  };
  /** The signed list an entry points to (checked with the library), and the entry's bit in it. */
  const bitOf = async (entry: StatusEntry): Promise<boolean> => {
    const list = (await t.http.get(new URL(entry.statusListCredential).pathname).expect(200)).body as Record<string, unknown>;
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect((list.credentialSubject as { statusPurpose: string }).statusPurpose).toBe(entry.statusPurpose);
    expect(await verifyCredentialSignature(list, service.loader)).toEqual({ verified: true });
    return statusBit(decodeStatusList((list.credentialSubject as { encodedList: string }).encodedList), Number(entry.statusListIndex));
  };

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

  it('issues a signed credential that the library and an independent verifier both accept, against the published issuer profile', async () => {
    const contact = { email: 'certificati@ospedale.example', url: 'https://www.ospedale.example' };
    const s = await issue({ contact });
    const credential = await credentialOf(s);
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    // The issuer's contact e-mail and website (its branding) are part of the signed credential.
    expect(credential.issuer).toMatchObject({ email: contact.email, url: contact.url });
    expect(credential['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    const subject = credential.credentialSubject as { name: string; identifier: { identityHash: string; hashed: boolean }[]; achievement: Record<string, unknown> };
    expect(subject.name).toBe('Łukasz Żółć');
    expect(subject.identifier[0]!.hashed).toBe(true);
    expect(JSON.stringify(credential)).not.toContain(s.learner.email);
    expect(subject.achievement).toMatchObject({ creditsAvailable: 8, humanCode: s.number, inLanguage: 'it' });
    const proof = credential.proof as { verificationMethod: string; cryptosuite: string };
    expect(proof.cryptosuite).toBe('eddsa-rdfc-2022');

    // The profile is public, at a stable URL; its key is what the independent path uses.
    const profileUrl = (credential.issuer as { id: string }).id;
    expect(profileUrl).toBe(`${t.app.get(CredentialService).profileUrl(s.organizationId)}`);
    const profile = (await t.http.get(new URL(profileUrl).pathname).expect(200)).body as { verificationMethod: { id: string; type: string; publicKeyMultibase: string }[]; name: string };
    expect(profile.verificationMethod[0]).toMatchObject({ id: proof.verificationMethod, type: 'Multikey' });
    expect(profile).toMatchObject({ email: contact.email, url: contact.url });
    expect(await verifyCredentialSignature(credential, service.loader)).toEqual({ verified: true });
    expect((await independentlyVerify(credential, profile.verificationMethod[0]!.publicKeyMultibase, service.loader)).valid).toBe(true);

    // The secret key is sealed at rest.
    const keys: { sealed_secret_key: string }[] = await t.db.query(`SELECT sealed_secret_key FROM issuer_keys WHERE issuer = $1`, [s.organizationId]);
    expect(keys[0]!.sealed_secret_key).toMatch(/^v1\./);

    const verified = await t.http.post('/api/verify/credential').send(credential).expect(200);
    expect(verified.body).toMatchObject({ status: 'valid', signatureValid: true, issuer: { id: profileUrl }, claims: { holderName: 'Łukasz Żółć', number: s.number, hours: 8 } });
  });

  it('a tampered credential (one character of the name) is invalid, with the reason', async () => {
    const s = await issue();
    const credential = await credentialOf(s);
    (credential.credentialSubject as { name: string }).name = 'Łukasz Żółč';
    const res = await t.http.post('/api/verify/credential').send(credential).expect(200);
    expect(res.body).toMatchObject({ status: 'invalid', signatureValid: false, reason: 'signature' });
    const notOne = await t.http.post('/api/verify/credential').send({ hello: 'world' }).expect(200);
    expect(notOne.body).toMatchObject({ status: 'invalid', reason: 'not-a-credential' });
    await t.http.post('/api/verify/credential').set('Content-Type', 'application/json').send('[1,2]').expect(400);
  });

  it('revocation flips the bit in the issuer\'s signed status list, and verification says revoked', async () => {
    const s = await issue();
    const credential = await credentialOf(s);
    await t.http.post(`/api/certificates/${s.certificateId}/revocation`).set('Authorization', s.manager.auth).send({ reason: 'Issued in error' }).expect(200);
    const status = entryOf(credential, 'revocation');
    expect(status.statusPurpose).toBe('revocation');
    const list = (await t.http.get(new URL(status.statusListCredential).pathname).expect(200)).body as Record<string, unknown>;
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(await verifyCredentialSignature(list, service.loader)).toEqual({ verified: true });
    const bits = decodeStatusList((list.credentialSubject as { encodedList: string }).encodedList);
    expect(statusBit(bits, Number(status.statusListIndex))).toBe(true);
    const res = await t.http.post('/api/verify/credential').send(credential).expect(200);
    expect(res.body).toMatchObject({ status: 'revoked', signatureValid: true });
  });

  it('a re-issue flips the old credential\'s bit in the signed "message" list (0x1 superseded), not in the revocation list', async () => {
    const s = await issue();
    const old = await credentialOf(s);
    const superseded = entryOf(old, 'message');
    expect(superseded.statusMessage).toEqual([{ status: '0x0', message: 'valid' }, { status: '0x1', message: 'superseded' }]);
    expect(superseded.statusListCredential).toBe(`${service.profileUrl(s.organizationId)}/status/superseded`);
    expect(await bitOf(superseded)).toBe(false);

    await t.db.query(
      `INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason, requested_by) VALUES ($1, 2, 'Łukasz Żółć-Nowak', 'name corrected', $2)`,
      [s.certificateId, s.manager.id],
    );
    const [request] = (await t.db.query(`SELECT id FROM certificate_reissues WHERE certificate_id = $1`, [s.certificateId])) as { id: string }[];
    expect((await worker.get(ReissueCertificateHandler).handle({ reissueId: request!.id })).outcome).toBe('reissued');

    // The published lists — what a wallet reads — say superseded, not revoked; both lists are signed.
    expect(await bitOf(superseded)).toBe(true);
    expect(await bitOf(entryOf(old, 'revocation'))).toBe(false);
    expect((await t.http.post('/api/verify/credential').send(old).expect(200)).body).toMatchObject({ status: 'superseded', signatureValid: true });
    const current = await credentialOf(s);
    expect((current.credentialSubject as { name: string }).name).toBe('Łukasz Żółć-Nowak');
    expect(await bitOf(entryOf(current, 'message'))).toBe(false);
    expect((await t.http.post('/api/verify/credential').send(current).expect(200)).body).toMatchObject({ status: 'valid', signatureValid: true });
    await t.http.get('/api/issuers/not-an-issuer/status/superseded').expect(404);
  });

  it('a replaced credential signed before the superseded list existed is withdrawn by its revocation bit, and still reads "superseded"', async () => {
    const s = await issue();
    // Make the stored credential a legacy one: re-signed with the revocation entry only.
    const current = await credentialOf(s);
    const { proof: _proof, credentialStatus, ...unsigned } = current;
    const revocation = entryOf(current, 'revocation');
    expect(Array.isArray(credentialStatus)).toBe(true);
    const legacy = await signCredential({ ...unsigned, credentialStatus: revocation }, await service.signer(s.organizationId), service.loader);
    await t.db.query(`UPDATE certificate_documents d SET credential_json = $2 FROM certificates c WHERE c.id = $1 AND d.id = c.current_document_id`, [s.certificateId, JSON.stringify(legacy)]);
    await t.db.query(
      `INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason, requested_by) VALUES ($1, 2, 'Łukasz Żółć-Nowak', 'name corrected', $2)`,
      [s.certificateId, s.manager.id],
    );
    const [request] = (await t.db.query(`SELECT id FROM certificate_reissues WHERE certificate_id = $1`, [s.certificateId])) as { id: string }[];
    expect((await worker.get(ReissueCertificateHandler).handle({ reissueId: request!.id })).outcome).toBe('reissued');
    expect(await bitOf(revocation)).toBe(true);
    expect((await t.http.post('/api/verify/credential').send(legacy).expect(200)).body).toMatchObject({ status: 'superseded', signatureValid: true });
  });

  it('the PDF is PDF/A-3b and tagged, and pdfdetach extracts its credential.json, which both verifiers accept', async () => {
    const s = await issue();
    const res = await t.http
      .get(`/api/certificates/${s.certificateId}/pdf`)
      .set('Authorization', s.learner.auth)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const pdf = res.body as Buffer;
    const tools = await PdfTools.create();
    try {
      const info = await tools.info(pdf);
      expect(info['Tagged']).toBe('yes');
      expect(info['Metadata Stream']).toBe('yes');
      const xmp = await tools.xmp(pdf);
      expect(xmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
      expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
      expect(await tools.attachments(pdf)).toEqual(['credential.json']);
      const extracted = JSON.parse((await tools.detach(pdf, 'credential.json')).toString('utf8')) as Record<string, unknown>;
      expect(extracted).toEqual(await credentialOf(s));
      expect(await verifyCredentialSignature(extracted, service.loader)).toEqual({ verified: true });
      const profile = (await t.http.get(`/api/issuers/${s.organizationId}`).expect(200)).body as { verificationMethod: { publicKeyMultibase: string }[] };
      expect((await independentlyVerify(extracted, profile.verificationMethod[0]!.publicKeyMultibase, service.loader)).valid).toBe(true);
      expect((await t.http.post('/api/verify/credential').send(extracted).expect(200)).body).toMatchObject({ status: 'valid', verificationCode: s.code });
    } finally {
      await tools.cleanup();
    }
  });

  it('verifies by the printed number and by a pasted SHA-256; the course validity gives validUntil and "expired"', async () => {
    const s = await issue({ validityMonths: 24 });
    const byNumber = await t.http.get(`/api/verify/${s.number.toLowerCase()}`).expect(200);
    expect(byNumber.body).toMatchObject({ status: 'valid', number: s.number });
    const year = new Date().getUTCFullYear();
    expect(new Date(byNumber.body.validUntil).getUTCFullYear()).toBe(year + 2);
    await t.http.get(`/api/verify/${s.sha256}`).expect(200);
    await t.http.get(`/api/verify/KND-1999-999999`).expect(404);
    const credential = await credentialOf(s);
    expect(credential.validUntil).toBe(new Date(byNumber.body.validUntil).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    const later = new Date(Date.now() + 25 * 31 * 86_400_000);
    expect((await service.verify(credential, later)).status).toBe('expired');
    await t.db.query(`UPDATE certificates SET valid_until = now() - interval '1 day' WHERE id = $1`, [s.certificateId]);
    expect((await t.http.get(`/api/verify/${s.code}`).expect(200)).body.status).toBe('expired');
  });

  it('rotating the issuer key keeps old credentials verifiable', async () => {
    const s = await issue();
    const before = await credentialOf(s);
    const oldMethod = (before.proof as { verificationMethod: string }).verificationMethod;
    expect(oldMethod).toMatch(/#key-1$/);
    await t.db.transaction((em) => service.rotate(s.organizationId, em));
    const profile = (await t.http.get(`/api/issuers/${s.organizationId}`).expect(200)).body as { verificationMethod: { id: string; publicKeyMultibase: string }[]; assertionMethod: string[] };
    expect(profile.verificationMethod).toHaveLength(2);
    // The retired public key stays published and resolvable (as a Multikey document) …
    const retired = profile.verificationMethod.find((m) => m.id === oldMethod)!;
    expect(profile.assertionMethod).toContain(oldMethod);
    expect(((await service.loader(oldMethod)) as { document: unknown }).document).toMatchObject({ id: oldMethod, type: 'Multikey', publicKeyMultibase: retired.publicKeyMultibase });
    // … so the old credential verifies both ways, and the next one is signed with key 2.
    expect((await t.http.post('/api/verify/credential').send(before).expect(200)).body.status).toBe('valid');
    expect((await independentlyVerify(before, retired.publicKeyMultibase, service.loader)).valid).toBe(true);
    const next = await credentialOf(await issue({ organizationId: s.organizationId }));
    expect((next.proof as { verificationMethod: string }).verificationMethod).toBe(oldMethod.replace(/#key-1$/, '#key-2'));
    expect((await t.http.post('/api/verify/credential').send(next).expect(200)).body.status).toBe('valid');
    await t.http.get('/api/issuers/not-an-issuer').expect(404);
  });
});
