import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** Size of every status list in bytes (131,072 entries, one bit each). */
const STATUS_LIST_BYTES = 16_384;

export interface IssuerKeyRow {
  key_number: number;
  public_key_multibase: string;
  sealed_secret_key: string;
  created_at: Date;
  retired_at: Date | null;
}

export interface IssuerRow {
  id: string;
  name: string;
  /** From the organisation's current branding (null when never set). */
  contact_email: string | null;
  website_url: string | null;
  has_logo: boolean;
}

/** The issuer's two lists: revocation, and "message" (superseded by a re-issue). */
export type StatusListName = 'revocation' | 'superseded';

const LIST_COLUMNS: Record<StatusListName, { bits: string; version: string; signedJson: string; signedVersion: string }> = {
  revocation: { bits: 'bits', version: 'version', signedJson: 'signed_json', signedVersion: 'signed_version' },
  superseded: { bits: 'superseded_bits', version: 'superseded_version', signedJson: 'superseded_signed_json', signedVersion: 'superseded_signed_version' },
};

export interface StatusListRow {
  bits: Buffer;
  version: number;
  signed_json: string | null;
  signed_version: number | null;
}

/** What a credential needs beyond the certificate facts the issuer already reads. */
export interface CredentialFactsRow {
  course_id: string;
  summary: string;
  email: string | null;
  validity_months: number | null;
}

/** A certificate document as the credential verification judges it. */
export interface CredentialDocumentRow {
  certificate_id: string;
  document_id: string;
  status: 'valid' | 'revoked';
  superseded_at: Date | null;
  revoked_at: Date | null;
  valid_until: Date | null;
  verification_code: string;
  credential_json: string | null;
}

export interface HolderCredentialRow {
  credential_json: string | null;
  number: string;
  course_title: string;
  organization_name: string | null;
  issued_at: Date;
  verification_code: string;
  user_id: string;
  organization_id: string | null;
}

/**
 * Signed credentials (issue #16): issuer keys, per-issuer Bitstring Status Lists, the signed
 * credential stored with each certificate document. An issuer is an organisation id or
 * 'kindling' (certificates issued without an organisation).
 */
