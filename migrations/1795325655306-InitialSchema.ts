import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema of Kindling: identity, organisations, versioned courses, cohorts,
 * enrolments and progress, self-assessment, certificates, the transactional outbox,
 * background jobs and the audit log. Written by hand so that every constraint and index
 * has a name and a reason.
 */
export class InitialSchema1795325655306 implements MigrationInterface {
  name = 'InitialSchema1795325655306';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS "pgcrypto"`);

    // ---------- identity ----------
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text,
        username text,
        name text NOT NULL,
        locale text NOT NULL DEFAULT 'en' CONSTRAINT ck_users_locale CHECK (locale IN ('en','it','de','fr')),
        password_hash text,
        sign_in_code_hash text,
        platform_roles text[] NOT NULL DEFAULT '{}',
        is_pupil boolean NOT NULL DEFAULT false,
        class_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_users_identifier CHECK (email IS NOT NULL OR username IS NOT NULL),
        CONSTRAINT ck_users_pupil_no_email CHECK (NOT is_pupil OR email IS NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_users_email ON users (lower(email)) WHERE email IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX uq_users_username ON users (lower(username)) WHERE username IS NOT NULL`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT fk_refresh_tokens_user REFERENCES users(id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL CONSTRAINT uq_refresh_tokens_hash UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);

    await q.query(`
      CREATE TABLE one_time_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CONSTRAINT ck_one_time_tokens_kind CHECK (kind IN ('invitation','password_reset')),
        user_id uuid NOT NULL CONSTRAINT fk_one_time_tokens_user REFERENCES users(id) ON DELETE CASCADE,
        organization_id uuid,
        token_hash text NOT NULL CONSTRAINT uq_one_time_tokens_hash UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // ---------- organisations ----------
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CONSTRAINT ck_organizations_kind CHECK (kind IN ('school','hospital','municipality','company','other')),
        country text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT fk_memberships_organization REFERENCES organizations(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_memberships_user REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL CONSTRAINT ck_memberships_role CHECK (role IN ('manager','learner')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_memberships_org_user UNIQUE (organization_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_memberships_user ON memberships (user_id)`);

    // ---------- self-assessment instruments ----------
    await q.query(`
      CREATE TABLE instruments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL CONSTRAINT ck_instruments_version CHECK (version > 0),
        title jsonb NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid CONSTRAINT fk_instruments_creator REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_instruments_key_version UNIQUE (key, version)
      )`);

