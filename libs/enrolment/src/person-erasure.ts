import { Inject, Injectable } from '@nestjs/common';
import { PeopleRepository, recordAudit, SessionVersions } from '@kindling/db';
import { PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import { DataSource } from 'typeorm';

export interface ErasureResult {
  userId: string;
  /** false when the person had been erased already (nothing changed) */
  erased: boolean;
  enrolments: number;
  certificates: number;
}

/**
 * Erasure of a person (GDPR art. 17, Swiss FADP art. 32), shared by the admin's request in the
 * API and the worker's retention sweep. One transaction: the account becomes an anonymous
 * tombstone (PeopleRepository.erase), the stored certificate PDFs (they print the name) are
 * removed, and an audit event records who erased whom — by ids and counts only, since the
 * audit log is append-only and must not receive what was just removed. Erasing twice changes
 * nothing the second time.
 */
@Injectable()
export class PersonErasure {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: PeopleRepository,
    @Inject(PDF_STORAGE) private readonly storage: PdfStorage,
    private readonly versions: SessionVersions,
  ) {}

  /** Null when there is no such person. `actorId` null: the retention rule (the worker). */
  async erase(userId: string, actorId: string | null, reason: 'request' | 'retention', at: Date = new Date()): Promise<ErasureResult | null> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const person = await this.people.lockPerson(userId, em);
      if (!person) return null;
      if (person.erased_at) return { erased: false as const, enrolments: 0, certificates: 0, storageKeys: [] as string[], sessionFamilies: [] as string[] };
      const done = await this.people.erase(userId, at, em);
      if (this.storage.kind === 'postgres') for (const key of done.storageKeys) await this.storage.erase(em, key);
      await recordAudit(em, {
        organizationId: null,
        actorId,
        action: 'user.erased',
        subjectType: 'user',
        subjectId: userId,
        data: { reason, enrolments: done.enrolments, certificates: done.certificates },
      });
      return { erased: true as const, ...done };
    });
    if (!outcome) return null;
    if (outcome.erased) {
      // After the commit: the access tokens still out there stop working at once (their sessions are revoked).
      await this.versions.sessionsRevoked(outcome.sessionFamilies);
      await this.versions.actorsChanged([userId]);
    }
    // A directory store deletes files at once: only after the commit, so a rollback never loses a PDF.
    if (this.storage.kind === 'directory') for (const key of outcome.storageKeys) await this.storage.erase(this.dataSource.manager, key);
    return { userId, erased: outcome.erased, enrolments: outcome.enrolments, certificates: outcome.certificates };
  }
}
