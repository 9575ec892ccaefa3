import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

// Both processes and the in-process fixtures must sign and accept the same tokens.
process.env.JWT_SECRET = 'fault-tests-secret-0123456789abcdef0123456789';

const { startTestApp } = await import('../support/app.js');
const { addMember, createCohort, createOrganization, createPublishedCourse, createUser, enrol } = await import('../support/fixtures.js');
const { startStack } = await import('../support/processes.js');
type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Restarting the real PostgreSQL and Redis under load. These run alone, after every other
 * test (scripts/test.mjs), because they take the shared servers away for a moment.
 */
const pgVersion = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql')[0] : undefined;
const canRestartPostgres = Boolean(pgVersion) && process.getuid?.() === 0;
const canRestartRedis = (() => {
  try {
    execSync('command -v redis-server && command -v redis-cli', { stdio: 'ignore' });
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
})();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('faults: PostgreSQL and Redis restarted under load', () => {
  let t: TestApp;
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeAll(async () => {
    t = await startTestApp();
    stack = await startStack({ JWT_SECRET: process.env.JWT_SECRET!, CERTIFICATE_SWEEP_DELAY_MS: '2000' });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    await t?.close().catch(() => undefined);
  }, 60_000);

  (canRestartPostgres ? it : it.skip)(
    'PostgreSQL restart: every acknowledged write survives, health reports the outage, the API recovers without a restart',
    async () => {
      const author = await createUser(t, { platformRoles: ['author'] });
      const course = await createPublishedCourse(t, { authorId: author.id, lessons: 30 });
      const org = await createOrganization(t);
      const cohort = await createCohort(t, { organizationId: org, courseId: course.courseId });
      const learners = await Promise.all(Array.from({ length: 20 }, () => createUser(t)));
      const pairs: { auth: string; enrolmentId: string; lessonId: string }[] = [];
      for (const l of learners) {
        await addMember(t, org, l.id, 'learner');
        const enrolmentId = await enrol(t, { userId: l.id, course, cohortId: cohort, organizationId: org });
        for (const lessonId of course.lessonIds) pairs.push({ auth: l.auth, enrolmentId, lessonId });
      }
      // The in-process app's pool is about to lose its connections too; the stack is what we test.
      const acknowledged: typeof pairs = [];
      const statuses = new Map<number, number>();
      const healthSeen = new Set<string>();
      let next = 0;
      let restarted = false;
      const writer = async () => {
        while (next < pairs.length) {
          const p = pairs[next++]!;
          try {
            const res = await fetch(`${stack.baseUrl}/api/enrolments/${p.enrolmentId}/lessons/${p.lessonId}/completion`, {
              method: 'PUT',
              headers: { Authorization: p.auth },
            });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.ok) acknowledged.push(p);
            else if (res.status >= 500) pairs.push(p); // retry later: not acknowledged, so not promised
          } catch {
            pairs.push(p);
          }
          if (!restarted) await sleep(25);
        }
      };
      let watching = true;
      const healthWatcher = (async () => {
        while (watching) {
          const res = await fetch(`${stack.baseUrl}/api/health`).catch(() => null);
          if (res) healthSeen.add(`${res.status}:${JSON.stringify(await res.json().catch(() => ({})))}`);
          await sleep(100);
        }
      })();
      const writers = Promise.all([writer(), writer(), writer(), writer()]);
      await until('some writes before the restart', async () => acknowledged.length > 40);
      // Stop PostgreSQL, see the outage reported while writes keep coming, then start it again.
      execSync(`pg_ctlcluster --skip-systemctl-redirect ${pgVersion} main stop -m fast`, { stdio: 'ignore' });
      try {
        await until('health to report the database down', async () => [...healthSeen].some((h) => h.startsWith('503:') && h.includes('"db":"down"')), 15_000);
      } finally {
        execSync(`pg_ctlcluster --skip-systemctl-redirect ${pgVersion} main start`, { stdio: 'ignore' });
      }
      restarted = true;
      await writers;
      watching = false;
      await healthWatcher;

      expect([...healthSeen].some((h) => h.startsWith('503:') && h.includes('"db":"down"'))).toBe(true);
      // After the restart the API answers again — the same processes, no restart of ours.
      const health = await until('health ok', async () => {
        const r = await fetch(`${stack.baseUrl}/api/health`);
        return r.ok ? r : null;
      });
      expect(health.status).toBe(200);
      // Every write that got a 2xx is in the database.
      const fresh = await startTestApp();
      try {
        const rows: { enrolment_id: string; lesson_id: string }[] = await fresh.db.query(
          `SELECT enrolment_id, lesson_id FROM lesson_completions WHERE enrolment_id = ANY($1)`,
          [[...new Set(pairs.map((p) => p.enrolmentId))]],
        );
        const stored = new Set(rows.map((r) => `${r.enrolment_id}/${r.lesson_id}`));
        const missing = acknowledged.filter((p) => !stored.has(`${p.enrolmentId}/${p.lessonId}`));
        expect(missing).toEqual([]);
        expect(acknowledged.length).toBeGreaterThan(300);
        expect([...statuses.keys()].every((s) => s < 500 || s === 503)).toBe(true);
      } finally {
        await fresh.close();
      }
    },
    150_000,
  );

  (canRestartRedis ? it : it.skip)(
    'Redis restart: reads keep working, the completion waits in the outbox and its certificate is issued afterwards',
    async () => {
      const fresh = await startTestApp();
      try {
        const author = await createUser(fresh, { platformRoles: ['author'] });
        const course = await createPublishedCourse(fresh, { authorId: author.id, lessons: 2 });
        const org = await createOrganization(fresh);
        const cohort = await createCohort(fresh, { organizationId: org, courseId: course.courseId });
        const learner = await createUser(fresh, { name: 'Redis Outage Learner' });
        await addMember(fresh, org, learner.id, 'learner');
        const enrolmentId = await enrol(fresh, { userId: learner.id, course, cohortId: cohort, organizationId: org });

        execSync('redis-cli -h 127.0.0.1 -p 6379 shutdown nosave', { stdio: 'ignore' });
        try {
          const h = await fetch(`${stack.baseUrl}/api/health`);
          expect(h.status).toBe(503);
          expect(await h.json()).toMatchObject({ redis: 'down' });
          const read = await fetch(`${stack.baseUrl}/api/courses/${course.courseId}`, { headers: { Authorization: learner.auth } });
          expect(read.status).toBe(200);
          const headers = { Authorization: learner.auth, 'Content-Type': 'application/json' };
          for (const lessonId of course.lessonIds) {
            const r = await fetch(`${stack.baseUrl}/api/enrolments/${enrolmentId}/lessons/${lessonId}/completion`, { method: 'PUT', headers });
            expect(r.status).toBe(200);
          }
          const quizId = course.quizIds[0]!;
          const attempt = await fetch(`${stack.baseUrl}/api/enrolments/${enrolmentId}/quizzes/${quizId}/attempts`, { method: 'POST', headers });
          expect(attempt.status).toBe(201);
          const { id } = (await attempt.json()) as { id: string };
          const answers = course.answers[quizId]!.map((a) => ({ questionId: a.questionId, optionIds: a.correct }));
          const submitted = await fetch(`${stack.baseUrl}/api/attempts/${id}/submission`, { method: 'POST', headers, body: JSON.stringify({ answers }) });
          expect(submitted.status).toBe(200);
          const [row] = (await fresh.db.query(`SELECT status FROM enrolments WHERE id = $1`, [enrolmentId])) as { status: string }[];
          expect(row!.status).toBe('completed');
          const pending = (await fresh.db.query(`SELECT dispatched_at FROM outbox WHERE topic = 'certificate.issue' AND dedupe_key = $1`, [enrolmentId])) as {
            dispatched_at: Date | null;
          }[];
          expect(pending).toHaveLength(1);
          expect(pending[0]!.dispatched_at).toBeNull();
        } finally {
          execSync('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no', { stdio: 'ignore' });
        }
        const cert = await until(
          'the certificate after Redis came back',
          async () => {
            const rows = (await fresh.db.query(`SELECT number FROM certificates WHERE enrolment_id = $1`, [enrolmentId])) as { number: string }[];
            return rows[0] ?? null;
          },
          60_000,
        );
        expect(cert.number).toMatch(/^KND-\d{4}-\d{6}$/);
      } finally {
        await fresh.close();
      }
    },
    120_000,
  );
});
