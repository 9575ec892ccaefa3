import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

export type BrandingImageMime = 'image/png' | 'image/jpeg';

export interface BrandingImage {
  data: Buffer;
  mime: BrandingImageMime;
}

/** One immutable snapshot of an organisation's branding. */
export interface BrandingVersionRow {
  id: string;
  organizationId: string;
  logo: BrandingImage | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
  signatureImage: BrandingImage | null;
  accentColor: string | null;
  contactEmail: string | null;
  websiteUrl: string | null;
  createdBy: string | null;
  createdAt: Date;
}

/** What a new snapshot holds (images already sanitised by the caller). */
export interface NewBranding {
  logo: BrandingImage | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
  signatureImage: BrandingImage | null;
  accentColor: string | null;
  contactEmail: string | null;
  websiteUrl: string | null;
}

interface RawBrandingRow {
  id: string;
  organization_id: string;
  logo: Buffer | null;
  logo_mime: BrandingImageMime | null;
  signatory_name: string | null;
  signatory_title: string | null;
  signature: Buffer | null;
  signature_mime: BrandingImageMime | null;
  accent_color: string | null;
  contact_email: string | null;
  website_url: string | null;
  created_by: string | null;
  created_at: Date;
}

const SELECT_BRANDING = `
  SELECT b.id, b.organization_id, b.logo, b.logo_mime, b.signatory_name, b.signatory_title, b.signature, b.signature_mime,
         b.accent_color, b.contact_email, b.website_url, b.created_by, b.created_at
    FROM branding_versions b`;

const image = (data: Buffer | null, mime: BrandingImageMime | null): BrandingImage | null => (data && mime ? { data, mime } : null);

const toRow = (r: RawBrandingRow): BrandingVersionRow => ({
  id: r.id,
  organizationId: r.organization_id,
  logo: image(r.logo, r.logo_mime),
  signatoryName: r.signatory_name,
  signatoryTitle: r.signatory_title,
  signatureImage: image(r.signature, r.signature_mime),
  accentColor: r.accent_color,
  contactEmail: r.contact_email,
  websiteUrl: r.website_url,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

/**
 * Issuer branding: immutable versions per organisation (the newest is current), and the version a
 * certificate was issued with. Certificates keep their version, so a change affects new
 * certificates only.
 */
@Injectable()
export class BrandingRepository {
  /** Versions are immutable, so their images can be kept per process (the worker renders many certificates with one). */
  private readonly cache = new Map<string, BrandingVersionRow>();
  private static readonly CACHE_SIZE = 64;

  constructor(private readonly dataSource: DataSource) {}

  /** The organisation's name (printed beside its branding), or null when it does not exist. */
  async organizationName(organizationId: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ name: string }>(db, `SELECT name FROM organizations WHERE id = $1`, [organizationId]);
    return row?.name ?? null;
  }

  /** The organisation's current branding, or null when it never set any. */
  async current(organizationId: string, db: Db = this.dataSource): Promise<BrandingVersionRow | null> {
    const latest = await queryFirst<{ id: string }>(
      db,
      `SELECT b.id FROM branding_versions b WHERE b.organization_id = $1 ORDER BY b.created_at DESC, b.id DESC LIMIT 1`,
      [organizationId],
    );
    return latest ? this.byId(latest.id, db) : null;
  }

  async byId(id: string, db: Db = this.dataSource): Promise<BrandingVersionRow | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const row = await queryFirst<RawBrandingRow>(db, `${SELECT_BRANDING} WHERE b.id = $1`, [id]);
    if (!row) return null;
    const version = toRow(row);
    if (this.cache.size >= BrandingRepository.CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, version);
    return version;
  }

  /** Records a new current version. The organisation row is locked so concurrent saves are ordered. */
  async insertVersion(organizationId: string, b: NewBranding, createdBy: string | null, db: Db = this.dataSource): Promise<BrandingVersionRow> {
    await queryRows(db, `SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, [organizationId]);
    const row = await queryFirst<RawBrandingRow>(
      db,
      `INSERT INTO branding_versions (organization_id, logo, logo_mime, signatory_name, signatory_title, signature, signature_mime, accent_color, contact_email, website_url, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING id, organization_id, logo, logo_mime, signatory_name, signatory_title, signature, signature_mime, accent_color, contact_email, website_url,
                 created_by, created_at`,
      [
        organizationId,
        b.logo?.data ?? null,
        b.logo?.mime ?? null,
        b.signatoryName,
        b.signatoryTitle,
        b.signatureImage?.data ?? null,
        b.signatureImage?.mime ?? null,
        b.accentColor,
        b.contactEmail,
        b.websiteUrl,
        createdBy,
      ],
    );
    return toRow(row!);
  }

  /** The branding version a certificate carries (null: issued without branding). */
  async versionOfCertificate(certificateId: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ branding_version_id: string | null }>(db, `SELECT branding_version_id FROM certificates WHERE id = $1`, [certificateId]);
    return row?.branding_version_id ?? null;
  }

  /** Pins a certificate to a branding version (at first issue, or a re-issue with the current branding). */
  async setCertificateVersion(certificateId: string, versionId: string | null, db: Db = this.dataSource): Promise<void> {
    await queryRows(db, `UPDATE certificates SET branding_version_id = $2 WHERE id = $1`, [certificateId, versionId]);
  }

  /** Whether a re-issue request asked for the organisation's current branding. */
  async reissueUsesCurrent(reissueId: string, db: Db = this.dataSource): Promise<boolean> {
    const row = await queryFirst<{ use_current_branding: boolean }>(db, `SELECT use_current_branding FROM certificate_reissues WHERE id = $1`, [reissueId]);
    return row?.use_current_branding ?? false;
  }

  /** Marks a (pending) re-issue request to use the current branding. */
  async setReissueUsesCurrent(reissueId: string, useCurrent: boolean, db: Db = this.dataSource): Promise<void> {
    await queryRows(db, `UPDATE certificate_reissues SET use_current_branding = $2 WHERE id = $1`, [reissueId, useCurrent]);
  }
}
