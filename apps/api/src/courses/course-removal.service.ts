import { Inject, Injectable } from '@nestjs/common';
import { conflict, isUuid, msg, notFound } from '@kindling/common';
import { CourseMediaRepository, DraftDeletionsRepository, recordAudit } from '@kindling/db';
import { MEDIA_STORAGE, type MediaStorage } from '@kindling/storage';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/index.js';
import { authorScopeOf } from '../common/auth/access.service.js';
import { CourseDraftService } from './course-drafts.js';
import type { DraftDeletionView } from './dto/removal.dto.js';

/**
 * Taking things out of a course: undo of the deletes made in its draft (the rows come back
 * unchanged: same ids, lineage and position), and deleting a course that was never published.
 * A published course is archived instead (CourseAuthoringService.archive).
 */
@Injectable()
export class CourseRemovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafts: CourseDraftService,
    private readonly deletions: DraftDeletionsRepository,
    private readonly media: CourseMediaRepository,
    @Inject(MEDIA_STORAGE) private readonly storage: MediaStorage,
  ) {}

  /** What can still be restored in the open draft, newest first (empty without a draft). */
  async openDeletions(actor: Actor, courseId: string): Promise<DraftDeletionView[]> {
    const scope = authorScopeOf(actor);
    return this.dataSource.transaction(async (em) => {
      const course = await this.drafts.lockEditable(courseId, scope, em, { allowArchived: true });
      if (!course.draft_version_id) return [];
      const rows = await this.deletions.open(course.draft_version_id, em);
      return rows.map((r) => ({ id: r.id, kind: r.item_kind, itemId: r.item_id, title: r.title, deletedAt: new Date(r.deleted_at).toISOString() }));
    });
  }

  async restore(actor: Actor, courseId: string, deletionId: string): Promise<DraftDeletionView> {
    const scope = authorScopeOf(actor);
    if (!isUuid(deletionId)) throw notFound('deletion');
    return this.dataSource.transaction(async (em) => {
      const course = await this.drafts.lockEditable(courseId, scope, em);
      const deletion = await this.deletions.lockOpen(deletionId, courseId, em);
      if (!deletion) throw notFound('deletion');
      if (deletion.course_version_id !== course.draft_version_id) throw conflict(msg('authoring1.deletion.notDraft'));
      if (deletion.item_kind !== 'module') {
        const parent = [...deletion.snapshot.lessons, ...deletion.snapshot.quizzes][0]?.module_id;
        if (typeof parent !== 'string' || !(await this.deletions.moduleExists(parent, em))) throw conflict(msg('authoring1.deletion.moduleGone'));
      }
      await this.deletions.restore(deletion, em);
      return { id: deletion.id, kind: deletion.item_kind, itemId: deletion.item_id, title: deletion.title, deletedAt: new Date(deletion.deleted_at).toISOString() };
    });
  }

  /** 409 once any version was published (archive it instead). Audited. */
  async deleteCourse(actor: Actor, courseId: string): Promise<void> {
    const scope = authorScopeOf(actor);
    const keys = await this.dataSource.transaction(async (em) => {
      const course = await this.drafts.lockEditable(courseId, scope, em, { allowArchived: true });
      const mediaKeys = await this.media.storageKeysOfCourse(courseId, em);
      if (!(await this.deletions.deleteNeverPublishedCourse(courseId, em))) throw conflict(msg('authoring1.course.everPublished'));
      if (this.storage.kind === 'postgres') await this.deletions.deleteStoredFiles(mediaKeys, em);
      await recordAudit(em, {
        organizationId: null, actorId: actor.userId, action: 'course.deleted', subjectType: 'course', subjectId: courseId,
        data: { draftVersionId: course.draft_version_id, media: mediaKeys.length },
      });
      return mediaKeys;
    });
    // A directory store's files go after the commit (a failure here leaves unreferenced files, never a row without its file).
    if (this.storage.kind === 'directory') for (const key of keys) await this.storage.discard(key);
  }
}
