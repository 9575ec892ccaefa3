import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CourseVersionStatus, Locale } from '../types.js';
import { queryFirst, queryRows } from '../sql.js';

/**
 * The SQL of the course aggregate's head: `courses` and `course_versions` (creating, locking,
 * drafting, publishing, archiving, the catalogue and version lists). Modules, lessons and
 * quizzes are in course-items.repository.ts. Authorisation is part of the queries: methods
 * that take an `EditorScope` find only courses the caller may edit (authors their own, admins
 * all) and answer null otherwise.
 */

/** Who may edit a course: the author of it, or an admin. */
export interface EditorScope {
  userId: string;
  admin: boolean;
}

/** Who reads the catalogue or an outline. */
export interface ReaderScope {
  userId: string;
  admin: boolean;
  author: boolean;
}

/** A course row as locked for editing. */
export interface CourseRow {
  id: string;
  published_version_id: string | null;
  draft_version_id: string | null;
  archived_at: Date | null;
}

/** The fields of a course version (what an author edits on the course itself). */
export interface CourseVersionRow {
  id: string;
  version: number;
  status: CourseVersionStatus;
  title: string;
  summary: string;
  locale: Locale;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  /** numeric: read as a string */
  accreditation_hours: string | null;
  min_minutes: number | null;
  self_enrolment: boolean;
  instrument_id: string | null;
  /** Certificates of this version are valid this many months; null: they do not expire. */
  certificate_validity_months: number | null;
}

/** A catalogue entry: the shown version with its course's state and the total of the filter. */
export interface CatalogueRow extends CourseVersionRow {
  course_id: string;
  published_version_id: string | null;
  archived_at: Date | null;
  /** count(*) OVER (): a bigint, read as a string */
  total: string;
}

/** A course as its outline needs it, with whether the reader may author it. */
export interface OutlineCourseRow extends CourseRow {
  can_author: boolean;
}

/** One line of a course's version list. */
export interface VersionSummaryRow {
  id: string;
  version: number;
  status: CourseVersionStatus;
  title: string;
  published_at: Date | null;
  created_at: Date;
  enrolments: number;
}

/** The fields written when a course is created (version 1) — already trimmed by the caller. */
export interface NewVersionFields {
  title: string;
  summary: string;
  locale: Locale;
  accreditationBody: string | null;
  accreditationReference: string | null;
  accreditationHours: number | null;
  minMinutes: number | null;
  selfEnrolment: boolean;
  certificateValidityMonths?: number | null;
}

/** A partial update of the draft's fields; absent keys are left alone. */
export type VersionChanges = Partial<NewVersionFields>;

/** The catalogue filter, prepared by the caller (search text as a tsquery and an escaped ILIKE pattern). */
export interface CatalogueFilter {
  locale: string | null;
  like: string | null;
  tsquery: string | null;
}

const VERSION_COLUMNS = `v.id, v.version, v.status, v.title, v.summary, v.locale, v.accreditation_body, v.accreditation_reference,
  v.accreditation_hours, v.min_minutes, v.self_enrolment, v.instrument_id, v.certificate_validity_months`;

/** The columns a draft version takes from its origin: the given fields, or a copy of another version. */
const DRAFT_COLUMNS = `title, summary, locale, accreditation_body, accreditation_reference, accreditation_hours, min_minutes, self_enrolment, certificate_validity_months`;

const CHANGE_COLUMNS: Record<keyof NewVersionFields, string> = {
  title: 'title',
  summary: 'summary',
  locale: 'locale',
  accreditationBody: 'accreditation_body',
  accreditationReference: 'accreditation_reference',
  accreditationHours: 'accreditation_hours',
  minMinutes: 'min_minutes',
  selfEnrolment: 'self_enrolment',
  certificateValidityMonths: 'certificate_validity_months',
};

const CATALOGUE_WHERE = `((c.published_version_id IS NOT NULL AND c.archived_at IS NULL) OR ($2 AND c.author_id = $1))
          AND ($3::text IS NULL OR v.locale = $3)
          AND ($4::text IS NULL OR ($5::text IS NOT NULL AND v.search @@ to_tsquery('simple', $5)) OR v.title ILIKE $4 OR v.summary ILIKE $4)`;

