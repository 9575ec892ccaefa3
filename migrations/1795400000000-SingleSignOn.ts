import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Single sign-on (issue #15), protocol-neutral where it can be:
 * - identity_providers: per organisation; `protocol` is 'oidc' today (a SAML row would sit beside it).
 *   The client secret is stored only sealed (AES-256-GCM under SECRETS_KEY).
 * - sso_sign_in_attempts: one per redirect to a provider (state hash, nonce, PKCE verifier), single use, short-lived.
 * - external_identities: (provider, subject) → account; the employee number the provider last sent.
 * - sso_link_requests: a verified password account met at SSO sign-in waits for its owner's password.
 * - external_sessions: a Kindling session family started by a provider; its refresh ends with the provider's session.
 * - organizations.password_sign_in: false once the organisation signs in only through its provider.
 */
export class SingleSignOn1795400000000 implements MigrationInterface {
  name = 'SingleSignOn1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL CONSTRAINT fk_identity_providers_organization REFERENCES organizations(id) ON DELETE CASCADE,
        protocol text NOT NULL DEFAULT 'oidc' CONSTRAINT ck_identity_providers_protocol CHECK (protocol IN ('oidc')),
        display_name text NOT NULL CONSTRAINT ck_identity_providers_display_name CHECK (char_length(display_name) BETWEEN 1 AND 120),
        issuer text NOT NULL,
        client_id text NOT NULL,
        client_secret_sealed text,
        scopes text[] NOT NULL DEFAULT '{openid,email,profile}',
        email_claim text NOT NULL DEFAULT 'email',
        name_claim text NOT NULL DEFAULT 'name',
        employee_number_claim text,
        group_claim text,
        manager_groups text[] NOT NULL DEFAULT '{}',
        domains text[] NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_identity_providers_client UNIQUE (organization_id, issuer, client_id)
      )`);
    await q.query(`CREATE INDEX ix_identity_providers_domains ON identity_providers USING gin (domains)`);
    await q.query(`CREATE INDEX ix_identity_providers_organization ON identity_providers (organization_id)`);

    await q.query(`
      CREATE TABLE sso_sign_in_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL CONSTRAINT fk_sso_sign_in_attempts_provider REFERENCES identity_providers(id) ON DELETE CASCADE,
        state_hash text NOT NULL CONSTRAINT uq_sso_sign_in_attempts_state UNIQUE,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_sso_sign_in_attempts_expires ON sso_sign_in_attempts (expires_at)`);

    await q.query(`
      CREATE TABLE external_identities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL CONSTRAINT fk_external_identities_provider REFERENCES identity_providers(id) ON DELETE CASCADE,
        subject text NOT NULL,
        user_id uuid NOT NULL CONSTRAINT fk_external_identities_user REFERENCES users(id) ON DELETE CASCADE,
        email text,
        employee_number text,
        last_sign_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_external_identities_subject UNIQUE (provider_id, subject)
      )`);
    await q.query(`CREATE INDEX ix_external_identities_user ON external_identities (user_id)`);

    await q.query(`
      CREATE TABLE sso_link_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL CONSTRAINT uq_sso_link_requests_token UNIQUE,
        provider_id uuid NOT NULL CONSTRAINT fk_sso_link_requests_provider REFERENCES identity_providers(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_sso_link_requests_user REFERENCES users(id) ON DELETE CASCADE,
        subject text NOT NULL,
        profile jsonb NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE external_sessions (
        family_id uuid PRIMARY KEY,
        provider_id uuid NOT NULL CONSTRAINT fk_external_sessions_provider REFERENCES identity_providers(id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_external_sessions_user REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        logout_hint_sealed text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`ALTER TABLE organizations ADD COLUMN password_sign_in boolean NOT NULL DEFAULT true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN password_sign_in`);
    await q.query(`DROP TABLE external_sessions`);
    await q.query(`DROP TABLE sso_link_requests`);
    await q.query(`DROP TABLE external_identities`);
    await q.query(`DROP TABLE sso_sign_in_attempts`);
    await q.query(`DROP TABLE identity_providers`);
  }
}
