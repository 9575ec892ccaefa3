import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

export type DeletableKind = 'module' | 'lesson' | 'quiz';

export interface DraftDeletionRow {
  id: string;
  course_id: string;
  course_version_id: string;
  item_kind: DeletableKind;
  item_id: string;
  title: string;
  deleted_at: Date;
}

interface Snapshot {
  modules: Record<string, unknown>[];
  lessons: Record<string, unknown>[];
  quizzes: Record<string, unknown>[];
}

/**
 * Undo for deletes in a draft. Before a module, lesson or quiz is deleted its rows are kept as
 * JSON (the module with its lessons and quizzes); a restore puts the very same rows back — same
 * ids, same lineage, same position — into the draft they were deleted from. The rows are whole
 * table rows (`to_jsonb(x)` / `jsonb_populate_recordset`), so columns added later travel too.
 */
@Injectable()
export class DraftDeletionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records what deleting the item will remove; call in the delete's transaction, before it. */
  async snapshot(
    o: { courseId: string; versionId: string; kind: DeletableKind; itemId: string; deletedBy: string }, db: Db = this.dataSource,
  ): Promise<string> {
    const moduleFilter = o.kind === 'module' ? 'm.id = $1' : 'false';
    const lessonFilter = o.kind === 'module' ? 'l.module_id = $1' : o.kind === 'lesson' ? 'l.id = $1' : 'false';
    const quizFilter = o.kind === 'module' ? 'q.module_id = $1' : o.kind === 'quiz' ? 'q.id = $1' : 'false';
    const table = o.kind === 'module' ? 'modules' : o.kind === 'lesson' ? 'lessons' : 'quizzes';
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO course_draft_deletions (course_id, course_version_id, item_kind, item_id, title, snapshot, deleted_by)
       SELECT $2, $3, $4, $1, (SELECT title FROM ${table} WHERE id = $1),
              jsonb_build_object(
                'modules', (SELECT coalesce(jsonb_agg(to_jsonb(m)), '[]') FROM modules m WHERE ${moduleFilter}),
                'lessons', (SELECT coalesce(jsonb_agg(to_jsonb(l)), '[]') FROM lessons l WHERE ${lessonFilter}),
                'quizzes', (SELECT coalesce(jsonb_agg(to_jsonb(q) - 'search'), '[]') FROM quizzes q WHERE ${quizFilter})),
              $5
       RETURNING id`,
      [o.itemId, o.courseId, o.versionId, o.kind, o.deletedBy],
    );
    return row!.id;
  }

  /** Deletions of the version not yet restored, newest first. */
  async open(versionId: string, db: Db = this.dataSource): Promise<DraftDeletionRow[]> {
    return queryRows<DraftDeletionRow>(
      db,
      `SELECT id, course_id, course_version_id, item_kind, item_id, title, deleted_at
         FROM course_draft_deletions WHERE course_version_id = $1 AND restored_at IS NULL
        ORDER BY deleted_at DESC, id LIMIT 50`,
      [versionId],
    );
  }

  /** The deletion, locked, when it belongs to the course and is not restored yet. */
  async lockOpen(deletionId: string, courseId: string, db: Db): Promise<(DraftDeletionRow & { snapshot: Snapshot }) | null> {
    return queryFirst(
      db,
      `SELECT id, course_id, course_version_id, item_kind, item_id, title, deleted_at, snapshot
         FROM course_draft_deletions WHERE id = $1 AND course_id = $2 AND restored_at IS NULL FOR UPDATE`,
      [deletionId, courseId],
    );
  }

  /** Whether the module a lesson or quiz was in still exists (else it cannot come back alone). */
  async moduleExists(moduleId: string, db: Db): Promise<boolean> {
    return (await queryFirst(db, `SELECT 1 FROM modules WHERE id = $1`, [moduleId])) !== null;
  }

  /** Puts the rows back: makes room at their positions, then inserts them unchanged. */
  async restore(deletion: DraftDeletionRow & { snapshot: Snapshot }, db: Db): Promise<void> {
    const s = deletion.snapshot;
    for (const m of s.modules) {
      await db.query(`UPDATE modules SET position = position + 1 WHERE course_version_id = $1 AND position >= $2`, [m.course_version_id, m.position]);
    }
    if (deletion.item_kind === 'lesson') {
      for (const l of s.lessons) {
        await db.query(`UPDATE lessons SET position = position + 1 WHERE module_id = $1 AND position >= $2`, [l.module_id, l.position]);
      }
    }
    if (deletion.item_kind === 'quiz') {
      for (const q of s.quizzes) {
        await db.query(`UPDATE quizzes SET position = position + 1 WHERE module_id = $1 AND position >= $2`, [q.module_id, q.position]);
      }
    }
    await db.query(`INSERT INTO modules SELECT * FROM jsonb_populate_recordset(null::modules, $1::jsonb)`, [JSON.stringify(s.modules)]);
    await db.query(`INSERT INTO lessons SELECT * FROM jsonb_populate_recordset(null::lessons, $1::jsonb)`, [JSON.stringify(s.lessons)]);
    await db.query(`INSERT INTO quizzes SELECT * FROM jsonb_populate_recordset(null::quizzes, $1::jsonb)`, [JSON.stringify(s.quizzes)]);
    await db.query(`UPDATE course_draft_deletions SET restored_at = now() WHERE id = $1`, [deletion.id]);
  }

  /**
   * Deletes a course that was never published (nothing can refer to it: no enrolment, cohort or
   * certificate is possible before publishing); answers whether it did. Its versions, items,
   * editions and media rows go with it (ON DELETE CASCADE).
   */
  async deleteNeverPublishedCourse(courseId: string, db: Db): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `DELETE FROM courses c
        WHERE c.id = $1 AND c.published_version_id IS NULL
          AND NOT EXISTS (SELECT 1 FROM course_versions v WHERE v.course_id = c.id AND v.published_at IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id)
          AND NOT EXISTS (SELECT 1 FROM cohorts h WHERE h.course_id = c.id)
        RETURNING c.id`,
      [courseId],
    );
    return rows.length > 0;
  }

  /** Removes stored bytes kept in PostgreSQL under the given keys (a deleted course's media). */
  async deleteStoredFiles(keys: string[], db: Db): Promise<void> {
    if (keys.length > 0) await db.query(`DELETE FROM stored_files WHERE key = ANY($1::text[])`, [keys]);
  }

  /**
   * The id of the lesson of `lineageId` in the version an author edits now (the draft, else the
   * published version); null when it is not there (deleted). Lets editor URLs carry any version's
   * id and still open the current text.
   */
  async currentLessonOfLineage(courseId: string, lineageId: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ id: string }>(
      db,
      `SELECT l.id FROM courses c JOIN lessons l ON l.course_version_id = coalesce(c.draft_version_id, c.published_version_id)
        WHERE c.id = $1 AND l.lineage_id = $2`,
      [courseId, lineageId],
    );
    return row?.id ?? null;
  }
}
