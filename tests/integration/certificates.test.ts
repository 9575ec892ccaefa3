import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CERTIFICATE_LABELS } from '@kindling/certificates';
import { jobIdFor, JobName, QueueName } from '@kindling/queue';
import { CertificateIssuer } from '../../apps/worker/src/certificates/certificate-issuer.service.js';
import { IssueCertificateHandler } from '../../apps/worker/src/certificates/issue-certificate.handler.js';
import { ReissueCertificateHandler } from '../../apps/worker/src/certificates/reissue-certificate.handler.js';
import { CertificateSweep } from '../../apps/worker/src/certificates/certificate-sweep.service.js';
import { DirectoryPdfStorage, PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import type { TestingModule } from '@nestjs/testing';
import { OutboxRelay } from '../../apps/worker/src/outbox/outbox-relay.service.js';
import { VERIFY_IP_RULE } from '../../apps/api/src/certificates/verification.controller.js';
import { RateLimiter } from '../../apps/api/src/identity/rate-limit/rate-limiter.service.js';
import { startTestApp, type TestApp, unique } from '../support/app.js';
import { workerServices } from '../support/worker.js';
import { addMember, complete, createCohort, createOrganization, createPublishedCourse, createUser, enrol, type TestUser } from '../support/fixtures.js';

const run = promisify(execFile);

interface Scenario {
  learner: TestUser;
  manager: TestUser;
  organizationId: string;
  enrolmentId: string;
  courseTitle: string;
}

describe('certificates', () => {
  let t: TestApp;
  let config: KindlingConfig;
  let worker: TestingModule;
  let issuer: CertificateIssuer;
  let dir: string;

  /** A learner whose enrolment is completed (as the learning team's completion leaves it), plus its org's manager. */
  async function completedEnrolment(opts: { name?: string; locale?: 'en' | 'it' | 'de' | 'fr'; completedAgoMs?: number } = {}): Promise<Scenario> {
    const author = await createUser(t, { platformRoles: ['author'] });
    // The learner speaks the course's language: a certificate is printed in the learner's language (issue 17).
    const learner = await createUser(t, { name: opts.name ?? 'Zoë Müller-Ćosić', locale: opts.locale ?? 'en' });
    const manager = await createUser(t, { name: 'Manager' });
    const organizationId = await createOrganization(t, unique('Ospedale Łódź'));
    await addMember(t, organizationId, learner.id, 'learner');
    await addMember(t, organizationId, manager.id, 'manager');
    const courseTitle = unique('Kindness at the bedside');
    const course = await createPublishedCourse(t, { authorId: author.id, title: courseTitle, locale: opts.locale ?? 'en', hours: 4.5 });
    const cohortId = await createCohort(t, { organizationId, courseId: course.courseId });
    const enrolmentId = await enrol(t, { userId: learner.id, course, cohortId, organizationId });
    await complete(t, { enrolmentId, userId: learner.id, course });
    if (opts.completedAgoMs) {
      // The clock, not a rule: the completion happened that long ago.
      await t.db.query(`UPDATE enrolments SET completed_at = completed_at - make_interval(secs => $2::double precision / 1000) WHERE id = $1`, [
        enrolmentId,
        opts.completedAgoMs,
      ]);
    }
    return { learner, manager, organizationId, enrolmentId, courseTitle };
  }

  async function issued(enrolmentId: string): Promise<{ id: string; number: string; code: string; sha256: string }> {
    const rows: { id: string; number: string; code: string; sha256: string }[] = await t.db.query(
      `SELECT c.id, c.number, d.verification_code AS code, d.sha256 FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.enrolment_id = $1`,
      [enrolmentId],
    );
    expect(rows).toHaveLength(1);
    return rows[0]!;
  }

  const download = (auth: string, id: string) =>
    t.http
      .get(`/api/certificates/${id}/pdf`)
      .set('Authorization', auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    t = await startTestApp();
    config = t.app.get<KindlingConfig>(KINDLING_CONFIG);
    worker = await workerServices();
    expect(worker.get<PdfStorage>(PDF_STORAGE).kind).toBe('postgres'); // the default store: these tests read stored_files
    issuer = worker.get(CertificateIssuer);
    dir = await mkdtemp(join(tmpdir(), 'kindling-cert-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await worker?.close();
    await t.close();
  });

  it('issues once however often (and however concurrently) the job runs: one certificate, one document, one stored PDF', async () => {
    const s = await completedEnrolment();
    const counter = async () =>
      ((await t.db.query(`SELECT coalesce(max(last_value), 0)::int AS v FROM certificate_number_counters WHERE year = $1`, [
        new Date().getUTCFullYear(),
      ])) as { v: number }[])[0]!.v;
    const before = await counter();
    const handler = worker.get(IssueCertificateHandler);
    const results = await Promise.all([1, 2, 3, 4].map(() => handler.handle({ enrolmentId: s.enrolmentId })));
    // The duplicates took no number: no gap. Other test files issue certificates in the same
    // database at the same time, so every number taken since `before` must belong to a certificate
    // or a reservation (none abandoned), and this enrolment holds exactly one.
    const after = await counter();
    const year = new Date().getUTCFullYear();
    const used = ((await t.db.query(
      `SELECT count(DISTINCT number)::int AS n FROM (SELECT number FROM certificates UNION ALL SELECT number FROM certificate_number_reservations) x
        WHERE number ~ $1 AND substring(number from 10)::int > $2 AND substring(number from 10)::int <= $3`,
      [`^KND-${year}-[0-9]{6}$`, before, after],
    )) as { n: number }[])[0]!.n;
    expect({ taken: after - before, used }).toEqual({ taken: used, used });
    expect(after - before).toBeGreaterThanOrEqual(1);
    const mine = (await t.db.query(
      `SELECT (SELECT count(*)::int FROM certificates WHERE enrolment_id = $1) + (SELECT count(*)::int FROM certificate_number_reservations WHERE enrolment_id = $1 AND number NOT IN (SELECT number FROM certificates WHERE enrolment_id = $1)) AS n`,
      [s.enrolmentId],
    )) as { n: number }[];
    expect(mine[0]!.n).toBe(1);
    expect(results.filter((r) => r.outcome === 'issued')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'exists')).toHaveLength(3);
    expect((await issuer.issue(s.enrolmentId)).outcome).toBe('exists');
    const cert = await issued(s.enrolmentId);
    expect(cert.number).toMatch(new RegExp(`^KND-${new Date().getUTCFullYear()}-\\d{6}$`));
    const counts: { docs: number; files: number }[] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM certificate_documents WHERE certificate_id = $1) AS docs,
              (SELECT count(*)::int FROM stored_files WHERE key LIKE 'certificates/' || $1 || '/%') AS files`,
      [cert.id],
    );
    expect(counts[0]).toEqual({ docs: 1, files: 1 });
    // the database refuses a second certificate for the enrolment, whatever the code does
    await expect(
      t.db.query(
        `INSERT INTO certificates (enrolment_id, user_id, number, holder_name, course_title, locale, completed_at, current_document_id)
         SELECT enrolment_id, user_id, number || '-x', holder_name, course_title, locale, completed_at, current_document_id FROM certificates WHERE id = $1`,
        [cert.id],
      ),
    ).rejects.toThrow(/uq_certificates_enrolment/);
  });

  it('numbers certificates sequentially within the year and skips enrolments that are not completed', async () => {
    const a = await completedEnrolment();
    const b = await completedEnrolment();
    const r1 = await issuer.issue(a.enrolmentId);
    const r2 = await issuer.issue(b.enrolmentId);
    if (r1.outcome !== 'issued' || r2.outcome !== 'issued') throw new Error('expected two issues');
    const n1 = Number(r1.number.slice(-6));
    const n2 = Number(r2.number.slice(-6));
    expect(n2).toBeGreaterThan(n1);
    const active = await completedEnrolment();
    await t.db.query(`UPDATE enrolments SET status = 'active', completed_at = NULL WHERE id = $1`, [active.enrolmentId]);
    expect((await issuer.issue(active.enrolmentId)).outcome).toBe('skipped');
  });

  it('prints Unicode names, the course, number and a QR code encoding the verification URL; metadata is set', async () => {
    const names = ['Zoë Müller-Ćosić', 'Łukasz Żółć', 'Şebnem Öztürk'];
    for (const [i, name] of names.entries()) {
      const s = await completedEnrolment({ name, locale: i === 1 ? 'it' : 'en' });
      await issuer.issue(s.enrolmentId);
      const cert = await issued(s.enrolmentId);
      const res = await download(s.learner.auth, cert.id).expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(cert.sha256);
      const file = join(dir, `${cert.id}.pdf`);
      await writeFile(file, pdf);
      const text = (await run('pdftotext', ['-layout', file, '-'])).stdout.replace(/\s+/g, ' ');
      expect(text).toContain(name);
      expect(text).toContain(cert.number);
      expect(text).toContain(s.courseTitle);
      if (i === 1) expect(text.toLowerCase()).toContain(CERTIFICATE_LABELS.it.title.toLowerCase());
      const info = (await run('pdfinfo', [file])).stdout;
      expect(info).toMatch(/Page size:\s+841.89 x 595.28 pts \(A4\)/);
      expect(info).toMatch(/Title:\s+.*KND-/);
      expect(info).toMatch(/Author:\s+Kindling/);
      expect(info).toContain(name);
      await run('pdftoppm', ['-r', '150', '-png', '-singlefile', file, join(dir, cert.id)]);
      const qr = (await run('zbarimg', ['--raw', '-q', join(dir, `${cert.id}.png`)])).stdout.trim();
      expect(qr).toBe(`${config.publicUrl}/verify/${cert.code}`);
    }
  }, 60_000);

  it('verifies by code and by SHA-256 with the contract fields; unknown codes are 404', async () => {
    const s = await completedEnrolment({ name: 'Şebnem Öztürk' });
    await issuer.issue(s.enrolmentId);
    const cert = await issued(s.enrolmentId);
    expect(cert.code).toMatch(/^[A-Za-z0-9_-]{24,}$/); // base64url, ≥ 128 bits
    const res = await t.http.get(`/api/verify/${cert.code}`).expect(200);
    expect(res.body).toMatchObject({
      status: 'valid',
      number: cert.number,
      holderName: 'Şebnem Öztürk',
      courseTitle: s.courseTitle,
      hours: 4.5,
      accreditation: { body: 'Test Accreditation Board', reference: 'TAB-001' },
      sha256: cert.sha256,
    });
    expect(typeof res.body.organization).toBe('string');
    expect(Date.parse(res.body.completedAt)).not.toBeNaN();
    expect(Date.parse(res.body.issuedAt)).not.toBeNaN();
    expect(res.body.revokedAt).toBeUndefined();
    const bySha = await t.http.get(`/api/verify/sha256/${cert.sha256}`).expect(200);
    expect(bySha.body).toEqual(res.body);
    await t.http.get(`/api/verify/${'A'.repeat(24)}`).expect(404);
    await t.http.get('/api/verify/not-a-code').expect(404);
    await t.http.get(`/api/verify/sha256/${'0'.repeat(64)}`).expect(404);
  });

  it('rate-limits verification per address through Redis (429 with Retry-After)', async () => {
    // An app of its own with a private Redis key prefix: filling the loopback address's shared
    // bucket would make verifications of browser tests running beside this one answer 429.
    const saved = process.env.KINDLING_QUEUE_PREFIX;
    process.env.KINDLING_QUEUE_PREFIX = `${saved ?? '{kindling}'}:verify-${Date.now().toString(36)}`;
    let own: TestApp;
    try {
      own = await startTestApp();
    } finally {
      if (saved === undefined) delete process.env.KINDLING_QUEUE_PREFIX;
      else process.env.KINDLING_QUEUE_PREFIX = saved;
    }
    const t = own;
    const limiter = t.app.get(RateLimiter, { strict: false });
    await t.http.get(`/api/verify/${'B'.repeat(24)}`).expect(404);
    const candidates = ['::ffff:127.0.0.1', '127.0.0.1', '::1'];
    const counts = await Promise.all(candidates.map((ip) => limiter.peek('verify', ip)));
    const ip = candidates[counts.findIndex((c) => c.count > 0)]!;
    try {
      for (let i = 0; i < VERIFY_IP_RULE.limit; i++) await limiter.hit('verify', ip, VERIFY_IP_RULE);
      const res = await t.http.get(`/api/verify/${'B'.repeat(24)}`).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limiter.reset('verify', ip);
    }
    await t.http.get(`/api/verify/${'B'.repeat(24)}`).expect(404);
    await t.close();
  });

  it('lets only the holder, its managers and admins see a certificate', async () => {
    const s = await completedEnrolment();
    await issuer.issue(s.enrolmentId);
    const cert = await issued(s.enrolmentId);
    const stranger = await createUser(t);
    const otherManager = await createUser(t);
    await addMember(t, await createOrganization(t), otherManager.id, 'manager');
    const admin = await createUser(t, { platformRoles: ['admin'] });
    await download(stranger.auth, cert.id).expect(404);
    await download(otherManager.auth, cert.id).expect(404);
    await download(s.manager.auth, cert.id).expect(200);
    await download(admin.auth, cert.id).expect(200);
    await t.http.get(`/api/certificates/${cert.id}/pdf`).expect(401);
    const mine = await t.http.get('/api/me/certificates').set('Authorization', s.learner.auth).expect(200);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({ id: cert.id, number: cert.number, status: 'valid', verificationUrl: `${config.publicUrl}/verify/${cert.code}` });
    expect((await t.http.get('/api/me/certificates').set('Authorization', stranger.auth).expect(200)).body).toEqual([]);
    const found = await t.http.get(`/api/organizations/${s.organizationId}/certificates?q=${cert.number}`).set('Authorization', s.manager.auth).expect(200);
    expect(found.body).toMatchObject({ total: 1, page: 1, items: [{ id: cert.id }] });
    const byName = await t.http.get(`/api/organizations/${s.organizationId}/certificates?q=müller`).set('Authorization', s.manager.auth).expect(200);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toContain(cert.id);
    await t.http.get(`/api/organizations/${s.organizationId}/certificates`).set('Authorization', otherManager.auth).expect(404);
    await t.http.get(`/api/organizations/${s.organizationId}/certificates?pageSize=0`).set('Authorization', s.manager.auth).expect(400);
  });

  it('revokes with a reason, keeps the record, says revoked on verification, and stops the holder’s download', async () => {
    const s = await completedEnrolment();
    await issuer.issue(s.enrolmentId);
    const cert = await issued(s.enrolmentId);
    const url = `/api/certificates/${cert.id}/revocation`;
    await t.http.post(url).set('Authorization', s.learner.auth).send({ reason: 'I would like to' }).expect(404);
    await t.http.post(url).set('Authorization', s.manager.auth).send({}).expect(400);
    const res = await t.http.post(url).set('Authorization', s.manager.auth).send({ reason: 'Enrolled under the wrong name' }).expect(200);
    expect(res.body).toMatchObject({ status: 'revoked', revocationReason: 'Enrolled under the wrong name' });
    const again = await t.http.post(url).set('Authorization', s.manager.auth).send({ reason: 'Twice' }).expect(409);
    expect(String(again.body.message)).toMatch(/already revoked/);
    const rows: { status: string; revoked_by: string; revocation_reason: string; revoked_at: Date }[] = await t.db.query(
      `SELECT status, revoked_by, revocation_reason, revoked_at FROM certificates WHERE id = $1`,
      [cert.id],
    );
    expect(rows[0]).toMatchObject({ status: 'revoked', revoked_by: s.manager.id, revocation_reason: 'Enrolled under the wrong name' });
    const verify = await t.http.get(`/api/verify/${cert.code}`).expect(200);
    expect(verify.body).toMatchObject({ status: 'revoked', revocationReason: 'Enrolled under the wrong name', number: cert.number });
    expect(Date.parse(verify.body.revokedAt)).not.toBeNaN();
    const gone = await download(s.learner.auth, cert.id).expect(410);
    expect(gone.headers['content-type']).toMatch(/json/);
    const record = await download(s.manager.auth, cert.id).expect(200);
    expect(record.headers['x-certificate-status']).toBe('revoked');
    const audit: { action: string; actor_id: string }[] = await t.db.query(
      `SELECT action, actor_id FROM audit_events WHERE subject_id = $1 ORDER BY id`,
      [cert.id],
    );
    // the manager's download of the revoked record is itself an audit event (the holder's own attempt is not)
    expect(audit.map((a) => a.action)).toEqual(['certificate.issued', 'certificate.revoked', 'certificate.downloaded']);
    expect(audit[1]!.actor_id).toBe(s.manager.id);
    expect(audit[2]!.actor_id).toBe(s.manager.id);
  });

  /** The learner asks for a certificate name; enrolled in an accredited course, so it waits for the manager's approval. */
  async function approvedName(s: Scenario, name: string): Promise<void> {
    const asked = await t.http.put('/api/me/certificate-name').set('Authorization', s.learner.auth).send({ certificateName: name }).expect(200);
    expect(asked.body).toMatchObject({ approvalRequired: true, pendingRequest: { requestedName: name } });
    await t.http
      .post(`/api/organizations/${s.organizationId}/certificate-name-requests/${asked.body.pendingRequest.id}/approval`)
      .set('Authorization', s.manager.auth)
      .expect(200);
  }

  it('re-issues after an approved name correction: same number, new version; the old code and file answer superseded without the old name', async () => {
    const s = await completedEnrolment({ name: 'Lukasz Zolc' });
    await issuer.issue(s.enrolmentId);
    const old = await issued(s.enrolmentId);
    const reissue = (auth: string, body: object) => t.http.post(`/api/certificates/${old.id}/reissue`).set('Authorization', auth).send(body);
    // nothing to correct yet: a re-issue prints the approved name, which is already on the certificate
    expect((await reissue(s.manager.auth, { reason: 'Name corrected' }).expect(409)).body.message).toMatch(/already carries the holder's approved/);
    const asked = await t.http.put('/api/me/certificate-name').set('Authorization', s.learner.auth).send({ certificateName: 'Łukasz Żółć' }).expect(200);
    expect((await reissue(s.manager.auth, { reason: 'Name corrected' }).expect(409)).body.message).toMatch(/waiting for approval/);
    await t.http
      .post(`/api/organizations/${s.organizationId}/certificate-name-requests/${asked.body.pendingRequest.id}/approval`)
      .set('Authorization', s.manager.auth)
      .expect(200);
    await reissue(s.learner.auth, { reason: 'Name corrected' }).expect(404);
    await reissue(s.manager.auth, { reason: '' }).expect(400);
    // the manager cannot type a name: the name comes from the database
    const typed = await reissue(s.manager.auth, { reason: 'Name corrected', holderName: 'Somebody Else' }).expect(400);
    expect(JSON.stringify(typed.body.message)).toMatch(/holderName/);
    const accepted = await reissue(s.manager.auth, { reason: 'Name corrected after approval' }).expect(202);
    expect(accepted.body).toEqual({ certificateId: old.id, version: 2, status: 'pending' });
    expect((await reissue(s.manager.auth, { reason: 'Name corrected' }).expect(409)).body.message).toMatch(/already pending/);
    const outbox: { payload: { reissueId: string } }[] = await t.db.query(`SELECT payload FROM outbox WHERE topic = $1 AND dedupe_key = $2`, [
      JobName.ReissueCertificate,
      `${old.id}-v2`,
    ]);
    expect(outbox).toHaveLength(1);
    expect(Object.keys(outbox[0]!.payload)).toEqual(['reissueId']); // only an id: name, actor and reason stay in the database
    const [request] = (await t.db.query(`SELECT holder_name, requested_by, reason FROM certificate_reissues WHERE id = $1`, [
      outbox[0]!.payload.reissueId,
    ])) as { holder_name: string; requested_by: string; reason: string }[];
    expect(request).toEqual({ holder_name: 'Łukasz Żółć', requested_by: s.manager.id, reason: 'Name corrected after approval' });
    // the job (its outbox payload) delivered twice: one new version
    const handler = worker.get(ReissueCertificateHandler);
    const twice = await Promise.all([handler.handle(outbox[0]!.payload), handler.handle(outbox[0]!.payload)]);
    expect(twice.map((r) => r.outcome).sort()).toEqual(['already-applied', 'reissued']);
    expect(await handler.handle(outbox[0]!.payload)).toMatchObject({ outcome: 'already-applied', version: 2 });
    const current = await issued(s.enrolmentId);
    expect(current.number).toBe(old.number);
    expect(current.code).not.toBe(old.code);
    expect(current.sha256).not.toBe(old.sha256);
    const viaOldCode = await t.http.get(`/api/verify/${old.code}`).expect(200);
    expect(viaOldCode.body).toMatchObject({ status: 'superseded', currentCode: current.code, currentNumber: old.number, sha256: old.sha256 });
    expect(viaOldCode.body.holderName).toBeUndefined();
    expect(JSON.stringify(viaOldCode.body)).not.toContain('Lukasz Zolc');
    const viaOldFile = await t.http.get(`/api/verify/sha256/${old.sha256}`).expect(200);
    expect(viaOldFile.body).toMatchObject({ status: 'superseded', currentCode: current.code });
    expect(JSON.stringify(viaOldFile.body)).not.toContain('Lukasz Zolc');
    const now = await t.http.get(`/api/verify/${current.code}`).expect(200);
    expect(now.body).toMatchObject({ status: 'valid', holderName: 'Łukasz Żółć', version: 2, number: old.number });
    const pdf = await download(s.learner.auth, current.id).expect(200);
    expect(createHash('sha256').update(pdf.body as Buffer).digest('hex')).toBe(current.sha256);
    const [doc] = (await t.db.query(`SELECT holder_name FROM certificate_documents WHERE verification_code = $1`, [current.code])) as { holder_name: string }[];
    expect(doc!.holder_name).toBe('Łukasz Żółć');
    const file = join(dir, `${current.id}-v2.pdf`);
    await writeFile(file, pdf.body as Buffer);
    expect((await run('pdftotext', ['-layout', file, '-'])).stdout).toContain('Łukasz Żółć');
    const audit: { action: string; actor_id: string | null }[] = await t.db.query(
      `SELECT action, actor_id FROM audit_events WHERE subject_id = $1 ORDER BY id`,
      [old.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['certificate.issued', 'certificate.reissue-requested', 'certificate.reissued']);
    expect(audit.slice(1).map((a) => a.actor_id)).toEqual([s.manager.id, s.manager.id]);
    // the next correction gets the next version
    await approvedName(s, 'Łukasz Żółć-Nowak');
    await reissue(s.manager.auth, { reason: 'Second correction' }).expect(202);
  });

  it('stores PDFs in a directory when configured, and leaves no file behind when the transaction fails', async () => {
    const storage = new DirectoryPdfStorage(dir);
    class FailingAfterWrite extends DirectoryPdfStorage {
      override async put(...args: Parameters<DirectoryPdfStorage['put']>): Promise<void> {
        await super.put(...args);
        throw new Error('simulated failure before commit');
      }
      // A first issue stages the file before its one statement (issue_certificate).
      override async stage(...args: Parameters<DirectoryPdfStorage['stage']>): Promise<Buffer | null> {
        await super.stage(...args);
        throw new Error('simulated failure before commit');
      }
    }
    // the worker's issuer with the PDF store replaced (PDF_STORAGE=directory, and one that fails after writing)
    const dirWorker = await workerServices({ storage });
    const failingWorker = await workerServices({ storage: new FailingAfterWrite(dir) });
    try {
      const dirIssuer = dirWorker.get(CertificateIssuer);
      const s = await completedEnrolment();
      await dirIssuer.issue(s.enrolmentId);
      const cert = await issued(s.enrolmentId);
      const bytes = await readFile(join(dir, 'certificates', cert.id, 'v1.pdf'));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(cert.sha256);
      expect(await storage.get(`certificates/${cert.id}/v1.pdf`)).toEqual(bytes);
      await expect(storage.get('../etc/passwd.pdf')).rejects.toThrow(/invalid storage key/);
      // a failure after the file was written (before the commit) removes the file again
      const failing = failingWorker.get(CertificateIssuer);
      const other = await completedEnrolment();
      await expect(failing.issue(other.enrolmentId)).rejects.toThrow(/simulated/);
      expect(await t.db.query(`SELECT 1 FROM certificates WHERE enrolment_id = $1`, [other.enrolmentId])).toHaveLength(0);
      // the retry reuses the number reserved by the failed attempt: no gap in the year's sequence
      const [reserved] = (await t.db.query(`SELECT number FROM certificate_number_reservations WHERE enrolment_id = $1`, [
        other.enrolmentId,
      ])) as { number: string }[];
      expect(await dirIssuer.issue(other.enrolmentId)).toMatchObject({ outcome: 'issued', number: reserved!.number });
      await rm(join(dir, 'certificates', (await issued(other.enrolmentId)).id), { recursive: true });
      const [reissueRow] = (await t.db.query(
        `INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason) VALUES ($1, 2, 'New Name', 'test') RETURNING id`,
        [cert.id],
      )) as { id: string }[];
      await expect(failing.reissue(reissueRow!.id)).rejects.toThrow(/simulated/);
      await expect(readFile(join(dir, 'certificates', cert.id, 'v2.pdf'))).rejects.toThrow(/ENOENT/);
      const leftovers = (await run('find', [join(dir, 'certificates'), '-type', 'f'])).stdout.trim().split('\n');
      expect(leftovers).toEqual([join(dir, 'certificates', cert.id, 'v1.pdf')]);
    } finally {
      await dirWorker.close();
      await failingWorker.close();
    }
  });

  it('the sweep re-enqueues completions without a certificate under the same job id', async () => {
    const s = await completedEnrolment({ completedAgoMs: config.certificateSweepDelayMs + 5_000 });
    const relay = worker.get(OutboxRelay); // its queue connection closes with the worker's services
    const sweep = worker.get(CertificateSweep);
    expect(await sweep.sweepOnce()).toBeGreaterThanOrEqual(1);
    const job = await relay.queue(QueueName.Certificates).getJob(jobIdFor(JobName.IssueCertificate, s.enrolmentId));
    expect(job?.data).toEqual({ enrolmentId: s.enrolmentId });
    // Under `npm test` a browser test's worker may already be running this job: leave it then.
    await job?.remove().catch(() => undefined);
  });
});
