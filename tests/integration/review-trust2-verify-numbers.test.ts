import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TestingModule } from '@nestjs/testing';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import {
  VERIFY_IP_RULE,
  VERIFY_NUMBER_IP_RULE,
} from '../../apps/api/src/certificates/verification.controller.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol } from '../support/fixtures.js';

/**
 * Outside review (trust, second round): certificate numbers are sequential and their public
 * answer names the holder, so looking certificates up by number has a budget of its own per
 * address (IPv6: per /64); the QR code, the link and the SHA-256 are
 * never held back by it. The contract's answer shape is unchanged.
 */
describe('review: holders cannot be harvested by guessing certificate numbers', () => {
  let t: TestApp;
  let worker: TestingModule;
  let cert: { number: string; code: string; sha256: string };
  const holderName = 'Nadia Sequential';
  const otherNumber = (i: number) => `KND-1999-${String(900_000 + i).padStart(6, '0')}`;

  beforeAll(async () => {
    // A Redis prefix of its own: this file spends number budgets on purpose.
    const saved = process.env.KINDLING_QUEUE_PREFIX;
    process.env.KINDLING_QUEUE_PREFIX = `${saved ?? '{kindling}'}:trust2-${Date.now().toString(36)}`;
    try {
      t = await startTestApp();
    } finally {
      if (saved === undefined) delete process.env.KINDLING_QUEUE_PREFIX;
      else process.env.KINDLING_QUEUE_PREFIX = saved;
    }
    worker = await workerServices();
    const author = await createUser(t, { platformRoles: ['author'] });
    const learner = await createUser(t, { name: holderName });
    const organizationId = await createOrganization(t, unique('Scuola Trust'));
    await addMember(t, organizationId, learner.id, 'learner');
    const course = await createPublishedCourse(t, { authorId: author.id, title: unique('Kindness in class'), hours: 3 });
    const cohortId = await createCohort(t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    expect((await worker.get(CertificateIssuer).issue(enrolmentId)).outcome).toBe('issued');
    const rows: { number: string; code: string; sha256: string }[] = await t.db.query(
      `SELECT c.number, d.verification_code AS code, d.sha256 FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
      [enrolmentId],
    );
    cert = rows[0]!;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  const verify = (path: string, from: string, language = 'en') => t.http.get(`/api/verify/${path}`).set('X-Forwarded-For', from).set('Accept-Language', language);

  it('budgets: numbers are far tighter than codes (30 an hour against 120 a minute)', () => {
    expect(VERIFY_NUMBER_IP_RULE.limit).toBeLessThanOrEqual(30);
    expect(VERIFY_NUMBER_IP_RULE.windowSeconds).toBeGreaterThanOrEqual(3600);
    expect(VERIFY_IP_RULE.limit).toBe(120); // codes and SHA-256 keep the HR office's allowance
  });

  it('one address: 30 number look-ups an hour, then 429 naming the QR code and the link; code and SHA-256 still verify', async () => {
    const from = '203.0.113.41';
    const first = await verify(cert.number, from).expect(200);
    expect(first.body).toMatchObject({ status: 'valid', number: cert.number, holderName }); // the contract's shape
    for (let i = 1; i < VERIFY_NUMBER_IP_RULE.limit; i++) await verify(i % 2 ? otherNumber(i) : cert.number.toLowerCase(), from).expect(i % 2 ? 404 : 200);

    const refused = await verify(cert.number, from, 'it').expect(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(60 * 50);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(String(refused.body.message)).toMatch(/numero di attestato.*codice QR o il link/);
    expect(JSON.stringify(refused.body)).not.toContain(holderName);
    await verify(` ${otherNumber(99)} `, from).expect(429); // spaces and case change nothing

    // The ways a certificate is meant to be checked are not held back.
    expect((await verify(cert.code, from).expect(200)).body).toMatchObject({ holderName, number: cert.number });
    expect((await verify(cert.sha256, from).expect(200)).body.number).toBe(cert.number);
    await t.http.get(`/api/verify/sha256/${cert.sha256}`).set('X-Forwarded-For', from).expect(200);
    // Another address has its own budget.
    await verify(cert.number, '203.0.113.42').expect(200);
  });

  it('IPv6: rotating addresses inside one /64 shares one budget', async () => {
    const net = '2001:db8:77:1';
    for (let i = 1; i <= VERIFY_NUMBER_IP_RULE.limit; i++) await verify(otherNumber(i), `${net}::${i.toString(16)}`).expect(404);
    const res = await verify(cert.number, `${net}:ffff:1:2:3`, 'de').expect(429);
    expect(String(res.body.message)).toMatch(/Zertifikatsnummer.*QR-Code/);
    await verify(cert.number, '2001:db8:77:2::1').expect(200); // another /64
  });

  it('no budget across all addresses: a sweep spending many addresses cannot stop someone else checking a typed number', async () => {
    for (let n = 0; n < 3; n++) {
      const from = `192.0.2.${10 + n}`;
      for (let i = 1; i <= VERIFY_NUMBER_IP_RULE.limit; i++) await verify(otherNumber(100 + i), from).expect(404);
      await verify(cert.number, from).expect(429);
    }
    const res = await verify(cert.number, '198.51.100.9', 'fr').expect(200);
    expect(res.body).toMatchObject({ status: 'valid', holderName });
  });
});
