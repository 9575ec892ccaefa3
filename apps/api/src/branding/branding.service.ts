import { Injectable } from '@nestjs/common';
import { BrandingRepository, type BrandingImage, type BrandingVersionRow, recordAudit } from '@kindling/db';
import { isUuid, notFound } from '@kindling/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { sanitiseBrandingImage } from './branding-images.js';
import type { BrandingImageView, BrandingView, UpdateBrandingDto } from './dto/branding.dto.js';

const imageView = (img: BrandingImage | null): BrandingImageView | null =>
  img ? { mime: img.mime, dataUrl: `data:${img.mime};base64,${img.data.toString('base64')}`, bytes: img.data.length } : null;

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
        },
        actor.userId,
        em,
      );
      const changed = (['logo', 'signatureImage', 'signatoryName', 'signatoryTitle', 'accentColor'] as const).filter((k) => dto[k] !== undefined);
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
        },
      });
      return this.view(organizationId, name, next);
    });
  }
}