@Injectable()
export class CoursesRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ---------- writing (inside the caller's transaction) ----------

  /** Creates the course row (without versions); answers its id. */
  async insertCourse(authorId: string, db: EntityManager | DataSource = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(db, `INSERT INTO courses (author_id) VALUES ($1) RETURNING id`, [authorId]);
    return row!.id;
  }

  /**
   * Locks the course row for an edit (so concurrent first edits create one draft); null when
   * there is no such course or the caller may not edit it.
   */
  async lockForEdit(courseId: string, editor: EditorScope, db: EntityManager | DataSource = this.dataSource): Promise<CourseRow | null> {
    return queryFirst<CourseRow>(
      db,
      `SELECT id, published_version_id, draft_version_id, archived_at
       FROM courses WHERE id = $1 AND (author_id = $2 OR $3) FOR UPDATE`,
      [courseId, editor.userId, editor.admin],
    );
  }

  /**
   * The one way a draft version comes to be, and the course pointed at it: version 1 from the
   * given fields (a new course), or version n+1 copied from another version, instrument
   * included (the first edit of a published course; its modules, lessons and quizzes are copied
   * by CourseItemsRepository.copyVersion). Answers the draft's id.
   */
  async createDraftVersion(
    courseId: string,
    from: { fields: NewVersionFields } | { copyOf: string },
    db: EntityManager | DataSource = this.dataSource,
  ): Promise<string> {
    const created =
      'fields' in from
        ? await queryFirst<{ id: string }>(
            db,
            `INSERT INTO course_versions (course_id, version, status, ${DRAFT_COLUMNS})
             VALUES ($1, 1, 'draft', $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
            [
              courseId, from.fields.title, from.fields.summary, from.fields.locale, from.fields.accreditationBody,
              from.fields.accreditationReference, from.fields.accreditationHours, from.fields.minMinutes, from.fields.selfEnrolment,
              from.fields.certificateValidityMonths ?? null,
            ],
          )
        : await queryFirst<{ id: string }>(
            db,
            `INSERT INTO course_versions (course_id, version, status, ${DRAFT_COLUMNS}, instrument_id)
             SELECT course_id, (SELECT max(version) + 1 FROM course_versions WHERE course_id = $1), 'draft', ${DRAFT_COLUMNS}, instrument_id
               FROM course_versions WHERE id = $2
             RETURNING id`,
            [courseId, from.copyOf],
          );
    const draftId = created!.id;
    await db.query(`UPDATE courses SET draft_version_id = $1 WHERE id = $2`, [draftId, courseId]);
    return draftId;
  }

  /** Marks the draft as edited now. */
  async touchVersion(versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`UPDATE course_versions SET updated_at = now() WHERE id = $1`, [versionId]);
  }

  /** Writes the given fields of a version (nothing when there are none). */
  async updateVersion(versionId: string, changes: VersionChanges, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(CHANGE_COLUMNS) as [keyof NewVersionFields, string][]) {
      if (changes[key] === undefined) continue;
      values.push(changes[key]);
      sets.push(`${column} = $${values.length}`);
    }
    if (sets.length === 0) return;
    values.push(versionId);
    await db.query(`UPDATE course_versions SET ${sets.join(', ')}, updated_at = now() WHERE id = $${values.length}`, values);
  }

  /** Sets (or with null removes) the self-assessment instrument of a version. */
  async setInstrument(versionId: string, instrumentId: string | null, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`UPDATE course_versions SET instrument_id = $2, updated_at = now() WHERE id = $1`, [versionId, instrumentId]);
  }

  /** The version number of a version; null when there is none. */
  async versionNumber(versionId: string | null, db: EntityManager | DataSource = this.dataSource): Promise<number | null> {
    const row = await queryFirst<{ version: number }>(db, `SELECT version FROM course_versions WHERE id = $1`, [versionId]);
    return row ? row.version : null;
  }

  /** How many lessons a version holds. */
  async lessonCount(versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<number> {
    const row = await queryFirst<{ lessons: number }>(
      db,
      `SELECT count(*)::int AS lessons FROM lessons WHERE course_version_id = $1`,
      [versionId],
    );
    return row?.lessons ?? 0;
  }

  /** Sets a version's status to retired (replaced by a newer publication) or archived (with its course). */
  async setVersionStatus(versionId: string, status: 'retired' | 'archived', db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`UPDATE course_versions SET status = $2, updated_at = now() WHERE id = $1`, [versionId, status]);
  }

  /**
   * Publishes the draft: the version becomes published and the course points at it (with no
   * draft). Answers the version number; null when the version row was not found.
   */
  async publishDraft(courseId: string, draftId: string, db: EntityManager | DataSource = this.dataSource): Promise<number | null> {
    const row = await queryFirst<{ version: number }>(
      db,
      `UPDATE course_versions SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1 RETURNING version`,
      [draftId],
    );
    if (!row) return null;
    await db.query(`UPDATE courses SET published_version_id = $1, draft_version_id = NULL WHERE id = $2`, [draftId, courseId]);
    return row.version;
  }

  /** Marks the course archived (it leaves the catalogue and takes no new enrolments). */
  async archiveCourse(courseId: string, db: EntityManager | DataSource = this.dataSource): Promise<void> {
    await db.query(`UPDATE courses SET archived_at = now() WHERE id = $1`, [courseId]);
  }

  // ---------- reading ----------

  /**
   * A page of the catalogue: published, not archived courses, and for authors their own
   * courses in any state (with the published version, or the draft when never published).
   */
  async catalogue(reader: ReaderScope, filter: CatalogueFilter, page: { limit: number; offset: number }): Promise<CatalogueRow[]> {
    return queryRows<CatalogueRow>(
      this.dataSource,
      `SELECT c.id AS course_id, c.published_version_id, c.archived_at, ${VERSION_COLUMNS}, count(*) OVER () AS total
         FROM courses c
         JOIN course_versions v ON v.id = coalesce(c.published_version_id, c.draft_version_id)
        WHERE ${CATALOGUE_WHERE}
        ORDER BY lower(v.title), c.id
        LIMIT $6 OFFSET $7`,
      [reader.userId, reader.author, filter.locale, filter.like, filter.tsquery, page.limit, page.offset],
    );
  }

  /** How many courses the catalogue filter finds (for a page past the end). */
  async catalogueCount(reader: ReaderScope, filter: CatalogueFilter): Promise<number> {
    const row = await queryFirst<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total
         FROM courses c
         JOIN course_versions v ON v.id = coalesce(c.published_version_id, c.draft_version_id)
        WHERE ${CATALOGUE_WHERE}`,
      [reader.userId, reader.author, filter.locale, filter.like, filter.tsquery],
    );
    return row?.total ?? 0;
  }

  /**
   * The course for its outline, when the reader may see it: admins, its author, anyone while
   * it is published and not archived, and learners enrolled in it. Null otherwise.
   */
  async forOutline(courseId: string, reader: ReaderScope): Promise<OutlineCourseRow | null> {
    return queryFirst<OutlineCourseRow>(
      this.dataSource,
      `SELECT c.id, c.published_version_id, c.draft_version_id, c.archived_at, ($3 OR ($4 AND c.author_id = $2)) AS can_author
         FROM courses c
        WHERE c.id = $1
          AND ($3 OR ($4 AND c.author_id = $2)
               OR (c.published_version_id IS NOT NULL AND c.archived_at IS NULL)
               OR EXISTS (SELECT 1 FROM enrolments e WHERE e.course_id = c.id AND e.user_id = $2))`,
      [courseId, reader.userId, reader.admin, reader.author],
    );
  }

  /** A version's fields; null when there is none. */
  async version(versionId: string, db: EntityManager | DataSource = this.dataSource): Promise<CourseVersionRow | null> {
    return queryFirst<CourseVersionRow>(db, `SELECT ${VERSION_COLUMNS} FROM course_versions v WHERE v.id = $1`, [versionId]);
  }

  /** Every version of a course the caller may edit, newest first, with its enrolment count; empty otherwise. */
  async versions(courseId: string, editor: EditorScope): Promise<VersionSummaryRow[]> {
    return queryRows<VersionSummaryRow>(
      this.dataSource,
      `SELECT v.id, v.version, v.status, v.title, v.published_at, v.created_at,
              (SELECT count(*) FROM enrolments e WHERE e.course_version_id = v.id)::int AS enrolments
         FROM course_versions v JOIN courses c ON c.id = v.course_id
        WHERE v.course_id = $1 AND (c.author_id = $2 OR $3)
        ORDER BY v.version DESC`,
      [courseId, editor.userId, editor.admin],
    );
  }
}
