import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The name on an accredited certificate is verified, and the worker trusts no job data.
 *
 * - users.certificate_name: the legal name printed on certificates (NULL → users.name).
 * - user_has_accredited_enrolment(user): an enrolment that is not withdrawn in a course version
 *   with accreditation (a body or hours), or a certificate of such a course. From then on the
 *   certificate name changes only through a manager-approved certificate_name_requests row.
 * - A trigger keeps the display name free: when users.name changes while certificate_name is
 *   NULL and the user (with a proven address, or a pupil) has an accredited enrolment, the old
 *   name is frozen into certificate_name, so a display-name change never reaches a certificate.
 *   (Needs users.email_verified_at, 1795340000000-EmailVerificationAndTokenReferences.)
 * - certificate_reissues: what the API decided for a re-issue (name, actor, reason), written in
 *   the same transaction as the outbox row; the job carries only the row's id.
 */
export class CertificateNamesAndReissues1795342000000 implements MigrationInterface {
  name = 'CertificateNamesAndReissues1795342000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ADD COLUMN certificate_name text
        CONSTRAINT ck_users_certificate_name CHECK (certificate_name IS NULL OR char_length(certificate_name) BETWEEN 1 AND 200)`);

    await q.query(`
      CREATE FUNCTION user_has_accredited_enrolment(p_user uuid) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
                 SELECT 1 FROM enrolments e JOIN course_versions cv ON cv.id = e.course_version_id
                  WHERE e.user_id = p_user AND e.status <> 'withdrawn'
                    AND (cv.accreditation_body IS NOT NULL OR cv.accreditation_hours IS NOT NULL))
            OR EXISTS (
                 SELECT 1 FROM certificates c
                  WHERE c.user_id = p_user AND (c.accreditation_body IS NOT NULL OR c.hours IS NOT NULL))
      $$`);

    await q.query(`
      CREATE FUNCTION users_freeze_certificate_name() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        -- Only for an account whose holder is known (address proven, or a pupil without e-mail): the
        -- name an unverified self-registration chose must not stick to the address's real owner,
        -- who chooses their name when accepting the invitation that proves the address.
        IF NEW.name IS DISTINCT FROM OLD.name AND OLD.certificate_name IS NULL AND NEW.certificate_name IS NULL
           AND (OLD.email IS NULL OR OLD.email_verified_at IS NOT NULL)
           AND user_has_accredited_enrolment(OLD.id) THEN
          NEW.certificate_name := OLD.name;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_users_freeze_certificate_name BEFORE UPDATE OF name ON users
        FOR EACH ROW EXECUTE FUNCTION users_freeze_certificate_name()`);

    await q.query(`
      CREATE TABLE certificate_name_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT fk_certificate_name_requests_user REFERENCES users(id) ON DELETE CASCADE,
        requested_name text NOT NULL CONSTRAINT ck_certificate_name_requests_name CHECK (char_length(requested_name) BETWEEN 1 AND 200),
        previous_name text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CONSTRAINT ck_certificate_name_requests_status CHECK (status IN ('pending','approved','rejected','withdrawn')),
        requested_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid CONSTRAINT fk_certificate_name_requests_decider REFERENCES users(id) ON DELETE SET NULL,
        decided_in_organization_id uuid CONSTRAINT fk_certificate_name_requests_org REFERENCES organizations(id) ON DELETE SET NULL,
        decision_note text
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_certificate_name_requests_pending ON certificate_name_requests (user_id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX ix_certificate_name_requests_status ON certificate_name_requests (status, requested_at)`);

    await q.query(`
      CREATE TABLE certificate_reissues (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        certificate_id uuid NOT NULL CONSTRAINT fk_certificate_reissues_certificate REFERENCES certificates(id) ON DELETE CASCADE,
        version int NOT NULL CONSTRAINT ck_certificate_reissues_version CHECK (version >= 2),
        holder_name text NOT NULL CONSTRAINT ck_certificate_reissues_name CHECK (char_length(holder_name) BETWEEN 1 AND 200),
        reason text NOT NULL,
        requested_by uuid CONSTRAINT fk_certificate_reissues_requester REFERENCES users(id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CONSTRAINT ck_certificate_reissues_status CHECK (status IN ('pending','applied','cancelled')),
        finished_at timestamptz,
        document_id uuid,
        CONSTRAINT uq_certificate_reissues_version UNIQUE (certificate_id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_certificate_reissues_pending ON certificate_reissues (certificate_id) WHERE status = 'pending'`);

    // Re-issues the API accepted before this upgrade and the worker has not applied yet: their
    // outbox rows (written by the API, so trusted) become certificate_reissues rows, and the
    // outbox row is rewritten to carry only the id and dispatched again under a new job id
    // (the old job, if still in Redis, is skipped by the new worker as it carries no reissueId).
    await q.query(`
      WITH waiting AS (
        SELECT DISTINCT ON (c.id) o.id AS outbox_id, c.id AS certificate_id, (o.payload->>'version')::int AS version,
               left(btrim(o.payload->>'holderName'), 200) AS holder_name, u.id AS actor_id, o.created_at
          FROM outbox o
          JOIN certificates c ON c.id::text = o.payload->>'certificateId' AND c.status = 'valid'
          LEFT JOIN users u ON u.id::text = o.payload->>'actorId'
         WHERE o.topic = 'certificate.reissue' AND o.payload ? 'holderName'
           AND (o.payload->>'version') ~ '^[0-9]{1,6}$' AND (o.payload->>'version')::int >= 2
           AND char_length(btrim(o.payload->>'holderName')) > 0
           AND NOT EXISTS (SELECT 1 FROM certificate_documents d
                            WHERE d.certificate_id = c.id AND d.version >= (o.payload->>'version')::int)
         ORDER BY c.id, (o.payload->>'version')::int
      ), inserted AS (
        INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason, requested_by, requested_at)
        SELECT certificate_id, version, holder_name, 'requested before the upgrade to verified certificate names', actor_id, created_at FROM waiting
        RETURNING id, certificate_id
      )
      UPDATE outbox o
         SET payload = jsonb_build_object('reissueId', i.id), dedupe_key = o.dedupe_key || '-r', dispatched_at = NULL
        FROM waiting w JOIN inserted i ON i.certificate_id = w.certificate_id
       WHERE o.id = w.outbox_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS certificate_reissues`);
    await q.query(`DROP TABLE IF EXISTS certificate_name_requests`);
    await q.query(`DROP TRIGGER IF EXISTS tr_users_freeze_certificate_name ON users`);
    await q.query(`DROP FUNCTION IF EXISTS users_freeze_certificate_name()`);
    await q.query(`DROP FUNCTION IF EXISTS user_has_accredited_enrolment(uuid)`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS certificate_name`);
  }
}