@Injectable()
export class CredentialsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every key of the issuer, oldest first (retired ones too: old credentials keep verifying). */
  keys(issuer: string, db: Db = this.dataSource): Promise<IssuerKeyRow[]> {
    return queryRows(db, `SELECT key_number, public_key_multibase, sealed_secret_key, created_at, retired_at FROM issuer_keys WHERE issuer = $1 ORDER BY key_number`, [issuer]);
  }

  activeKey(issuer: string, db: Db = this.dataSource): Promise<IssuerKeyRow | null> {
    return queryFirst(db, `SELECT key_number, public_key_multibase, sealed_secret_key, created_at, retired_at FROM issuer_keys WHERE issuer = $1 AND retired_at IS NULL`, [issuer]);
  }

  /** Adds the issuer's first key; false when another process added one first (the caller re-reads). */
  async insertFirstKey(issuer: string, publicKeyMultibase: string, sealedSecretKey: string): Promise<boolean> {
    const rows = await queryRows<{ key_number: number }>(
      this.dataSource,
      `INSERT INTO issuer_keys (issuer, key_number, public_key_multibase, sealed_secret_key)
       SELECT $1, 1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM issuer_keys WHERE issuer = $1)
       ON CONFLICT DO NOTHING RETURNING key_number`,
      [issuer, publicKeyMultibase, sealedSecretKey],
    );
    return rows.length > 0;
  }

  /** Retires the active key and adds the next one, in the caller's transaction; the new number. */
  async rotate(issuer: string, publicKeyMultibase: string, sealedSecretKey: string, db: Db): Promise<number> {
    await queryRows(db, `SELECT key_number FROM issuer_keys WHERE issuer = $1 FOR UPDATE`, [issuer]);
    await db.query(`UPDATE issuer_keys SET retired_at = now() WHERE issuer = $1 AND retired_at IS NULL`, [issuer]);
    const row = await queryFirst<{ key_number: number }>(
      db,
      `INSERT INTO issuer_keys (issuer, key_number, public_key_multibase, sealed_secret_key)
       SELECT $1, COALESCE(MAX(key_number), 0) + 1, $2, $3 FROM issuer_keys WHERE issuer = $1 RETURNING key_number`,
      [issuer, publicKeyMultibase, sealedSecretKey],
    );
    return row!.key_number;
  }

  /** The organisation behind an issuer id (null for 'kindling' or an unknown id). */
  organization(issuer: string): Promise<IssuerRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(issuer)) return Promise.resolve(null);
    return queryFirst(
      this.dataSource,
      `SELECT o.id, o.name, b.contact_email, b.website_url, COALESCE(b.has_logo, false) AS has_logo
         FROM organizations o
         LEFT JOIN LATERAL (
           SELECT contact_email, website_url, (logo IS NOT NULL) AS has_logo FROM branding_versions
            WHERE organization_id = o.id ORDER BY created_at DESC, id DESC LIMIT 1
         ) b ON true
        WHERE o.id = $1`,
      [issuer],
    );
  }

  /** A fresh index in the issuer's status list (creating the list on first use); one statement. */
  async allocateStatusIndex(issuer: string): Promise<number> {
    const row = await queryFirst<{ index: number }>(
      this.dataSource,
      `INSERT INTO credential_status_lists (issuer, bits, next_index) VALUES ($1, decode(repeat('00', ${STATUS_LIST_BYTES}), 'hex'), 1)
       ON CONFLICT (issuer) DO UPDATE SET next_index = credential_status_lists.next_index + 1
       RETURNING next_index - 1 AS index`,
      [issuer],
    );
    return row!.index;
  }

  /**
   * Sets bits (left-most bit of byte 0 is index 0, as the spec numbers them; PostgreSQL's
   * set_bit numbers from the least significant bit, hence the arithmetic) and bumps the version
   * so the signed list is re-signed on its next request. `revocation` is the revocation list,
   * `superseded` the list of statusPurpose "message" (0x1 = superseded by a re-issue).
   */
  async setStatusBits(issuer: string, indices: readonly number[], db: Db = this.dataSource, list: StatusListName = 'revocation'): Promise<void> {
    const valid = indices.filter((i) => Number.isInteger(i) && i >= 0 && i < STATUS_LIST_BYTES * 8);
    if (valid.length === 0) return;
    const c = LIST_COLUMNS[list];
    await queryRows(db, `SELECT issuer FROM credential_status_lists WHERE issuer = $1 FOR UPDATE`, [issuer]);
    for (const i of valid) {
      await db.query(`UPDATE credential_status_lists SET ${c.bits} = set_bit(${c.bits}, $2, 1), ${c.version} = ${c.version} + 1 WHERE issuer = $1`, [issuer, (i >> 3) * 8 + 7 - (i & 7)]);
    }
  }

  statusList(issuer: string, list: StatusListName = 'revocation'): Promise<StatusListRow | null> {
    const c = LIST_COLUMNS[list];
    return queryFirst(
      this.dataSource,
      `SELECT ${c.bits} AS bits, ${c.version} AS version, ${c.signedJson} AS signed_json, ${c.signedVersion} AS signed_version FROM credential_status_lists WHERE issuer = $1`,
      [issuer],
    );
  }

  /** Keeps a signed list for the version it was signed from (a newer version wins). */
  async storeSignedStatusList(issuer: string, json: string, version: number, list: StatusListName = 'revocation'): Promise<void> {
    const c = LIST_COLUMNS[list];
    await this.dataSource.query(
      `UPDATE credential_status_lists SET ${c.signedJson} = $2, ${c.signedVersion} = $3 WHERE issuer = $1 AND (${c.signedVersion} IS NULL OR ${c.signedVersion} < $3)`,
      [issuer, json, version],
    );
  }

  credentialFacts(enrolmentId: string): Promise<CredentialFactsRow | null> {
    return queryFirst(
      this.dataSource,
      `SELECT cv.course_id, cv.summary, u.email, cv.certificate_validity_months AS validity_months
         FROM enrolments e JOIN users u ON u.id = e.user_id JOIN course_versions cv ON cv.id = e.course_version_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
  }

  /** Facts a re-issue needs: the stored credential of the current document and the certificate's validity. */
  currentCredential(certificateId: string, db: Db = this.dataSource): Promise<{ credential_json: string | null; status_index: number | null; valid_until: Date | null; email: string | null; course_id: string; summary: string } | null> {
    return queryFirst(
      db,
      `SELECT d.credential_json, d.status_index, c.valid_until, u.email, cv.course_id, cv.summary
         FROM certificates c
         JOIN certificate_documents d ON d.id = c.current_document_id
         JOIN users u ON u.id = c.user_id
         JOIN enrolments e ON e.id = c.enrolment_id
         JOIN course_versions cv ON cv.id = e.course_version_id
        WHERE c.id = $1`,
      [certificateId],
    );
  }

  async attachCredential(documentId: string, credentialJson: string, statusIndex: number, db: Db): Promise<void> {
    await db.query(`UPDATE certificate_documents SET credential_json = $2, status_index = $3 WHERE id = $1`, [documentId, credentialJson, statusIndex]);
  }

  async setValidUntil(certificateId: string, validUntil: Date | null, db: Db): Promise<void> {
    await db.query(`UPDATE certificates SET valid_until = $2 WHERE id = $1`, [certificateId, validUntil]);
  }

  /**
   * Status indices of a certificate's documents (all of them, or all but the current one).
   * `legacy`: those whose credential has no entry in the superseded list (signed before it existed).
   */
  async statusIndices(certificateId: string, exceptCurrent: boolean, db: Db = this.dataSource): Promise<{ issuer: string; indices: number[]; legacy: number[] }> {
    const rows = await queryRows<{ status_index: number; issuer: string; legacy: boolean }>(
      db,
      `SELECT d.status_index, COALESCE(c.organization_id::text, 'kindling') AS issuer,
              position('/status/superseded' in coalesce(d.credential_json, '')) = 0 AS legacy
         FROM certificate_documents d JOIN certificates c ON c.id = d.certificate_id
        WHERE d.certificate_id = $1 AND d.status_index IS NOT NULL AND (NOT $2 OR d.id <> c.current_document_id)`,
      [certificateId, exceptCurrent],
    );
    return { issuer: rows[0]?.issuer ?? 'kindling', indices: rows.map((r) => r.status_index), legacy: rows.filter((r) => r.legacy).map((r) => r.status_index) };
  }

  /** The document whose credential has this id (`urn:uuid:<document id>`). */
  documentByCredentialId(documentId: string): Promise<CredentialDocumentRow | null> {
    return queryFirst(
      this.dataSource,
      `SELECT c.id AS certificate_id, d.id AS document_id, c.status, d.superseded_at, c.revoked_at, c.valid_until, d.verification_code, d.credential_json
         FROM certificate_documents d JOIN certificates c ON c.id = d.certificate_id WHERE d.id = $1`,
      [documentId],
    );
  }

  /** The current document's credential of a certificate, with who may read it. */
  holderCredential(certificateId: string): Promise<HolderCredentialRow | null> {
    return queryFirst(
      this.dataSource,
      `SELECT d.credential_json, c.number, c.course_title, c.organization_name, d.created_at AS issued_at, d.verification_code, c.user_id, c.organization_id
         FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.id = $1`,
      [certificateId],
    );
  }

  /** The verification code of a certificate's current document, by its printed number. */
  async currentCodeByNumber(number: string): Promise<string | null> {
    const row = await queryFirst<{ code: string }>(
      this.dataSource,
      `SELECT d.verification_code AS code FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id WHERE c.number = $1`,
      [number],
    );
    return row?.code ?? null;
  }

  /** valid_until per verification code (the verification answer's expiry). */
  async validUntilByCode(code: string): Promise<Date | null> {
    const row = await queryFirst<{ valid_until: Date | null }>(
      this.dataSource,
      `SELECT c.valid_until FROM certificate_documents d JOIN certificates c ON c.id = d.certificate_id WHERE d.verification_code = $1`,
      [code],
    );
    return row?.valid_until ?? null;
  }
}
