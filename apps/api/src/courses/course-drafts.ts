import { Injectable } from '@nestjs/common';
import { type CourseItemKind, CourseItemsRepository, type CourseRow, CoursesRepository } from '@kindling/db';
import type { EntityManager } from 'typeorm';
import { conflict, invalid, notFound, msg } from '@kindling/common';
import type { AuthorScope } from '../common/auth/access.service.js';

/** An item of the course's draft, found from an id of any version of the course. */
export interface DraftItem {
  courseId: string;
  draftVersionId: string;
  id: string;
  lineageId: string;
  /** the draft module holding a lesson or quiz (the module itself for a module) */
  moduleId: string;
}

/**
 * Edits always land on the course's draft version. A published course gets its draft on the
 * first edit: the published version is copied with its modules, lessons and quizzes (new ids,
 * the same lineage ids), so learners enrolled in the published version never see the edit.
 * Every method runs inside the caller's transaction (`em`) and locks the course row, so
 * concurrent first edits create one draft.
 */
@Injectable()
export class CourseDraftService {
  constructor(
    private readonly courses: CoursesRepository,
    private readonly items: CourseItemsRepository,
  ) {}

  /** The course, locked; 404 when the caller may not edit it, 409 when it is archived (unless allowed). */
  async lockEditable(courseId: string, scope: AuthorScope, em: EntityManager, options: { allowArchived?: boolean } = {}): Promise<CourseRow> {
    const course = await this.courses.lockForEdit(courseId, scope, em);
    if (!course) throw notFound('course');
    if (course.archived_at && !options.allowArchived) throw conflict(msg('errors.course.archived'));
    return course;
  }

  /** The id of the course's draft version, creating it from the published version if needed. */
  async ensureDraft(courseId: string, scope: AuthorScope, em: EntityManager): Promise<string> {
    const course = await this.lockEditable(courseId, scope, em);
    if (course.draft_version_id) {
      await this.courses.touchVersion(course.draft_version_id, em);
      return course.draft_version_id;
    }
    if (!course.published_version_id) throw new Error(`course ${courseId} has neither a draft nor a published version`);
    const draftId = await this.courses.createDraftVersion(courseId, { copyOf: course.published_version_id }, em);
    await this.items.copyVersion(course.published_version_id, draftId, em);
    return draftId;
  }

  /**
   * Finds the draft's counterpart of a module, lesson or quiz. The id may belong to any version
   * of a course the caller may edit: ids of the published or a retired version are mapped to
   * the draft by lineage (documented on each route). 404 when the caller may not edit the
   * course; 409 when the item was deleted from the draft.
   */
  async draftItem(kind: CourseItemKind, id: string, scope: AuthorScope, em: EntityManager): Promise<DraftItem> {
    const origin = await this.items.origin(kind, id, scope, em);
    if (!origin) throw notFound(kind);
    const draftVersionId = await this.ensureDraft(origin.course_id, scope, em);
    const item = await this.items.byLineage(kind, draftVersionId, origin.lineage_id, em);
    if (!item) throw conflict(msg(`errors.course.itemDeleted.${kind}`));
    return { courseId: origin.course_id, draftVersionId, id: item.id, lineageId: origin.lineage_id, moduleId: item.module_id };
  }

  /**
   * Sets the positions of the draft's modules (parent: the draft version) or of a draft module's
   * lessons from an ordered list that must be a permutation of them. Ids of any version of the
   * course are accepted and mapped to the draft by lineage. Answers the draft's ids in order.
   */
  async reorder(
    o: { kind: 'module' | 'lesson'; parentId: string; courseId: string; given: string[]; field: string },
    em: EntityManager,
  ): Promise<string[]> {
    const current = await this.items.ordered(o.kind, o.parentId, em);
    const lineages = await this.items.lineagesInCourse(o.kind, o.courseId, o.given, em);
    const lineageOf = new Map(lineages.map((r) => [r.id, r.lineage_id]));
    const draftByLineage = new Map(current.map((r) => [r.lineage_id, r.id]));
    const ordered = o.given.map((id) => draftByLineage.get(lineageOf.get(id) ?? ''));
    const unique = new Set(ordered);
    if (o.given.length !== current.length || ordered.some((id) => id === undefined) || unique.size !== current.length) {
      throw invalid(msg(`errors.course.reorder.${o.kind}`, { field: o.field, count: current.length }));
    }
    const ids = ordered as string[];
    await this.items.setOrder(o.kind, ids, em);
    return ids;
  }
}

/** A row an edit answers; missing when a concurrent edit removed it (409, worth retrying). */
export function editedRow<T>(row: T | null): T {
  if (row === null) throw conflict(msg('errors.course.editRace'));
  return row;
}
