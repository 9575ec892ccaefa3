import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface Batch {
  runId: string;
  enrolmentIds: string[];
}

/**
 * N learners with completed enrolments and the outbox rows the completing transaction
 * writes (topic certificate.issue, dedupe key = enrolment id), in a few set-based statements.
 */
export async function seedCompletedEnrolments(db: DataSource, n: number): Promise<Batch> {
  const runId = randomUUID().slice(0, 8);
  return db.transaction(async (em) => {
    const [org] = (await em.query(`INSERT INTO organizations (name, kind) VALUES ($1, 'school') RETURNING id`, [`Scuola ${runId}`])) as { id: string }[];
    const [author] = (await em.query(`INSERT INTO users (email, name, platform_roles) VALUES ($1, 'Author', '{author}') RETURNING id`, [
      `author-${runId}@example.test`,
    ])) as { id: string }[];
    const courseId = randomUUID();
    const versionId = randomUUID();
    await em.query(`INSERT INTO courses (id, author_id) VALUES ($1, $2)`, [courseId, author!.id]);
    await em.query(
      `INSERT INTO course_versions (id, course_id, version, status, title, locale, accreditation_body, accreditation_reference, accreditation_hours, published_at)
       VALUES ($1, $2, 1, 'published', $3, 'de', 'Landesinstitut', 'LI-2026-7', 6, now())`,
      [versionId, courseId, `Freundlichkeit im Klassenzimmer ${runId}`],
    );
    await em.query(`UPDATE courses SET published_version_id = $1 WHERE id = $2`, [versionId, courseId]);
    await em.query(
      `INSERT INTO users (email, name) SELECT 'fault-' || $1 || '-' || g || '@example.test', 'Zoë Müller-Ćosić ' || g FROM generate_series(1, $2::int) g`,
      [runId, n],
    );
    const enrolments = (await em.query(
      // The version has no items: its progress is what the database's rule says of that (enrolment_counters).
      `INSERT INTO enrolments (user_id, course_id, course_version_id, organization_id, status, progress_percent, completed_at)
       SELECT u.id, $2, $3, $4, 'completed', c.progress_percent, now()
         FROM users u CROSS JOIN enrolment_counters(NULL::uuid, $3::uuid) c WHERE u.email LIKE 'fault-' || $1 || '-%' RETURNING id`,
      [runId, courseId, versionId, org!.id],
    )) as { id: string }[];
    await em.query(
      `INSERT INTO outbox (topic, dedupe_key, payload) SELECT 'certificate.issue', id::text, jsonb_build_object('enrolmentId', id) FROM unnest($1::uuid[]) id`,
      [enrolments.map((e) => e.id)],
    );
    return { runId, enrolmentIds: enrolments.map((e) => e.id) };
  });
}

