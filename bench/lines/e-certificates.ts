import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
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
  /**
   * Wall rate and CPU cost of each operation in this process. The CPU time (all of the process's
   * threads, GC included) is what a worker core pays; on a busy machine the wall rate drops with
   * the share of the cores this process gets, the CPU cost much less. The operations take turns
   * in short rounds, so a change in the machine's load hits all of them alike; each figure is the
   * median of its rounds.
   */
  type Op = (c: CertificateContent) => Promise<unknown>;
  const measureTogether = async (ops: Op[], rounds: number, roundSeconds: number): Promise<{ perSecond: number; cpuMs: number }[]> => {
    const samples = ops.map(() => [] as { perSecond: number; cpuMs: number }[]);
    let n = 0;
    for (const op of ops) for (let i = 0; i < 5; i++) await op(content(++n)); // warm (JIT, caches)
    for (let round = 0; round < rounds; round++) {
      for (const [k, op] of ops.entries()) {
        let done = 0;
        const cpu0 = process.cpuUsage();
        const t0 = performance.now();
        while (performance.now() - t0 < roundSeconds * 1000) {
          await op(content(++n));
          done++;
        }
        const cpu = process.cpuUsage(cpu0);
        samples[k]!.push({ perSecond: done / ((performance.now() - t0) / 1000), cpuMs: (cpu.user + cpu.system) / 1000 / done });
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return samples.map((list) => ({ perSecond: median(list.map((x) => x.perSecond)), cpuMs: median(list.map((x) => x.cpuMs)) }));
  };
  const loadBefore = loadavg()[0]!;
  const [bareM] = await measureTogether([renderBarePdfkit], 3, 1);
  const bare = bareM!.perSecond;
  const renderer = await CertificateRenderer.create();
  // Signing on vs off, same process, same run: the OB 3.0 credential (eddsa-rdfc-2022) the worker
  // signs before rendering, then the PDF that embeds it — beside the PDF without a credential.
  const sign = await signingBench(baseUrl);
  const sample = await sign(content(0));
  const [unsigned, signOnly, embedOnly, signed] = (await measureTogether(
    [(c) => renderer.render(c), sign, (c) => renderer.render({ ...c, credentialJson: sample }), async (c) => renderer.render({ ...c, credentialJson: await sign(c) })],
    5,
    1,
  )) as [{ perSecond: number; cpuMs: number }, { perSecond: number; cpuMs: number }, { perSecond: number; cpuMs: number }, { perSecond: number; cpuMs: number }];
  const perCore = (m: { cpuMs: number }) => 1000 / m.cpuMs;
  say(`  bare pdfkit: ${r1(bare)} PDFs/s; CertificateRenderer (DejaVu Sans + vector QR, PDF/A-3b tagged): ${r1(unsigned.perSecond)} PDFs/s wall, ${r2(unsigned.cpuMs)} ms CPU each (one core, in this process)`);
  say(`  signing only: ${r1(signOnly.perSecond)} credentials/s wall, ${r2(signOnly.cpuMs)} ms CPU per credential (the signing cost); PDF with an already signed credential attached: ${r2(embedOnly.cpuMs)} ms CPU`);
  say(`  load average (1 min) ${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: figures from a busy machine are slower than on a quiet one`);
  say(`  signing on: ${r1(signed.perSecond)} PDFs/s wall, ${r2(signed.cpuMs)} ms CPU each → ${r1(perCore(signed))} per core; unsigned ${r1(perCore(unsigned))} per core`);

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
    {
      id: 'e.renderer',
      what: 'CertificateRenderer.render, no credential (signing off), one core in this process',
      figures: { 'PDFs/s': r1(unsigned.perSecond), 'CPU ms each': r2(unsigned.cpuMs), 'per core (1000 / CPU ms)': r1(perCore(unsigned)), 'share of bare': r2(unsigned.perSecond / bare) },
      target: 'report',
      met: null,
    },
    {
      id: 'e.sign',
      what: 'OB 3.0 credential signing only (JSON-LD → RDFC-1.0 + SHA-256 + Ed25519), one core: the signing cost per credential',
      figures: { 'credentials/s': r1(signOnly.perSecond), 'CPU ms per credential': r2(signOnly.cpuMs), 'PDF with the credential attached, CPU ms': r2(embedOnly.cpuMs) },
      target: 'report',
      met: null,
    },
    {
      id: 'e.renderer-signed',
      what: 'sign + CertificateRenderer with the credential attached (signing on), one core in this process',
      figures: { 'PDFs/s': r1(signed.perSecond), 'CPU ms each': r2(signed.cpuMs), 'per core': r1(perCore(signed)), 'unsigned per core': r1(perCore(unsigned)), 'signing cost ms': r2(signed.cpuMs - unsigned.cpuMs), 'load avg (1 min) before': r1(loadBefore) },
      target: 'report',
      met: null,
    },
    {
      id: 'e.end-to-end',
      what: `${count} certificates end to end, signing on: outbox → BullMQ → worker (sign credential, render, store, number, audit), 1 worker process`,
      figures: { issued, seconds: r1(seconds), 'certificates/s': r1(perSecond), 'per worker CPU-second': r1(perCpuSecond), 'worker CPU ms each': r2((cpu * 1000) / Math.max(issued, 1)), 'load avg (1 min) after': r1(loadavg()[0]!) },
      target: '≥ 60 certificates/s per worker core (per worker CPU-second, signing on)',
      met: issued === count && perCpuSecond >= 60,
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
    const i = index++;
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${randomUUID()}`,
      issuer: issuerSummary(baseUrl, facts),
      achievement: { id: `urn:uuid:${facts.organizationId}`, name: c.courseTitle, description: c.courseTitle, criteria: 'Completed the course.', hours: c.hours, accreditationBody: c.accreditationBody, accreditationReference: c.accreditationReference, language: c.locale },
      holderName: c.holderName,
      holderEmail: `holder-${i}@bench.kindling.test`,
      certificateNumber: c.number,
      verificationUrl: c.verificationUrl,
      validFrom: c.issuedAt,
      validUntil: null,
      awardedDate: c.completedAt,
      status: { listUrl: statusListUrl(profileUrl), index: i, supersededListUrl: statusListUrl(profileUrl, 'superseded') },
    });
    return JSON.stringify(await signCredential(credential, signer, loader));
  };
}