    // ---------- courses (versioned) ----------
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        author_id uuid NOT NULL CONSTRAINT fk_courses_author REFERENCES users(id),
        published_version_id uuid,
        draft_version_id uuid,
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE course_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL CONSTRAINT fk_course_versions_course REFERENCES courses(id) ON DELETE CASCADE,
        version integer NOT NULL,
        status text NOT NULL DEFAULT 'draft' CONSTRAINT ck_course_versions_status CHECK (status IN ('draft','published','retired','archived')),
        title text NOT NULL,
        summary text NOT NULL DEFAULT '',
        locale text NOT NULL CONSTRAINT ck_course_versions_locale CHECK (locale IN ('en','it','de','fr')),
        accreditation_body text,
        accreditation_reference text,
        accreditation_hours numeric(6,2) CONSTRAINT ck_course_versions_hours CHECK (accreditation_hours IS NULL OR accreditation_hours > 0),
        min_minutes integer CONSTRAINT ck_course_versions_min_minutes CHECK (min_minutes IS NULL OR min_minutes >= 0),
        self_enrolment boolean NOT NULL DEFAULT false,
        instrument_id uuid CONSTRAINT fk_course_versions_instrument REFERENCES instruments(id),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (to_tsvector('simple', coalesce(title,'') || ' ' || coalesce(summary,''))) STORED,
        CONSTRAINT uq_course_versions_course_version UNIQUE (course_id, version)
      )`);
    await q.query(`CREATE INDEX ix_course_versions_search ON course_versions USING gin (search)`);
    await q.query(`ALTER TABLE courses ADD CONSTRAINT fk_courses_published_version FOREIGN KEY (published_version_id) REFERENCES course_versions(id)`);
    await q.query(`ALTER TABLE courses ADD CONSTRAINT fk_courses_draft_version FOREIGN KEY (draft_version_id) REFERENCES course_versions(id)`);

    await q.query(`
      CREATE TABLE modules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_version_id uuid NOT NULL CONSTRAINT fk_modules_version REFERENCES course_versions(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL DEFAULT gen_random_uuid(),
        title text NOT NULL,
        position integer NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_modules_version ON modules (course_version_id, position)`);
    await q.query(`
      CREATE TABLE lessons (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        module_id uuid NOT NULL CONSTRAINT fk_lessons_module REFERENCES modules(id) ON DELETE CASCADE,
        course_version_id uuid NOT NULL CONSTRAINT fk_lessons_version REFERENCES course_versions(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL DEFAULT gen_random_uuid(),
        title text NOT NULL,
        body text NOT NULL,
        body_html text NOT NULL,
        video_url text,
        minutes integer CONSTRAINT ck_lessons_minutes CHECK (minutes IS NULL OR minutes >= 0),
        position integer NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_lessons_module ON lessons (module_id, position)`);
    await q.query(`CREATE INDEX ix_lessons_version ON lessons (course_version_id)`);
    await q.query(`
      CREATE TABLE quizzes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        module_id uuid NOT NULL CONSTRAINT fk_quizzes_module REFERENCES modules(id) ON DELETE CASCADE,
        course_version_id uuid NOT NULL CONSTRAINT fk_quizzes_version REFERENCES course_versions(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL DEFAULT gen_random_uuid(),
        title text NOT NULL,
        pass_mark numeric(5,2) NOT NULL CONSTRAINT ck_quizzes_pass_mark CHECK (pass_mark >= 0 AND pass_mark <= 100),
        max_attempts integer CONSTRAINT ck_quizzes_max_attempts CHECK (max_attempts IS NULL OR max_attempts > 0),
        shuffle_questions boolean NOT NULL DEFAULT false,
        shuffle_options boolean NOT NULL DEFAULT false,
        questions jsonb NOT NULL,
        position integer NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_quizzes_module ON quizzes (module_id, position)`);
    await q.query(`CREATE INDEX ix_quizzes_version ON quizzes (course_version_id)`);

    // ---------- cohorts and enrolments ----------
    await q.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT fk_cohorts_organization REFERENCES organizations(id) ON DELETE CASCADE,
        course_id uuid NOT NULL CONSTRAINT fk_cohorts_course REFERENCES courses(id),
        name text NOT NULL,
        audience text NOT NULL CONSTRAINT ck_cohorts_audience CHECK (audience IN ('teachers','students','health-staff','other')),
        starts_on date,
        due_on date,
        created_by uuid CONSTRAINT fk_cohorts_creator REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_cohorts_dates CHECK (starts_on IS NULL OR due_on IS NULL OR due_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX ix_cohorts_organization ON cohorts (organization_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT fk_enrolments_user REFERENCES users(id) ON DELETE CASCADE,
        course_id uuid NOT NULL CONSTRAINT fk_enrolments_course REFERENCES courses(id),
        course_version_id uuid NOT NULL CONSTRAINT fk_enrolments_version REFERENCES course_versions(id),
        cohort_id uuid CONSTRAINT fk_enrolments_cohort REFERENCES cohorts(id) ON DELETE SET NULL,
        organization_id uuid CONSTRAINT fk_enrolments_organization REFERENCES organizations(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'active' CONSTRAINT ck_enrolments_status CHECK (status IN ('active','completed','withdrawn')),
        items_total integer NOT NULL DEFAULT 0,
        items_done integer NOT NULL DEFAULT 0,
        lessons_total integer NOT NULL DEFAULT 0,
        lessons_completed integer NOT NULL DEFAULT 0,
        progress_percent smallint NOT NULL DEFAULT 0 CONSTRAINT ck_enrolments_progress CHECK (progress_percent BETWEEN 0 AND 100),
        learning_seconds integer NOT NULL DEFAULT 0,
        last_heartbeat_at timestamptz,
        best_final_score numeric(5,2),
        pre_done boolean NOT NULL DEFAULT false,
        post_done boolean NOT NULL DEFAULT false,
        last_lesson_id uuid,
        started_at timestamptz,
        last_activity_at timestamptz,
        completed_at timestamptz,
        withdrawn_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_enrolments_user_course UNIQUE (user_id, course_id)
      )`);
    await q.query(`CREATE INDEX ix_enrolments_cohort_status ON enrolments (cohort_id, status) INCLUDE (progress_percent, best_final_score, started_at, pre_done, completed_at)`);
    await q.query(`CREATE INDEX ix_enrolments_user ON enrolments (user_id)`);
    await q.query(`CREATE INDEX ix_enrolments_organization ON enrolments (organization_id)`);

    await q.query(`
      CREATE TABLE lesson_completions (
        enrolment_id uuid NOT NULL CONSTRAINT fk_lesson_completions_enrolment REFERENCES enrolments(id) ON DELETE CASCADE,
        lesson_id uuid NOT NULL CONSTRAINT fk_lesson_completions_lesson REFERENCES lessons(id),
        completed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_lesson_completions PRIMARY KEY (enrolment_id, lesson_id)
      )`);

    await q.query(`
      CREATE TABLE quiz_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL CONSTRAINT fk_quiz_attempts_enrolment REFERENCES enrolments(id) ON DELETE CASCADE,
        quiz_id uuid NOT NULL CONSTRAINT fk_quiz_attempts_quiz REFERENCES quizzes(id),
        attempt_no integer NOT NULL,
        presented jsonb NOT NULL,
        answers jsonb,
        score_percent numeric(5,2),
        passed boolean,
        started_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        CONSTRAINT uq_quiz_attempts_number UNIQUE (enrolment_id, quiz_id, attempt_no)
      )`);

    await q.query(`
      CREATE TABLE self_assessment_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL CONSTRAINT fk_sa_responses_enrolment REFERENCES enrolments(id) ON DELETE CASCADE,
        instrument_id uuid NOT NULL CONSTRAINT fk_sa_responses_instrument REFERENCES instruments(id),
        phase text NOT NULL CONSTRAINT ck_sa_responses_phase CHECK (phase IN ('pre','post')),
        answers jsonb NOT NULL,
        scores jsonb NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_sa_responses_enrolment_phase UNIQUE (enrolment_id, phase)
      )`);

    // ---------- certificates ----------
    await q.query(`
      CREATE TABLE certificate_number_counters (
        year integer PRIMARY KEY,
        last_value integer NOT NULL
      )`);
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL CONSTRAINT fk_certificates_enrolment REFERENCES enrolments(id),
        organization_id uuid CONSTRAINT fk_certificates_organization REFERENCES organizations(id),
        user_id uuid NOT NULL CONSTRAINT fk_certificates_user REFERENCES users(id),
        number text NOT NULL CONSTRAINT uq_certificates_number UNIQUE,
        holder_name text NOT NULL,
        course_title text NOT NULL,
        locale text NOT NULL,
        hours numeric(6,2),
        accreditation_body text,
        accreditation_reference text,
        organization_name text,
        completed_at timestamptz NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'valid' CONSTRAINT ck_certificates_status CHECK (status IN ('valid','revoked')),
        revoked_at timestamptz,
        revoked_by uuid CONSTRAINT fk_certificates_revoker REFERENCES users(id),
        revocation_reason text,
        current_document_id uuid NOT NULL,
        CONSTRAINT uq_certificates_enrolment UNIQUE (enrolment_id)
      )`);
    await q.query(`CREATE INDEX ix_certificates_user ON certificates (user_id)`);
    await q.query(`CREATE INDEX ix_certificates_organization ON certificates (organization_id, issued_at DESC)`);
    await q.query(`
      CREATE TABLE certificate_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        certificate_id uuid NOT NULL CONSTRAINT fk_certificate_documents_certificate REFERENCES certificates(id) ON DELETE CASCADE,
        version integer NOT NULL,
        verification_code text NOT NULL CONSTRAINT uq_certificate_documents_code UNIQUE,
        holder_name text NOT NULL,
        sha256 text NOT NULL,
        storage_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz,
        CONSTRAINT uq_certificate_documents_version UNIQUE (certificate_id, version)
      )`);
    await q.query(`CREATE INDEX ix_certificate_documents_sha256 ON certificate_documents (sha256)`);
    await q.query(`ALTER TABLE certificates ADD CONSTRAINT fk_certificates_current_document FOREIGN KEY (current_document_id) REFERENCES certificate_documents(id) DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`
      CREATE TABLE stored_files (
        key text PRIMARY KEY,
        content_type text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // ---------- transactional outbox, jobs, audit ----------
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        dedupe_key text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz,
        CONSTRAINT uq_outbox_topic_key UNIQUE (topic, dedupe_key)
      )`);
    await q.query(`CREATE INDEX ix_outbox_pending ON outbox (id) WHERE dispatched_at IS NULL`);

    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        organization_id uuid CONSTRAINT fk_jobs_organization REFERENCES organizations(id) ON DELETE CASCADE,
        created_by uuid CONSTRAINT fk_jobs_creator REFERENCES users(id) ON DELETE SET NULL,
        status text NOT NULL DEFAULT 'queued' CONSTRAINT ck_jobs_status CHECK (status IN ('queued','running','done','failed')),
        total integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        input jsonb,
        report jsonb,
        result_key text,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        organization_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_audit_events_org_at ON audit_events (organization_id, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_events', 'jobs', 'outbox', 'stored_files', 'certificate_documents', 'certificates',
      'certificate_number_counters', 'self_assessment_responses', 'quiz_attempts', 'lesson_completions',
      'enrolments', 'cohorts', 'quizzes', 'lessons', 'modules', 'course_versions', 'courses', 'instruments',
      'memberships', 'organizations', 'one_time_tokens', 'refresh_tokens', 'users',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
  }
}
