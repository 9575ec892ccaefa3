import { Inject, Injectable } from '@nestjs/common';
import { BrandingRepository, type BrandingImage, type BrandingVersionRow, recordAudit } from '@kindling/db';
import { DomainError, isUuid, msg, notFound } from '@kindling/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { isURL } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { sanitiseBrandingImage } from './branding-images.js';
import type { BrandingImageView, BrandingView, UpdateBrandingDto } from './dto/branding.dto.js';

const imageView = (img: BrandingImage | null): BrandingImageView | null =>
  img ? { mime: img.mime, dataUrl: `data:${img.mime};base64,${img.data.toString('base64')}`, bytes: img.data.length } : null;

/** A public https website: a host name with a top-level domain, no user name or password in it. */
const isWebsite = (url: string): boolean =>
  /^https:\/\//i.test(url) && isURL(url, { protocols: ['https'], require_protocol: true, require_tld: true, disallow_auth: true, allow_underscores: false });

/**
 * An organisation's branding on its certificates. Each save is a new immutable version; the
 * worker pins the current version to a certificate when it is first issued, so a change here
 * affects new certificates only (a re-issue may opt into the current one).
 */
@Injectable()
export class BrandingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly branding: BrandingRepository,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  private async organizationName(organizationId: string): Promise<string> {
    if (!isUuid(organizationId)) throw notFound('organization');
    const name = await this.branding.organizationName(organizationId);
    if (name === null) throw notFound('organization');
    return name;
  }

  private view(organizationId: string, organizationName: string, v: BrandingVersionRow | null): BrandingView {
    return {
      organizationId,
      organizationName,
      versionId: v?.id ?? null,
      accentColor: v?.accentColor ?? null,
      signatoryName: v?.signatoryName ?? null,
      signatoryTitle: v?.signatoryTitle ?? null,
      contactEmail: v?.contactEmail ?? null,
      websiteUrl: v?.websiteUrl ?? null,
      logoUrl: v?.logo ? `${this.config.publicUrl.replace(/\/+$/, '')}/api/issuers/${organizationId}/logo` : null,
      logo: imageView(v?.logo ?? null),
      signatureImage: imageView(v?.signatureImage ?? null),
      updatedAt: v ? new Date(v.createdAt).toISOString() : null,
    };
  }

  async get(organizationId: string): Promise<BrandingView> {
    const name = await this.organizationName(organizationId);
    return this.view(organizationId, name, await this.branding.current(organizationId));
  }

  async update(actor: Actor, organizationId: string, dto: UpdateBrandingDto): Promise<BrandingView> {
    const name = await this.organizationName(organizationId);
    if (typeof dto.websiteUrl === 'string' && !isWebsite(dto.websiteUrl)) throw new DomainError('invalid', msg('branding.websiteUrl', { field: 'websiteUrl' }));
    // Images are decoded and re-encoded before any transaction is opened.
    const logo = dto.logo === undefined ? undefined : dto.logo === null ? null : await sanitiseBrandingImage('logo', dto.logo);
    const signature =
      dto.signatureImage === undefined ? undefined : dto.signatureImage === null ? null : await sanitiseBrandingImage('signatureImage', dto.signatureImage);
    return this.dataSource.transaction(async (em) => {
      const before = await this.branding.current(organizationId, em);
      const next = await this.branding.insertVersion(
        organizationId,
        {
          logo: logo === undefined ? (before?.logo ?? null) : logo,
          signatureImage: signature === undefined ? (before?.signatureImage ?? null) : signature,
          signatoryName: dto.signatoryName === undefined ? (before?.signatoryName ?? null) : dto.signatoryName,
          signatoryTitle: dto.signatoryTitle === undefined ? (before?.signatoryTitle ?? null) : dto.signatoryTitle,
          accentColor: dto.accentColor === undefined ? (before?.accentColor ?? null) : dto.accentColor,
          contactEmail: dto.contactEmail === undefined ? (before?.contactEmail ?? null) : dto.contactEmail,
          websiteUrl: dto.websiteUrl === undefined ? (before?.websiteUrl ?? null) : dto.websiteUrl,
        },
        actor.userId,
        em,
      );
      const changed = (['logo', 'signatureImage', 'signatoryName', 'signatoryTitle', 'accentColor', 'contactEmail', 'websiteUrl'] as const).filter((k) => dto[k] !== undefined);
      await recordAudit(em, {
        organizationId,
        actorId: actor.userId,
        action: 'organization.branding-changed',
        subjectType: 'organization',
        subjectId: organizationId,
        data: {
          versionId: next.id,
          previousVersionId: before?.id ?? null,
          changed,
          signatoryName: next.signatoryName,
          signatoryTitle: next.signatoryTitle,
          accentColor: next.accentColor,
          contactEmail: next.contactEmail,
          websiteUrl: next.websiteUrl,
        },
      });
      return this.view(organizationId, name, next);
    });
  }
}
