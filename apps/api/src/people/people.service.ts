import { Inject, Injectable } from '@nestjs/common';
import { PeopleRepository, recordAudit, type PersonRow } from '@kindling/db';
import { DomainError, msg, notFound } from '@kindling/common';
import { PersonErasure } from '@kindling/enrolment';
import { PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import type { ErasureView, PeoplePage, PersonDetailView, PersonView } from './dto/people.dto.js';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

const toView = (r: PersonRow): PersonView => ({
  id: r.id,
  name: r.name,
  email: r.email,
  username: r.erasedAt ? null : r.username,
  platformRoles: r.platformRoles,
  organizations: r.organizations,
  erasedAt: iso(r.erasedAt),
  createdAt: iso(r.createdAt)!,
});

const README = `Kindling — your data (data-subject access request, GDPR art. 15 / Swiss FADP art. 25)

kindling-data.json   everything Kindling holds about you: your account, memberships,
                     enrolments with progress, lesson completions, quiz attempts and answers,
                     self-assessment answers, certificates, certificate name requests, linked
                     sign-in providers, reminders sent to you, and the audit events you caused
                     or that concern your account.
certificates/        the current PDF of each of your certificates.

Passwords and sign-in codes are stored only as one-way hashes; they are not included.
`;

/**
 * People as data subjects: the platform admin's directory (issue 18 point 6), the learner's
 * own export and an admin's erasure (point 7).
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    private readonly erasure: PersonErasure,
    @Inject(PDF_STORAGE) private readonly storage: PdfStorage,
  ) {}

  async search(q: string | undefined, page = 1, pageSize = 25): Promise<PeoplePage> {
    const term = q && q.length > 0 ? q : null;
    const { total, rows } = await this.people.search(term, pageSize, (page - 1) * pageSize);
    return { total, page, pageSize, items: rows.map(toView) };
  }

  async detail(userId: string): Promise<PersonDetailView> {
    const r = await this.people.detail(userId);
    if (!r) throw notFound('user');
    return {
      ...toView(r),
      locale: r.locale,
      memberships: r.memberships,
      enrolments: r.enrolments.map((e) => ({ ...e, completedAt: iso(e.completedAt), withdrawnAt: iso(e.withdrawnAt) })),
      certificates: r.certificates.map((c) => ({ ...c, issuedAt: iso(c.issuedAt)!, validUntil: iso(c.validUntil) })),
    };
  }

  async erase(actor: Actor, userId: string): Promise<ErasureView> {
    if (actor.userId === userId) throw new DomainError('conflict', msg('office2.erasure.self'));
    const done = await this.erasure.erase(userId, actor.userId, 'request');
    if (!done) throw notFound('user');
    return done;
  }

  /** The caller's archive: kindling-data.json, README.txt and certificates/<number>.pdf. */
  async export(actor: Actor): Promise<{ bytes: Buffer; filename: string }> {
    const data = await this.people.exportData(actor.userId);
    if (!data) throw notFound('user');
    const zip = new JSZip();
    const certificates = (data.certificates as { number: string; storageKey?: string }[]) ?? [];
    for (const c of certificates) {
      const key = c.storageKey;
      delete c.storageKey;
      if (!key) continue;
      const pdf = await this.storage.get(key);
      if (pdf) zip.file(`certificates/${c.number}.pdf`, pdf);
    }
    zip.file('kindling-data.json', JSON.stringify({ exportedAt: new Date().toISOString(), ...data }, null, 2));
    zip.file('README.txt', README);
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await recordAudit(this.dataSource.manager, {
      organizationId: null,
      actorId: actor.userId,
      action: 'user.data_exported',
      subjectType: 'user',
      subjectId: actor.userId,
      data: { certificates: certificates.length },
    });
    return { bytes, filename: `kindling-data-${new Date().toISOString().slice(0, 10)}.zip` };
  }
}
