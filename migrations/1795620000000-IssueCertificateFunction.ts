import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16, point 9: a certificate's records written in one database round trip.
 *
 * The worker used to open a transaction and send nine statements once the PDF was rendered
 * (lock the enrolment, look for a certificate, insert it, pin the branding, store the PDF, insert
 * the document, attach the credential, set the validity, audit) — with BEGIN and COMMIT, eleven
 * round trips per certificate. `issue_certificate(...)` does the same in one statement, in the
 * same order and with the same guarantees:
 *
 * - the enrolment is locked first; the certificate look-up is a later statement of the function,
 *   so (READ COMMITTED, a volatile function) it sees a certificate committed while this one waited
 *   for the lock: `exists` with its id;
 * - an enrolment no longer completed (withdrawn meanwhile) or gone: `skipped`, with its status;
 * - the certificate insert keeps `ON CONFLICT (enrolment_id) DO NOTHING`: `lost` when another
 *   worker won anyway, nothing else written;
 * - else certificate, PDF (when the bytes are given: the PostgreSQL store; the directory store has
 *   written its file before and passes NULL), document with its signed credential, and the audit
 *   event, all committed together (the certificate's FK to its document is deferred to the
 *   commit): `issued`.
 */
export class IssueCertificateFunction1795620000000 implements MigrationInterface {
  name = 'IssueCertificateFunction1795620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION issue_certificate(
        p_enrolment uuid, p_certificate uuid, p_document uuid, p_cert jsonb,
        p_storage_key text, p_pdf bytea, p_sha256 text, p_code text,
        p_credential text, p_status_index integer, p_branding uuid, p_valid_until timestamptz
      ) RETURNS TABLE (outcome text, certificate_id uuid, detail text)
      LANGUAGE plpgsql VOLATILE AS $fn$
      DECLARE
        v_status text;
        v_existing uuid;
        v_inserted uuid;
      BEGIN
        SELECT e.status INTO v_status FROM enrolments e WHERE e.id = p_enrolment FOR UPDATE;
        SELECT c.id INTO v_existing FROM certificates c WHERE c.enrolment_id = p_enrolment;
        IF v_existing IS NOT NULL THEN
          RETURN QUERY SELECT 'exists'::text, v_existing, NULL::text;
          RETURN;
        END IF;
        IF v_status IS DISTINCT FROM 'completed' THEN
          RETURN QUERY SELECT 'skipped'::text, NULL::uuid, 'enrolment is ' || COALESCE(v_status, 'gone');
          RETURN;
        END IF;
        INSERT INTO certificates (id, enrolment_id, organization_id, user_id, number, holder_name, course_title, locale, hours,
               accreditation_body, accreditation_reference, organization_name, completed_at, issued_at, current_document_id,
               branding_version_id, valid_until)
        VALUES (p_certificate, p_enrolment, (p_cert->>'organizationId')::uuid, (p_cert->>'userId')::uuid, p_cert->>'number',
               p_cert->>'holderName', p_cert->>'courseTitle', p_cert->>'locale', (p_cert->>'hours')::numeric,
               p_cert->>'accreditationBody', p_cert->>'accreditationReference', p_cert->>'organizationName',
               (p_cert->>'completedAt')::timestamptz, (p_cert->>'issuedAt')::timestamptz, p_document, p_branding, p_valid_until)
        ON CONFLICT (enrolment_id) DO NOTHING
        RETURNING id INTO v_inserted;
        IF v_inserted IS NULL THEN
          RETURN QUERY SELECT 'lost'::text, NULL::uuid, NULL::text;
          RETURN;
        END IF;
        IF p_pdf IS NOT NULL THEN
          INSERT INTO stored_files (key, content_type, bytes) VALUES (p_storage_key, 'application/pdf', p_pdf);
        END IF;
        INSERT INTO certificate_documents (id, certificate_id, version, verification_code, holder_name, sha256, storage_key, created_at,
               credential_json, status_index)
        VALUES (p_document, p_certificate, 1, p_code, p_cert->>'holderName', p_sha256, p_storage_key,
               (p_cert->>'issuedAt')::timestamptz, p_credential, p_status_index);
        INSERT INTO audit_events (organization_id, actor_id, action, subject_type, subject_id, data)
        VALUES ((p_cert->>'organizationId')::uuid, NULL, 'certificate.issued', 'certificate', p_certificate::text,
               jsonb_build_object('number', p_cert->>'number', 'enrolmentId', p_enrolment, 'userId', p_cert->>'userId'));
        RETURN QUERY SELECT 'issued'::text, p_certificate, NULL::text;
      END
      $fn$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION issue_certificate(uuid, uuid, uuid, jsonb, text, bytea, text, text, text, integer, uuid, timestamptz)`);
  }
}
