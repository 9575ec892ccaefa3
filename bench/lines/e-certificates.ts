import { randomUUID } from 'node:crypto';
import { CertificateRenderer, renderBarePdfkit, type CertificateContent } from '@kindling/certificates';
import {
  buildOpenBadgeCredential, documentLoader, generateIssuerKeyPair, issuerProfile, issuerProfileUrl, issuerSigner, issuerSummary,
  signCredential, statusListUrl, verificationMethodFrom,
} from '@kindling/credentials';
import type { DataSource } from 'typeorm';
import { type Line, r1, r2, say } from '../lib/report.js';
import type { BenchProcess } from '../lib/stack.js';
import { SCALE_ITEMS, type ScaleCohort } from '../scale/seed.js';

// ---------- (e) certificates end to end beside bare pdfkit ----------
export async function certificates(ds: DataSource, cohort: ScaleCohort, worker: BenchProcess, count: number, baseUrl: string): Promise<Line[]> {
  say(`\n(e) certificates: bare pdfkit and the real renderer in this process, then ${count} end to end through the worker`);
  const content = (i: number): CertificateContent => ({
    number: `KND-2026-${String(900_000 + i).padStart(6, '0')}`,
    holderName: `Zoë Müller-Ćosić ${i}`,
    courseTitle: 'Kindness at scale',
    hours: 12,
    accreditationBody: 'Scale Accreditation Board',
    accreditationReference: 'SAB-30',
    completedAt: new Date(),
    issuedAt: new Date(),
    organizationName: 'Scale Hospital',
    verificationUrl: `${baseUrl}/verify/${randomUUID()}`,
    locale: 'en',
  });
  const rate = async (render: (c: CertificateContent) => Promise<Buffer>, seconds: number): Promise<number> => {
    await render(content(0));
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) await render(content(++n));
    return n / ((performance.now() - t0) / 1000);
  };
  const bare = await rate(renderBarePdfkit, 3);
  const renderer = await CertificateRenderer.create();
  const real = await rate((c) => renderer.render(c), 3);
  say(`  bare pdfkit: ${r1(bare)} PDFs/s; CertificateRenderer (DejaVu Sans + vector QR): ${r1(real)} PDFs/s (one core, in this process)`);
  // Signing on vs off, same process, same run: the OB 3.0 credential (eddsa-rdfc-2022) the worker
  // signs before rendering, then the PDF that embeds it.
  const sign = await signingBench(baseUrl);
  const signedRate = await rate(async (c) => renderer.render({ ...c, credentialJson: await sign(c) }), 3);
  const signOnly = await rate(async (c) => Buffer.from(await sign(c)), 3);
  say(`  signing only: ${r1(signOnly)} credentials/s (${r2(1000 / signOnly)} ms each); render + sign: ${r1(signedRate)}/s vs unsigned ${r1(real)}/s`);

  // N learners who have just completed, each with its certificate request in the outbox — as
  // CompletionService writes them — committed at once; the clock runs until N certificates exist.
  const cpuBefore = worker.cpuSeconds();
  const t0 = performance.now();
  const ids = (await ds.transaction(async (em) => {
    const tag = randomUUID().slice(0, 8);
    const rows = (await em.query(
      `WITH u AS (
         INSERT INTO users (email, name, password_hash)
         SELECT 'cert-' || i || '-' || $1 || '@bench.kindling.test', 'Certificate Holder ' || i, NULL FROM generate_series(1, $2::int) i
         RETURNING id)
       INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, status, items_total, items_done,
         lessons_total, lessons_completed, progress_percent, learning_seconds, best_final_score, pre_done, post_done, started_at,
         last_activity_at, completed_at)
       SELECT u.id, $3, $4, $5, $6, 'completed', ${SCALE_ITEMS}, ${SCALE_ITEMS}, $7, $7, 100, 16200, 80, true, true,
              now() - interval '3 days', now(), now()
         FROM u RETURNING id`,
      [tag, count, cohort.courseId, cohort.courseVersionId, cohort.cohortId, cohort.organizationId, cohort.lessonIds.length],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO outbox (topic, dedupe_key, payload) SELECT 'certificate.issue', e, jsonb_build_object('enrolmentId', e) FROM unnest($1::uuid[]) e`,
      [rows.map((r) => r.id)],
    );
    return rows.map((r) => r.id);
  })) as string[];
  const committed = performance.now();
  const deadline = committed + 600_000;
  let issued = 0;
  while (performance.now() < deadline) {
    const [row] = (await ds.query(`SELECT count(*)::int AS n FROM certificates WHERE enrolment_id = ANY($1::uuid[])`, [ids])) as { n: number }[];
    issued = row?.n ?? 0;
    if (issued >= count) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - committed) / 1000;
  const cpu = worker.cpuSeconds() - cpuBefore;
  const perSecond = issued / seconds;
  const perCpuSecond = cpu > 0 ? issued / cpu : Number.NaN;
  say(`  ${issued}/${count} certificates in ${seconds.toFixed(1)} s (${r1(perSecond)}/s, one worker process); worker CPU ${cpu.toFixed(1)} s → ${r1(perCpuSecond)} per CPU-second; setup ${((committed - t0) / 1000).toFixed(1)} s`);
  return [
    { id: 'e.bare', what: 'bare pdfkit (Helvetica, no QR), one core', figures: { 'PDFs/s': r1(bare) }, target: 'baseline', met: null },
    { id: 'e.renderer', what: 'CertificateRenderer.render (DejaVu Sans, vector QR), one core', figures: { 'PDFs/s': r1(real), 'share of bare': r2(real / bare) }, target: 'report', met: null },
    { id: 'e.sign', what: 'OB 3.0 credential signing only (RDFC-1.0 + Ed25519), one core', figures: { 'credentials/s': r1(signOnly), 'ms per credential': r2(1000 / signOnly) }, target: 'report', met: null },
    {
      id: 'e.renderer-signed',
      what: 'CertificateRenderer + signed credential (signing on), one core',
      figures: { 'PDFs/s': r1(signedRate), 'unsigned PDFs/s': r1(real), 'share of unsigned': r2(signedRate / real) },
      target: 'report',
      met: null,
    },
    {
      id: 'e.end-to-end',
      what: `${count} certificates end to end: outbox → BullMQ → worker (sign credential, render, store, number, audit), 1 worker process`,
      figures: { issued, seconds: r1(seconds), 'certificates/s': r1(perSecond), 'per worker CPU-second': r1(perCpuSecond) },
      target: '≥ 60 certificates/s per worker core',
      met: issued === count && perSecond >= 60,
    },
  ];
}

/** A signer over an in-memory issuer (no database): what the worker does per credential. */
export async function signingBench(baseUrl: string): Promise<(c: CertificateContent) => Promise<string>> {
  const keys = await generateIssuerKeyPair();
  const facts = { organizationId: randomUUID(), name: 'Scale Hospital' };
  const profile = issuerProfile(baseUrl, facts, [{ keyNumber: 1, publicKeyMultibase: keys.publicKeyMultibase }]);
  const profileUrl = issuerProfileUrl(baseUrl, facts.organizationId);
  const loader = documentLoader(async (url) => (url === profileUrl ? profile : url.startsWith(`${profileUrl}#`) ? verificationMethodFrom(profile, url) : null));
  const signer = await issuerSigner(profileUrl, 1, keys.publicKeyMultibase, keys.secretKeyMultibase);
  let index = 0;
  return async (c) => {
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${randomUUID()}`,
      issuer: issuerSummary(baseUrl, facts),
      achievement: { id: `urn:uuid:${facts.organizationId}`, name: c.courseTitle, description: c.courseTitle, criteria: 'Completed the course.', hours: c.hours, accreditationBody: c.accreditationBody, accreditationReference: c.accreditationReference, language: c.locale },
      holderName: c.holderName,
      holderEmail: `holder-${index}@bench.kindling.test`,
      certificateNumber: c.number,
      verificationUrl: c.verificationUrl,
      validFrom: c.issuedAt,
      validUntil: null,
      awardedDate: c.completedAt,
      status: { listUrl: statusListUrl(profileUrl), index: index++ },
    });
    return JSON.stringify(await signCredential(credential, signer, loader));
  };
}
