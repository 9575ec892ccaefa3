import { Injectable } from '@nestjs/common';
import { OrganizationsRepository } from '@kindling/db';
import { isLocale, localeFromAcceptLanguage, resolveLocale, type Locale } from '@kindling/domain';
import type { EntityManager } from 'typeorm';

/** A new account's language, and whether it was given explicitly (then later defaults never replace it). */
export interface NewAccountLocale {
  locale: Locale;
  chosen: boolean;
}

/**
 * The language of accounts an organisation creates (invitations, CSV uploads, pupils), by the one
 * rule (`resolveLocale`): the line's own language (the inviter's column) — an explicit choice —
 * else the organisation's default, else the inviter's browser (`Accept-Language` of the request
 * that uploaded), else `fallback` (the course's language), never a silent English.
 */
@Injectable()
export class NewAccountLocales {
  constructor(private readonly organizations: OrganizationsRepository) {}

  /** Reads the organisation's default once; the answer decides each line. */
  async forOrganisation(
    em: EntityManager,
    organizationId: string | null,
    request: { acceptLanguage?: string | null; fallback?: string | null },
  ): Promise<(given?: Locale | null) => NewAccountLocale> {
    const organisationDefault = organizationId ? await this.organizations.defaultLocale(organizationId, em) : null;
    const acceptLanguage = localeFromAcceptLanguage(request.acceptLanguage);
    const fallback = isLocale(request.fallback) ? request.fallback : undefined;
    const byDefault = resolveLocale({ organisationDefault, acceptLanguage, fallback });
    return (given) => (isLocale(given) ? { locale: given, chosen: true } : { locale: byDefault, chosen: false });
  }
}
