import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22, points 1 and 3.
 *
 * `course_media`: images and PDFs uploaded for a course's lessons. A row never changes (its bytes
 * live in the certificate store under `media/<course>/<sha256>.<ext>`), so its URL is immutable;
 * the same bytes uploaded twice for one course are one row.
 *
 * `course_draft_deletions`: what a delete in a draft removed (the module, lesson and quiz rows as
 * JSON), so the author can undo it while that draft is open. Publishing or deleting the draft
 * version removes the snapshots with it (ON DELETE CASCADE on the version; restore also checks
 * that the version is still the course's draft).
 */
export class CourseMediaAndDraftDeletions1795550000000 implements MigrationInterface {
  name = 'CourseMediaAndDraftDeletions1795550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE course_media (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL CONSTRAINT fk_course_media_course REFERENCES courses(id) ON DELETE CASCADE,
        sha256 text NOT NULL CONSTRAINT ck_course_media_sha256 CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        kind text NOT NULL CONSTRAINT ck_course_media_kind CHECK (kind IN ('image', 'pdf')),
        content_type text NOT NULL CONSTRAINT ck_course_media_type CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp', 'application/pdf')),
        byte_size integer NOT NULL CONSTRAINT ck_course_media_size CHECK (byte_size > 0),
        width integer,
        height integer,
        file_name text NOT NULL,
        storage_key text NOT NULL,
        uploaded_by uuid CONSTRAINT fk_course_media_uploader REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_course_media_content UNIQUE (course_id, sha256)
      )`);
    await q.query(`
      CREATE TABLE course_draft_deletions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL CONSTRAINT fk_course_draft_deletions_course REFERENCES courses(id) ON DELETE CASCADE,
        course_version_id uuid NOT NULL CONSTRAINT fk_course_draft_deletions_version REFERENCES course_versions(id) ON DELETE CASCADE,
        item_kind text NOT NULL CONSTRAINT ck_course_draft_deletions_kind CHECK (item_kind IN ('module', 'lesson', 'quiz')),
        item_id uuid NOT NULL,
        title text NOT NULL,
        snapshot jsonb NOT NULL,
        deleted_by uuid CONSTRAINT fk_course_draft_deletions_user REFERENCES users(id) ON DELETE SET NULL,
        deleted_at timestamptz NOT NULL DEFAULT now(),
        restored_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_course_draft_deletions_version ON course_draft_deletions (course_version_id, deleted_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM stored_files WHERE key LIKE 'media/%'`);
    await q.query(`DROP TABLE IF EXISTS course_draft_deletions`);
    await q.query(`DROP TABLE IF EXISTS course_media`);
  }
}
